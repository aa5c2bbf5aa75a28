using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal static partial class Emitter
    {
        private static void WriteMapping(SourceWriter writer, TaskSpec task)
        {
            if (task.MapOver is null) return;
            writer.WriteLine($"MapOver = {Literal(task.MapOver)},");
            if (task.MaxMapLength is { } limit) writer.WriteLine($"MaxMapLength = {Number(limit)},");
        }
    }
}
