using System.Reflection;
using System.Runtime.Loader;
using CodeFirst.Definitions;
using CodeFirst.Generators.Tests.Execution;
using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

/// <summary>Execution settings: [Task] properties, [Dag] defaults, [Branch]/[ShortCircuit] and callbacks (CF0016-CF0021).</summary>
public sealed class DagGeneratorExecutionSettingsTests
{
    public const string Source = """
        using CodeFirst;

        namespace ExecSettings;

        public static class Calls
        {
            public static readonly List<string> Log = [];
        }

        [Dag("exec_settings", DefaultRetries = 2, DefaultRetryDelay = "00:01:00", DefaultPool = "db", DefaultQueue = "etl",
            DefaultRetryExponentialBackoff = true, DefaultExecutionTimeout = "00:10:00", DefaultOnFailure = nameof(Alert),
            MaxActiveTasks = 4, OnSuccess = nameof(RunDone))]
        public sealed partial class ExecDag
        {
            [Task, Branch]
            public string Pick() => "load";

            [Task(After = [nameof(Pick)], Queue = "gpu", PoolSlots = 2, Retries = 0, MaxRetryDelay = "00:10:00", PriorityWeight = 5, WeightRule = WeightRule.Absolute)]
            public void Load() { }

            [Task(After = [nameof(Pick)]), ShortCircuit]
            public static Task<bool> Check() => Task.FromResult(true);

            [Task(Setup = true)]
            public void Create() { }

            [Task(Teardown = true, After = [nameof(Create), nameof(Load)], OnRetry = nameof(Retrying), DependsOnPast = true, WaitForDownstream = true)]
            public void Drop() { }

            public static void Alert(TaskContext context) => Calls.Log.Add("alert:" + context.TaskId);

            public Task Retrying(CallbackContext context, CancellationToken cancellationToken)
            {
                Calls.Log.Add("retry:" + context.TaskId);
                return Task.CompletedTask;
            }

            public static ValueTask RunDone(CallbackContext context)
            {
                Calls.Log.Add("done:" + context.RunId);
                return ValueTask.CompletedTask;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var output = GeneratorHarness.Run(Source).AssertCompilesCleanly();
        using var stream = new MemoryStream();
        var emit = output.OutputCompilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("exec-settings", isCollectible: true).LoadFromStream(stream);
    });

    private static DagDefinition Definition => (DagDefinition)Compiled.Value.GetType("ExecSettings.ExecDag", throwOnError: true)!
        .GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    [Fact]
    public void Generate_ExecutionSettings_MatchesSnapshot()
    {
        var output = GeneratorHarness.Run(Source).AssertCompilesCleanly();

        Snapshot.Match(output.Source("ExecSettings.ExecDag.g.cs"), "ExecDag.g.cs");
    }

    [Fact]
    public void Definition_DagDefaults_ApplyWhereTheTaskLeavesTheSettingUnset()
    {
        var dag = Definition;
        var pick = dag.GetTask("pick");
        var load = dag.GetTask("load");

        Assert.Equal(4, dag.MaxActiveTasks);
        Assert.Equal((2, TimeSpan.FromMinutes(1), "db", "etl", true, TimeSpan.FromMinutes(10)),
            (pick.Retries, pick.RetryDelay, pick.Pool, pick.Queue, pick.RetryExponentialBackoff, pick.ExecutionTimeout));
        Assert.Equal((0, "gpu", 2, 5, WeightRule.Absolute, TimeSpan.FromMinutes(10)),
            (load.Retries, load.Queue, load.PoolSlots, load.PriorityWeight, load.WeightRule, load.MaxRetryDelay));
        Assert.Equal((TaskKind.Branch, TaskKind.ShortCircuit, TaskKind.Task), (pick.Kind, dag.GetTask("check").Kind, load.Kind));
        Assert.True(dag.GetTask("create").IsSetup);
        var drop = dag.GetTask("drop");
        Assert.Equal((true, true, true), (drop.IsTeardown, drop.DependsOnPast, drop.WaitForDownstream));
    }

    [Fact]
    public async Task Definition_Callbacks_CallTheNamedMethods()
    {
        var dag = Definition;
        var services = new FakeServices();
        var context = new FakeInvocation("pick", services).Context;

        await dag.GetTask("pick").OnFailure!(new CallbackContext { DagId = "exec_settings", RunId = "r1", TaskId = "pick", Task = context, State = "failed" }, services, default);
        await dag.GetTask("drop").OnRetry!(new CallbackContext { DagId = "exec_settings", RunId = "r1", TaskId = "drop", State = "up_for_retry" }, services, default);
        await dag.OnSuccess!(new CallbackContext { DagId = "exec_settings", RunId = "r1", State = "success" }, services, default);

        var log = (List<string>)Compiled.Value.GetType("ExecSettings.Calls")!.GetField("Log")!.GetValue(null)!;
        Assert.Equal([$"alert:{context.TaskId}", "retry:drop", "done:r1"], log);
        Assert.Null(dag.OnFailure);
    }

    private static MarkedSource Dag(string task, string dagArguments = "\"checks\"") => MarkedSource.Parse($$"""
        using CodeFirst;
        namespace Checks;
        [Dag({{dagArguments}})]
        public sealed partial class ChecksDag
        {
            {{task}}
            public void Cb(int wrong) { }
        }
        """);

    [Fact]
    public void Branch_ReturnsInt_ReportsCF0016()
    {
        var source = Dag("[Task, Branch] public int [|Pick|]() => 1;");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0016", source, ["'pick'", "'int'", "IEnumerable<string>"]);
    }

    [Fact]
    public void ShortCircuit_ReturnsString_ReportsCF0017()
    {
        var source = Dag("[Task, ShortCircuit] public string [|Check|]() => \"\";");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0017", source, ["'check'", "'string'", "returns bool"]);
    }

    [Fact]
    public void Callback_UnknownMethod_ReportsCF0018()
    {
        var source = Dag("[Task(OnFailure = [|\"Nope\"|])] public void Run() { }");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0018", source, ["OnFailure names 'Nope'", "'ChecksDag'"]);
    }

    [Fact]
    public void Callback_WrongParameters_ReportsCF0019()
    {
        var source = Dag("[Task(OnSuccess = [|nameof(Cb)|])] public void Run() { }");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0019", source, ["'Cb'", "first parameter is 'int'"]);
    }

    [Fact]
    public void DagCallback_TakingTaskContext_ReportsCF0019()
    {
        var source = Dag("[Task] public void Run() { } public void OnDone(TaskContext context) { }", "\"checks\", OnFailure = [|nameof(OnDone)|]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0019", source, ["'OnDone'", "[Dag] OnFailure", "CallbackContext context"]);
    }

    [Fact]
    public void SetupAndTeardown_Together_ReportsCF0020()
    {
        var source = Dag("[Task(Setup = true, Teardown = true)] public void [|Both|]() { }");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0020", source, ["'both'", "Setup and Teardown"]);
    }

    [Fact]
    public void Pool_Blank_ReportsCF0021AndKeepsTheDefinition()
    {
        var source = Dag("[Task(Pool = [|\" \"|])] public void Run() { }");

        var output = GeneratorHarness.Run(source.Source);

        DiagnosticAssert.Single(output, "CF0021", source, ["Pool ' '"]);
        Assert.DoesNotContain("Pool =", output.Sources["Checks.ChecksDag.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void PoolSlots_Zero_ReportsCF0012()
    {
        var source = Dag("[Task(PoolSlots = [|0|])] public void Run() { }");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0012", source, ["PoolSlots is 0", "at least 1"]);
    }

    [Fact]
    public void DefaultRetryDelay_Invalid_ReportsCF0009NamingTheDefault()
    {
        var source = Dag("[Task] public void Run() { }", "\"checks\", DefaultRetryDelay = [|\"soon\"|]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0009", source, ["DefaultRetryDelay"]);
    }

    [Fact]
    public void Generate_SampleStyleBranchingDag_CompilesCleanly()
    {
        const string source = """
            using CodeFirst;
            namespace Sample;

