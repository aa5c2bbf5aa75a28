using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    /// <summary>Writes a DAG's <c>Definition</c> and the assembly's registry from the model alone.</summary>
    internal static partial class Emitter
    {
        private const string DagDefinition = "global::CodeFirst.Definitions.DagDefinition";
        private const string TaskDefinition = "global::CodeFirst.Definitions.TaskDefinition";

        public static void EmitDag(SourceProductionContext context, DagSpec dag) =>
            context.AddSource(dag.HintName, WriteDag(dag));

        public static string WriteDag(DagSpec dag)
        {
            var writer = new SourceWriter();
            WriteHeader(writer);
            if (dag.Namespace is not null)
            {
                writer.WriteLine($"namespace {dag.Namespace};");
                writer.WriteLine();
            }
            foreach (var outer in dag.ContainingTypes) writer.WriteLine(outer).OpenBlock();
            writer.WriteLine($"partial {dag.TypeKeyword} {Parser.Identifier(dag.ClassName)}").OpenBlock();
            if (dag.Family is { } family)
            {
                WriteFamily(writer, dag, family);
            }
            else
            {
                writer.WriteLine($"/// <summary>The DAG '{EscapeXml(dag.DagId)}' as CodeFirst runs it.</summary>");
                writer.WriteLine($"public static {DagDefinition} Definition {{ get; }} = new {DagDefinition}").OpenBlock();
                WriteDefinitionBody(writer, dag);
            }
            writer.CloseBlock();
            foreach (var _ in dag.ContainingTypes) writer.CloseBlock();
            return writer.ToString();
        }

        /// <summary>Writes the object initializer's members and closes it with <c>};</c>.</summary>
        private static void WriteDefinitionBody(SourceWriter writer, DagSpec dag)
        {
            WriteDagProperties(writer, dag);
            writer.WriteLine($"Tasks = new {TaskDefinition}[]").OpenBlock();
            foreach (var task in dag.Tasks) WriteTask(writer, dag, task);
            writer.CloseBlock("},");
            writer.CloseBlock("};");
        }

        private static void WriteDagProperties(SourceWriter writer, DagSpec dag)
        {
            var family = dag.Family is not null;
            writer.WriteLine(family ? "DagId = entry.DagId," : $"DagId = {Literal(dag.DagId)},");
            if (family) writer.WriteLine(dag.Schedule is null ? "Schedule = entry.Schedule," : $"Schedule = entry.Schedule ?? {Literal(dag.Schedule)},");
            else if (dag.Schedule is not null) writer.WriteLine($"Schedule = {Literal(dag.Schedule)},");
            if (dag.StartDate is { } start) writer.WriteLine($"StartDate = {DateLiteral(start)},");
            if (dag.EndDate is { } end) writer.WriteLine($"EndDate = {DateLiteral(end)},");
            if (dag.Timezone is not null) writer.WriteLine($"Timezone = {Literal(dag.Timezone)},");
            writer.WriteLine($"Catchup = {(dag.Catchup ? "true" : "false")},");
            writer.WriteLine($"MaxActiveRuns = {dag.MaxActiveRuns.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
            if (dag.IsPausedUponCreation) writer.WriteLine("IsPausedUponCreation = true,");
            if (dag.DagRunTimeoutTicks is { } timeout) writer.WriteLine($"DagRunTimeout = global::System.TimeSpan.FromTicks({Number(timeout)}),");
            if (dag.Params is { } parameters) WriteParams(writer, parameters, family);
            writer.WriteLine(family ? $"Tags = {FamilyType}.Tags({StringArray(dag.Tags)}, entry)," : $"Tags = {StringArray(dag.Tags)},");
            if (family) writer.WriteLine(dag.Description is null ? "Description = entry.Description," : $"Description = entry.Description ?? {Literal(dag.Description)},");
            else if (dag.Description is not null) writer.WriteLine($"Description = {Literal(dag.Description)},");
            if (dag.Doc is not null) writer.WriteLine($"Doc = {Literal(dag.Doc)},");
            WriteDagExecution(writer, dag);
        }

        private static void WriteTask(SourceWriter writer, DagSpec dag, TaskSpec task)
        {
            writer.WriteLine($"new {TaskDefinition}").OpenBlock();
            writer.WriteLine($"TaskId = {Literal(task.TaskId)},");
            writer.WriteLine($"MethodName = {Literal(task.MethodName)},");
            writer.WriteLine($"Upstream = {StringArray(task.Upstream)},");
            writer.WriteLine($"XComInputs = {StringArray(task.XComInputs)},");
            if (task.ResultType is not null) writer.WriteLine($"ReturnType = {Literal(task.ResultType.Name)},");
            if (task.Retries is { } retries) writer.WriteLine($"Retries = {Number(retries)},");
            if (task.RetryDelayTicks is { } ticks) writer.WriteLine($"RetryDelay = global::System.TimeSpan.FromTicks({Number(ticks)}),");
            if (task.TriggerRule is not null)
            {
                var rule = task.TriggerRule.StartsWith("(", StringComparison.Ordinal) ? task.TriggerRule : "global::CodeFirst.TriggerRule." + task.TriggerRule;
                writer.WriteLine($"TriggerRule = {rule},");
            }
            if (!task.Outlets.IsEmpty) writer.WriteLine($"Outlets = {StringArray(task.Outlets)},");
            WriteAuthoring(writer, task);
            WriteMapping(writer, task);
            WriteTaskExecution(writer, dag, task);
            WriteInvoker(writer, dag, task);
            writer.CloseBlock("},");
        }

        private static void WriteParams(SourceWriter writer, ParamsSpec parameters, bool family)
        {
            // A family member lays its entry's defaults over the type's.
            writer.WriteLine(family ? $"Params = {FamilyType}.Params(new global::CodeFirst.Definitions.DagParams" : "Params = new global::CodeFirst.Definitions.DagParams").OpenBlock();
            writer.WriteLine($"Type = typeof({parameters.TypeName}),");
            writer.WriteLine("Properties = new global::CodeFirst.Definitions.DagParam[]").OpenBlock();
            foreach (var p in parameters.Properties)
            {
                var defaultJson = p.DefaultJson is null ? "null" : Literal(p.DefaultJson);
                writer.WriteLine($"new global::CodeFirst.Definitions.DagParam({Literal(p.Name)}, global::CodeFirst.Definitions.DagParamKind.{p.Kind}, {Bool(p.Nullable)}, {Bool(p.HasDefault)}, {defaultJson}),");
            }
            writer.CloseBlock("},");
            writer.CloseBlock(family ? "}, entry)," : "},");
        }


        private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        private static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string StringArray(EquatableArray<string> values) => values.IsEmpty
            ? "global::System.Array.Empty<string>()"
            : "new string[] { " + string.Join(", ", values.Select(Literal)) + " }";

        private static string DateLiteral(DateTime value) =>
            $"new global::System.DateTime({value.Year}, {value.Month}, {value.Day}, {value.Hour}, {value.Minute}, {value.Second})";

        private static string EscapeXml(string value) =>
            value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        private static void WriteHeader(SourceWriter writer)
        {
            writer.WriteLine("// <auto-generated/>");
            writer.WriteLine("#nullable enable");
            writer.WriteLine();
        }
    }
}
