using CodeFirst.Generators.Tests.Execution;
using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

/// <summary>Multiple outputs: keys pushed per property, parameters bound to one key, CF0054–CF0056.</summary>
public sealed class DagGeneratorOutputTests
{
    private static MarkedSource Dag(string body) => MarkedSource.Parse($$"""
        using CodeFirst;
        namespace Outputs;
        public sealed record Extracted(string Path, int Rows);
        public struct Point { public int X { get; set; } public int Y { get; set; } }
        [Dag("outputs")]
        public sealed partial class OutputDag
        {
        {{body}}
        }
        """);

    [Fact]
    public void Definition_KeyBoundUpstream_PushesEveryPropertyAndDeclaresKeyInputs()
    {
        var dag = CompiledDag.Load(AuthoringSources.Ingestion, "Authoring.IngestDag");

        Assert.Equal(["Path", "Rows"], dag.GetTask("ingestion.read_files").OutputKeys);
        Assert.Equal([new("ingestion.read_files", "Path")], dag.GetTask("transform.clean").XComKeyInputs);
        Assert.Equal(["ingestion.read_files"], dag.GetTask("transform.clean").XComInputs);
        Assert.Empty(dag.GetTask("ingestion.checks.validate").OutputKeys);
    }

    [Fact]
    public async Task Invoke_MultipleOutputsTask_PushesEachKeyAndReturnsTheWholeValue()
    {
        var dag = CompiledDag.Load(AuthoringSources.Ingestion, "Authoring.IngestDag");
        var invocation = new RecordingInvocation("ingestion.read_files");

        var json = await dag.GetTask("ingestion.read_files").Invoke(invocation);

        Assert.Equal("""{"path":"/data/in.csv","rows":3}""", json);
        Assert.Equal([("Path", "\"/data/in.csv\""), ("Rows", "3")], invocation.Pushed);
    }

    [Fact]
    public async Task Invoke_KeyBoundParameter_ReadsTheStoredKey()
    {
        var dag = CompiledDag.Load(AuthoringSources.Ingestion, "Authoring.IngestDag");
        var invocation = new RecordingInvocation("transform.clean", keys: new Dictionary<(string, string), string> { [("ingestion.read_files", "Path")] = "\" /stored.csv \"" });

        var json = await dag.GetTask("transform.clean").Invoke(invocation);

        Assert.Equal("\"/stored.csv\"", json);
    }

    [Fact]
    public async Task Invoke_KeyBoundParameterWithOnlyReturnValues_TakesThePropertyOfTheReturnValue()
    {
        var dag = CompiledDag.Load(AuthoringSources.Ingestion, "Authoring.IngestDag");
        var invocation = new RecordingInvocation("transform.count", new Dictionary<string, string>
        {
            ["ingestion.read_files"] = """{"path":"/a","rows":7}""",
            ["transform.clean"] = "\"/a\"",
        });

        Assert.Equal("7", await dag.GetTask("transform.count").Invoke(invocation));
    }

    [Fact]
    public async Task Invoke_ExplicitMultipleOutputsOnStruct_PushesKeysWithoutAConsumer()
    {
        var source = Dag("""
                [Task(MultipleOutputs = true)] public static Point Locate() => new() { X = 1, Y = 2 };
            """);
        var dag = CompiledDag.Load(source.Source, "Outputs.OutputDag");
        var invocation = new RecordingInvocation("locate");

        await dag.GetTask("locate").Invoke(invocation);

        Assert.Equal([("X", "1"), ("Y", "2")], invocation.Pushed);
    }

    [Fact]
    public async Task Invoke_NullResult_PushesNoKeys()
    {
        var source = Dag("""
                [Task(MultipleOutputs = true)] public static Extracted? Maybe() => null;
            """).Source.Replace("\"outputs\"", "\"outputs_null\"", StringComparison.Ordinal);
        var dag = CompiledDag.Load(source, "Outputs.OutputDag");
        var invocation = new RecordingInvocation("maybe");

        Assert.Equal("null", await dag.GetTask("maybe").Invoke(invocation));
        Assert.Empty(invocation.Pushed);
    }

    [Fact]
    public void Generate_NullableReferenceResult_GuardsThePushes()
    {
        var source = Dag("""
                [Task(MultipleOutputs = true)] public static Extracted? Maybe() => null;
            """);

        var generated = GeneratorHarness.Run(source.Source).AssertCompilesCleanly().Source("Outputs.OutputDag.g.cs");

        Assert.Contains("if (outputs is { } present)", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_ReportsCF0054AtTheKeyWithTheProperties()
    {
        var source = Dag("""
                [Task] public static Extracted Extract() => new("p", 1);
                [Task] public static void Load([FromTask(nameof(Extract), Key = [|"Paths"|])] string path) { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0054", source, ["key 'Paths' of task 'extract'", "Outputs.Extracted", "Its properties: Path, Rows"]);
    }

    [Fact]
    public void KeyOfAnotherType_ReportsCF0055AtTheParameter()
    {
        var source = Dag("""
                [Task] public static Extracted Extract() => new("p", 1);
                [Task] public static void Load([|[FromTask(nameof(Extract), Key = "Rows")] string rows|]) { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0055", source, ["'rows' has type 'string'", "key 'Rows' of task 'extract' is a 'int'"]);
    }

    [Fact]
    public void KeyOfAPrimitiveResult_ReportsCF0056AtTheKey()
    {
        var source = Dag("""
                [Task] public static int Extract() => 1;
                [Task] public static void Load([FromTask(nameof(Extract), Key = [|"Value"|])] int value) { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0056", source, ["Task 'extract'", "'int' is not a class, record or struct"]);
    }

    [Fact]
    public void MultipleOutputsOnAList_ReportsCF0056AtTheSetting()
    {
        var source = Dag("""
                [Task(MultipleOutputs = [|true|])] public static List<string> Extract() => [];
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0056", source, ["List<string>"]);
    }

    [Fact]
    public void MultipleOutputsOnVoid_ReportsCF0056()
    {
        var source = Dag("""
                [Task(MultipleOutputs = [|true|])] public static void Extract() { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0056", source, ["it returns void"]);
    }

    [Fact]
    public void KeyOfASensor_ReportsCF0056()
    {
        var source = Dag("""
                [Sensor(PokeInterval = "00:00:01")] public static SensorResult<Extracted> Wait() => SensorResult.Done(new Extracted("p", 1));
                [Task] public static void Load([FromTask(nameof(Wait), Key = [|"Path"|])] string path) { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0056", source, ["it is a sensor"]);
    }
}