            [Dag("orders_branching", Schedule = "@daily", StartDate = "2024-01-01",
                DefaultRetries = 2, DefaultRetryDelay = "00:00:30", DefaultRetryExponentialBackoff = true, DefaultMaxRetryDelay = "00:10:00")]
            public sealed partial class OrdersBranching
            {
                [Task, Branch]
                public string ChooseLoad(TaskContext context) => context.LogicalDate.DayOfWeek == DayOfWeek.Sunday ? "full_load" : "incremental_load";

                [Task(After = [nameof(ChooseLoad)], Pool = "warehouse", PoolSlots = 2)]
                public void FullLoad() { }

                [Task(After = [nameof(ChooseLoad)], Pool = "warehouse")]
                public void IncrementalLoad() { }

                [Task(After = [nameof(FullLoad), nameof(IncrementalLoad)], TriggerRule = TriggerRule.NoneFailedMinOneSuccess, OnFailure = nameof(Alert))]
                public void Publish() { }

                public static void Alert(CallbackContext context) => Console.WriteLine($"{context.DagId}/{context.TaskId} failed: {context.Error}");
            }
            """;

        var generated = GeneratorHarness.Run(source).AssertCompilesCleanly().Source("Sample.OrdersBranching.g.cs");

        Assert.Contains("Kind = global::CodeFirst.Definitions.TaskKind.Branch,", generated, StringComparison.Ordinal);
        Assert.Contains("MaxRetryDelay = global::System.TimeSpan.FromTicks(6000000000),", generated, StringComparison.Ordinal);
    }
}
