using CodeFirst.Definitions;
using CodeFirst.MultiProcessDags;
using CodeFirst.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Tests.Cli;

public sealed class TasksTestCommandTests
{
    private static readonly DagDefinition Sample = new DagBuilder("tasks_test_sample")
        .Task("extract", ctx =>
        {
            ctx.Log.LogInformation("reading orders of {Ds}", ctx.Ds);
            return new[] { 1, 2, 3 };
        })
        .Task("transform", async (ctx, ct) =>
        {
            var rows = await ctx.XCom.PullAsync<int[]>("extract", cancellationToken: ct);
            ctx.Log.LogInformation("got {Count} rows", rows?.Length ?? 0);
            return (rows ?? []).Sum() * (ctx.GetConf<int?>("factor") ?? 1);
        }, t => t.Input("extract"))
        .Task("maybe", ctx =>
        {
            if (ctx.TryNumber == 1) throw new TaskSkippedException("nothing to do today");
        }, t => t.After("transform"))
        .Task("hang", (_, ct) => Task.Delay(Timeout.Infinite, ct), t => t.ExecutionTimeout(TimeSpan.FromMilliseconds(100)))
        .Build();

    private static readonly TaskDefinition WaitingSensor = new()
    {
        TaskId = "wait_for_file",
        MethodName = "WaitForFile",
        Kind = TaskKind.Sensor,
        Sensor = new SensorSpec(),
        Invoke = _ => new ValueTask<string?>("false"),
    };

    private readonly CliRunner _cli = new([.. TestDags.All, Sample, new DagDefinition { DagId = "sensing", Tasks = [WaitingSensor] }]);

    [Fact]
    public async Task TasksTest_UpstreamGivenWithXCom_RunsWithoutTheUpstreamAndPrintsLogAndReturnValue()
    {
        var (code, output, _) = await _cli.RunAsync("tasks", "test", "tasks_test_sample", "transform", "2024-01-31", "--xcom", "extract=[10,20]", "--conf", """{"factor":3}""");

        Assert.Equal(0, code);
        Assert.Contains("Testing task tasks_test_sample.transform, logical date 2024-01-31T00:00:00+00:00", output, StringComparison.Ordinal);
        Assert.Matches(@"\] INFORMATION got 2 rows", output);
        Assert.Contains("Return value: 90", output, StringComparison.Ordinal);
        Assert.EndsWith("Task transform: success" + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksTest_UpstreamNotGiven_PullsNullAndSaysSo()
    {
        var (code, output, _) = await _cli.RunAsync("tasks", "test", "tasks_test_sample", "transform");

        Assert.Equal(0, code);
        Assert.Contains("Note: no value given for upstream 'extract' (--xcom extract=JSON); it reads as null.", output, StringComparison.Ordinal);
        Assert.Matches(@"\] INFORMATION got 0 rows", output);
        Assert.Contains("Return value: 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksTest_GeneratedStyleInvokerWithGetInput_ReadsTheGivenValue()
    {
        var (code, output, _) = await _cli.RunAsync("tasks", "test", "passing", "consume", "--xcom", "produce=41");

        Assert.Equal(0, code);
        Assert.Contains("Return value: 42", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksTest_TaskThrows_FailsOnceWithoutRetriesAndExitsOne()
    {
        var (code, output, error) = await _cli.RunAsync("tasks", "test", "failing", "extract");

        Assert.Equal(1, code);
        Assert.Contains("Task extract: failed: InvalidOperationException: source is down", output, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: source is down", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksTest_TaskSkipsItself_ReportsSkippedAndExitsZero()
    {
        var (code, output, _) = await _cli.RunAsync("tasks", "test", "tasks_test_sample", "maybe");

        Assert.Equal(0, code);
        Assert.Contains("Task maybe: skipped: nothing to do today", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksTest_TaskOverItsExecutionTimeout_IsCancelledAndFails()
    {
        var (code, output, _) = await _cli.RunAsync("tasks", "test", "tasks_test_sample", "hang");

        Assert.Equal(1, code);
        Assert.Contains("Task hang: failed: the task exceeded its ExecutionTimeout of 00:00:00.1000000.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksTest_Sensor_PokesOnce()
    {
        var (code, output, _) = await _cli.RunAsync("tasks", "test", "sensing", "wait_for_file");

        Assert.Equal(0, code);
        Assert.Contains("Task wait_for_file: success (sensor poked once: not done yet)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksTest_BuiltDagRegisteredNextToGeneratedOnes_IsFoundThroughTheRegistry()
    {
        // What Program.cs does: generated DAGs register themselves, built ones are added before RunAsync.
        _ = MpHold.Definition;
        DagRegistry.Register([new DagBuilder("registry_built").Task("hello", ctx => $"hello {ctx.Ds}").Build()]);
        var cli = new CliRunner(DagRegistry.All);

        var (code, output, _) = await cli.RunAsync("tasks", "test", "registry_built", "hello", "2024-05-06");

        Assert.Contains(DagRegistry.All, d => d.DagId == "mp_hold");
        Assert.Equal(0, code);
        Assert.Contains("Return value: \"hello 2024-05-06\"", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "tasks", "test", "nope", "t" }, "Error: DAG 'nope' not found.")]
    [InlineData(new[] { "tasks", "test", "passing", "nope" }, "Error: DAG 'passing' has no task 'nope'. Tasks: produce, consume.")]
    [InlineData(new[] { "tasks", "test", "passing", "consume", "someday" }, "Error: logical_date 'someday' is not a date")]
    [InlineData(new[] { "tasks", "test", "passing", "consume", "--xcom", "produce" }, "Error: --xcom 'produce' is not task_id=JSON")]
    [InlineData(new[] { "tasks", "test", "passing", "consume", "--xcom", "ghost=1" }, "Error: --xcom names 'ghost', which is not a task of DAG 'passing'. Tasks: produce, consume.")]
    [InlineData(new[] { "tasks", "test", "passing", "consume", "--xcom", "produce=hello" }, "Error: --xcom produce: 'hello' is not valid JSON")]
    [InlineData(new[] { "tasks", "test", "passing", "consume", "-x", "produce=1", "-x", "produce=2" }, "Error: --xcom gives 'produce' twice.")]
    [InlineData(new[] { "tasks", "test", "passing", "consume", "--conf", "[]" }, "Error: --conf: conf must be a JSON object")]
    public async Task TasksTest_BadInput_ExitsTwoNamingTheProblem(string[] args, string message)
    {
        var (code, _, error) = await _cli.RunAsync(args);

        Assert.Equal(2, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }
}
