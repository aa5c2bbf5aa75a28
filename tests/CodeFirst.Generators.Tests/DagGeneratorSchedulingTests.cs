using System.Reflection;
using System.Runtime.Loader;
using CodeFirst.Definitions;
using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

/// <summary>DAG-level scheduling settings (issue 4): what is emitted and CF0030-CF0033.</summary>
public sealed class DagGeneratorSchedulingTests
{
    private const string SchedulingSource = """
        using CodeFirst;
        namespace Sched;

        public sealed record LoadParams(int BatchSize, string Region = "eu", bool DryRun = false, double? Ratio = null, string[]? Tables = null)
        {
            public string Mode { get; init; } = "full";
        }

        [Dag("sched", Schedule = "0 2 * * *", StartDate = "2024-03-01", Timezone = "Europe/Berlin", IsPausedUponCreation = true,
            DagRunTimeout = "01:30:00", MaxActiveTasks = 4, Params = typeof(LoadParams))]
        public sealed partial class SchedDag
        {
            [Task(Outlets = ["s3://lake/orders", "s3://lake/orders", "db://warehouse/facts"])]
            public static void Produce() { }

            [Task(After = [nameof(Produce)])]
            public static void Other() { }
        }

        [Dag("consumer", Schedule = "asset:s3://lake/orders & (asset:db://warehouse/facts | asset:x)")]
        public sealed partial class ConsumerDag
        {
            [Task] public static void Consume() { }
        }
        """;

    // Loaded once: the generated module initializer registers the DAG ids process-wide.
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var output = GeneratorHarness.Run(SchedulingSource).AssertCompilesCleanly();
        using var stream = new MemoryStream();
        var emit = output.OutputCompilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("scheduling-dags", isCollectible: true).LoadFromStream(stream);
    });

    private static DagDefinition Load(string type)
    {
        return (DagDefinition)Compiled.Value.GetType(type, throwOnError: true)!
            .GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    [Fact]
    public void Generate_SchedulingSettings_FlowIntoDefinition()
    {
        var dag = Load("Sched.SchedDag");

        Assert.Equal(("0 2 * * *", "Europe/Berlin", true), (dag.Schedule, dag.Timezone, dag.IsPausedUponCreation));
        Assert.Equal(TimeSpan.FromMinutes(90), dag.DagRunTimeout);
        Assert.Equal(4, dag.MaxActiveTasks);
        Assert.Equal(["s3://lake/orders", "db://warehouse/facts"], dag.GetTask("produce").Outlets);
        Assert.Empty(dag.GetTask("other").Outlets);
    }

    [Fact]
    public void Generate_ParamsRecord_DescribesKindsDefaultsAndRequiredFields()
    {
        var dag = Load("Sched.SchedDag");

        Assert.NotNull(dag.Params);
        Assert.Equal("LoadParams", dag.Params.Type.Name);
        var byName = dag.Params.Properties.ToDictionary(p => p.Name);
        Assert.Equal(new DagParam("BatchSize", DagParamKind.Integer, false, false, null), byName["BatchSize"]);
        Assert.True(byName["BatchSize"].Required);
        Assert.Equal(new DagParam("Region", DagParamKind.String, false, true, "\"eu\""), byName["Region"]);
        Assert.Equal(new DagParam("DryRun", DagParamKind.Boolean, false, true, "false"), byName["DryRun"]);
        Assert.Equal(new DagParam("Ratio", DagParamKind.Number, true, true, "null"), byName["Ratio"]);
        Assert.Equal(DagParamKind.Array, byName["Tables"].Kind);
        Assert.Equal(new DagParam("Mode", DagParamKind.String, false, true, "\"full\""), byName["Mode"]);
    }

    [Fact]
    public void Generate_AssetSchedule_IsKeptVerbatim()
    {
        var dag = Load("Sched.ConsumerDag");

        Assert.Equal("asset:s3://lake/orders & (asset:db://warehouse/facts | asset:x)", dag.Schedule);
        Assert.False(dag.IsPausedUponCreation);
        Assert.Null(dag.Params);
        Assert.Null(dag.DagRunTimeout);
    }

    private static MarkedSource Dag(string dagArguments, string task = "[Task] public void Run() { }") => MarkedSource.Parse($$"""
        using CodeFirst;
        namespace Settings;
        [Dag({{dagArguments}})]
        public sealed partial class SettingsDag
        {
            {{task}}
        }
        """);

    [Fact]
    public void Continuous_WithoutMaxActiveRuns_ReportsCF0030AtSchedule()
    {
        var source = Dag("""
            "settings", Schedule = [|"@continuous"|], StartDate = "2024-01-01"
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0030", source, ["'settings'", "MaxActiveRuns = 16", "set it"]);
    }

    [Fact]
    public void Continuous_WithTwoActiveRuns_ReportsCF0030AtMaxActiveRuns()
    {
        var source = Dag("""
            "settings", Schedule = "@continuous", MaxActiveRuns = [|2|]
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0030", source, ["MaxActiveRuns = 2"]);
    }

    [Fact]
    public void Continuous_WithOneActiveRun_IsAccepted() =>
        GeneratorHarness.Run(Dag("\"settings\", Schedule = \"@continuous\", MaxActiveRuns = 1").Source).AssertCompilesCleanly();

    [Theory]
    [InlineData("asset:", "has no URI")]
    [InlineData("asset:a &", "ends where an 'asset:URI' or '(' was expected")]
    [InlineData("(asset:a | asset:b", "has no matching ')'")]
    [InlineData("asset:a asset:b", "unexpected 'a' at position 9")]
    [InlineData("asset:a & s3://b", "expected 'asset:URI' or '(' at position 11")]
    [InlineData("(asset:a))", "unexpected ')' at position 10")]
    public void AssetSchedule_BadSyntax_ReportsCF0031(string schedule, string problem)
    {
        var source = Dag($$"""
            "settings", Schedule = [|"{{schedule}}"|]
            """);

        var output = GeneratorHarness.Run(source.Source);

        DiagnosticAssert.Single(output, "CF0031", source, [$"'{schedule}'", problem]);
        Assert.DoesNotContain("Schedule =", output.Source("Settings.SettingsDag.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Params_Interface_ReportsCF0032()
    {
        var source = Dag("""
            "settings", Params = [|typeof(System.IDisposable)|]
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0032", source, ["'System.IDisposable'", "non-abstract class"]);
    }

    [Fact]
    public void Outlets_UriWithSpace_ReportsCF0033AtTheEntry()
    {
        var source = Dag("\"settings\"", """[Task(Outlets = ["s3://ok", [|"s3://bad uri"|]])] public void Run() { }""");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0033", source, ["Task 'run'", "'s3://bad uri'"]);
    }

    [Fact]
    public void DagRunTimeout_Malformed_ReportsCF0009()
    {
        var source = Dag("""
            "settings", DagRunTimeout = [|"90 minutes"|]
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0009", source, ["DagRunTimeout '90 minutes'"]);
    }

    [Fact]
    public void MaxActiveTasks_Zero_ReportsCF0012()
    {
        var source = Dag("""
            "settings", MaxActiveTasks = [|0|]
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0012", source, ["MaxActiveTasks is 0", "at least 1"]);
    }
}
