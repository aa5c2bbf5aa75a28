using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal static partial class Emitter
    {
        private const string FamilyType = "global::CodeFirst.Definitions.DagFamily";
        private const string FamilyEntryType = "global::CodeFirst.Definitions.DagFamilyEntry";

        /// <summary>A task's group, doc and multiple outputs; nothing for a task that uses none of them.</summary>
        private static void WriteAuthoring(SourceWriter writer, TaskSpec task)
        {
            if (task.Group is not null) writer.WriteLine($"Group = {Literal(task.Group)},");
            if (task.Doc is not null) writer.WriteLine($"Doc = {Literal(task.Doc)},");
            if (!task.OutputKeys.IsEmpty) writer.WriteLine($"OutputKeys = {StringArray(task.OutputKeys.Select(k => k.Name).ToEquatableArray())},");
            var keyed = task.Parameters.Where(p => p.UpstreamKey is not null).ToList();
            if (keyed.Count == 0) return;
            var inputs = keyed
                .Select(p => (p.UpstreamTaskId!, p.UpstreamKey!))
                .Distinct()
                .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal)
                .Select(k => $"new global::CodeFirst.Definitions.XComKeyInput({Literal(k.Item1)}, {Literal(k.Item2)})");
            writer.WriteLine($"XComKeyInputs = new global::CodeFirst.Definitions.XComKeyInput[] {{ {string.Join(", ", inputs)} }},");
        }

        /// <summary>Pushes each property of <c>result</c> as its own XCom key, as Airflow's multiple_outputs.</summary>
        private static void WriteOutputPushes(SourceWriter writer, TaskSpec task)
        {
            if (task.OutputKeys.IsEmpty) return;
            // Tested through a copy: a null test on `result` itself would make the compiler doubt it when it is serialized.
            writer.WriteLine("var outputs = result;");
            writer.WriteLine("if (outputs is { } present)").OpenBlock();
            foreach (var key in task.OutputKeys)
            {
                writer.WriteLine($"invocation.Context.XCom.Push<{key.Type.AnnotatedName}>({Literal(key.Name)}, present.{Parser.Identifier(key.Name)});");
            }
            writer.CloseBlock();
        }

        /// <summary>A family class gets a factory per member instead of one <c>Definition</c>.</summary>
        private static void WriteFamily(SourceWriter writer, DagSpec dag, FamilySpec family)
        {
            writer.WriteLine($"/// <summary>The DAG family '{EscapeXml(dag.DagId)}': one DAG per entry, expanded when CodeFirst starts.</summary>");
            writer.WriteLine($"public static {FamilyType} Family {{ get; }} = new {FamilyType}({Literal(dag.DagId)}, CreateDefinition)").OpenBlock();
            writer.WriteLine($"Entries = new {FamilyEntryType}[]").OpenBlock();
            foreach (var entry in family.Entries) WriteFamilyEntry(writer, entry);
            writer.CloseBlock("},");
            if (family.ConfigFile is not null) writer.WriteLine($"ConfigFile = {Literal(family.ConfigFile)},");
            writer.CloseBlock("};");
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The member of the DAG family '{EscapeXml(dag.DagId)}' that <paramref name=\"entry\"/> describes.</summary>");
            writer.WriteLine($"public static {DagDefinition} CreateDefinition({FamilyEntryType} entry) => new {DagDefinition}").OpenBlock();
            WriteDefinitionBody(writer, dag);
        }

        private static void WriteFamilyEntry(SourceWriter writer, FamilyEntrySpec entry)
        {
            var settings = new List<string>();
            if (entry.Schedule is not null) settings.Add($"Schedule = {Literal(entry.Schedule)}");
            if (!entry.Tags.IsEmpty) settings.Add($"Tags = {StringArray(entry.Tags)}");
            if (entry.Description is not null) settings.Add($"Description = {Literal(entry.Description)}");
            if (entry.ParamsJson is not null) settings.Add($"ParamsJson = {Literal(entry.ParamsJson)}");
            var initializer = settings.Count == 0 ? "" : " { " + string.Join(", ", settings) + " }";
            writer.WriteLine($"new {FamilyEntryType}({Literal(entry.DagId)}){initializer},");
        }
    }
}
