using System.Text.Json;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

/// <summary>The client commands against a real in-process server (Kestrel on 127.0.0.1:0, engine on a temp SQLite file).</summary>
public sealed class CliOverGrpcTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>
{
    private readonly CliRunner _cli = new(ControlPlaneDags.All);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        _cli.RunAsync([.. args, "--server", host.Address.ToString()]);

    [Fact]
    public async Task TriggerListRunsClearStates_FlakyRun_FailsThenPassesAfterClear()
    {
        var trigger = await RunAsync("dags", "trigger", "flaky", "--run-id", "cli-1", "--conf", """{"k":1}""", "--note", "first attempt");
        Assert.True(trigger.ExitCode == 0, trigger.Error);
        Assert.Contains("Created run cli-1 of flaky (queued, logical date", trigger.Output, StringComparison.Ordinal);
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("flaky", "cli-1"));

        var runs = await RunAsync("dags", "list-runs", "flaky", "--state", "failed");
        Assert.Matches(@"flaky\s+cli-1\s+failed\s+manual", runs.Output);

        var dry = await RunAsync("tasks", "clear", "flaky", "--run-id", "cli-1", "--only-failed", "--dry-run");
        Assert.Matches(@"flaky\s+cli-1\s+work\s+failed", dry.Output);
        Assert.Matches(@"flaky\s+cli-1\s+report\s+upstream_failed", dry.Output);
        Assert.Contains("Dry run: would clear 2 task instance(s); nothing changed.", dry.Output, StringComparison.Ordinal);
        Assert.Equal("failed", (await RunAsync("dags", "state", "flaky", "cli-1")).Output.Trim());

        var clear = await RunAsync("tasks", "clear", "flaky", "--run-id", "cli-1", "-t", "^work$", "--downstream");
        Assert.True(clear.ExitCode == 0, clear.Error);
        Assert.Contains("Cleared 2 task instance(s).", clear.Output, StringComparison.Ordinal);
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("flaky", "cli-1"));

        var states = await RunAsync("tasks", "states-for-dag-run", "flaky", "cli-1");
        Assert.Matches(@"work\s+-1\s+success\s+2/", states.Output);
        Assert.Matches(@"report\s+-1\s+success", states.Output);
        var audit = await host.Store.ListAuditAsync(10, CancellationToken.None);
        Assert.Contains(audit, e => e.Method == "codefirst.v1.DagRunService/TriggerDagRun" && e.Details.Contains("note=first attempt", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Method == "codefirst.v1.TaskInstanceService/ClearTaskInstances");
    }

    [Fact]
    public async Task TasksFailed_FailuresOfTwoDags_NewestFirstWithCountAndDagFilter()
    {
        Assert.Equal(0, (await RunAsync("dags", "trigger", "failing", "--run-id", "cli-failed-1")).ExitCode);
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("failing", "cli-failed-1"));
        Assert.Equal(0, (await RunAsync("dags", "trigger", "flaky", "--run-id", "cli-failed-2")).ExitCode);
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("flaky", "cli-failed-2"));

        var all = await RunAsync("tasks", "failed");
        var flaky = await RunAsync("tasks", "failed", "--dag-id", "flaky", "--limit", "1");
        var badLimit = await RunAsync("tasks", "failed", "--limit", "0");
        var badDate = await RunAsync("tasks", "failed", "--start-date", "yesterday");

        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Matches(@"flaky\s+cli-failed-2\s+work\s+-1\s+1/1\s+\S+[\s\S]*failing\s+cli-failed-1\s+extract\s+-1\s+3/3", all.Output);
        Assert.DoesNotContain("upstream_failed", all.Output, StringComparison.Ordinal);
        Assert.Matches(@"flaky\s+cli-failed-2\s+work", flaky.Output);
        Assert.DoesNotContain("failing", flaky.Output, StringComparison.Ordinal);
        Assert.Matches(@"1 of \d+ failed task instance\(s\)\.", flaky.Output);
        Assert.NotEqual(0, badLimit.ExitCode);
        Assert.Contains("--limit 0 is out of range", badLimit.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, badDate.ExitCode);
        Assert.Contains("--start-date 'yesterday' is not a date", badDate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListShowNextExecutionAndTasksList_PrintTheDag()
    {
        var list = await RunAsync("dags", "list");
        Assert.Matches(@"passing\s+None\s+False\s+2\s+demo\s+Two tasks passing a value", list.Output);

        var show = await RunAsync("dags", "show", "passing");
        Assert.Contains("next run:     None", show.Output, StringComparison.Ordinal);
        Assert.Matches(@"consume\s+produce\s+all_success\s+0", show.Output);
        Assert.Contains("params:       None", show.Output, StringComparison.Ordinal);
        Assert.Contains("params:       batch_size: integer = 100, hold: boolean = false", (await RunAsync("dags", "show", "nightly")).Output, StringComparison.Ordinal);

        Assert.Equal("None", (await RunAsync("dags", "next-execution", "passing")).Output.Trim());
        Assert.Equal(["produce", "consume"], (await RunAsync("tasks", "list", "passing")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task PauseThenList_JsonOutput_ShowsPaused()
    {
        Assert.Equal(0, (await RunAsync("dags", "pause", "gated")).ExitCode);

        var json = await RunAsync("dags", "list", "--pattern", "gat", "--output", "json");

        using var document = JsonDocument.Parse(json.Output);
        var dag = Assert.Single(document.RootElement.GetProperty("dags").EnumerateArray());
        Assert.Equal(("gated", true), (dag.GetProperty("dag_id").GetString(), dag.GetProperty("is_paused").GetBoolean()));
        var trigger = await RunAsync("dags", "trigger", "gated", "--run-id", "while-paused");
        Assert.Contains("Note: DAG 'gated' is paused", trigger.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("dags", "unpause", "gated")).ExitCode);
        ControlPlaneDags.Open("while-paused");
    }

    [Fact]
    public async Task MarkAndLogs_FailingRun_PrintTriesAndMarkedState()
    {
        Assert.Equal(0, (await RunAsync("dags", "trigger", "failing", "--run-id", "cli-logs")).ExitCode);
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("failing", "cli-logs"));

        var log = await RunAsync("tasks", "logs", "failing", "cli-logs", "extract", "--try", "2");
        Assert.Contains("ERROR Try 2 of 3 failed: source is down", log.Output, StringComparison.Ordinal);
        var follow = await RunAsync("tasks", "logs", "failing", "cli-logs", "extract", "--follow");
        Assert.Contains("Try 3 of 3 failed", follow.Output, StringComparison.Ordinal);
        var badTry = await RunAsync("tasks", "logs", "failing", "cli-logs", "extract", "--try", "9");
        Assert.Equal(2, badTry.ExitCode);
        Assert.StartsWith("Error: INVALID_ARGUMENT: try_number 9: task 'extract' has run 3 tries.", badTry.Error, StringComparison.Ordinal);

        var mark = await RunAsync("tasks", "mark", "failing", "cli-logs", "extract", "--state", "success", "--downstream");
        Assert.True(mark.ExitCode == 0, mark.Error);
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("failing", "cli-logs"));
    }

    [Fact]
    public async Task TasksClear_DateRange_ClearsTheRunsInsideIt()
    {
        foreach (var (runId, date) in new[] { ("cli-range-1", "2019-05-01"), ("cli-range-2", "2019-05-02"), ("cli-range-3", "2019-05-03") })
            Assert.Equal(0, (await RunAsync("dags", "trigger", "flaky", "--run-id", runId, "--logical-date", date)).ExitCode);
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("flaky", "cli-range-2"));
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("flaky", "cli-range-3"));

        var clear = await RunAsync("tasks", "clear", "flaky", "-s", "2019-05-02", "-e", "2019-05-03", "-t", "^work$", "-d", "-f");

        Assert.True(clear.ExitCode == 0, clear.Error);
        Assert.Matches(@"flaky\s+cli-range-2\s+work\s+failed", clear.Output);
        Assert.Matches(@"flaky\s+cli-range-3\s+report\s+upstream_failed", clear.Output);
        Assert.DoesNotContain("cli-range-1", clear.Output, StringComparison.Ordinal);
        Assert.Contains("Cleared 4 task instance(s).", clear.Output, StringComparison.Ordinal);
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("flaky", "cli-range-3"));
        Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("flaky", "cli-range-1"));
    }

    [Theory]
    [InlineData(new[] { "dags", "trigger", "ghost" }, 2, "Error: NOT_FOUND: DAG 'ghost' not found. Known DAGs: berlin, failing, flaky, gated, nightly, passing.")]
    [InlineData(new[] { "dags", "state", "passing", "nope" }, 2, "Error: NOT_FOUND: DAG 'passing' has no run 'nope'.")]
    [InlineData(new[] { "dags", "list-runs", "passing", "--state", "done" }, 2, "Error: --state 'done' is not a run state")]
    [InlineData(new[] { "dags", "trigger", "passing", "--logical-date", "31/01/2024" }, 2, "Error: --logical-date '31/01/2024' is not a date")]
    [InlineData(new[] { "pools", "delete", "default_pool" }, 1, "Error: FAILED_PRECONDITION: ")]
    [InlineData(new[] { "pools", "delete", "ghost_pool" }, 2, "Error: NOT_FOUND: Pool 'ghost_pool' does not exist.")]
    [InlineData(new[] { "assets", "emit", "s3://bad key" }, 2, "Error: INVALID_ARGUMENT: asset_uri: Asset URI 's3://bad key' is invalid")]
    [InlineData(new[] { "assets", "emit", "s3://bucket/key", "--extra", "[1]" }, 2, "Error: ")]
    [InlineData(new[] { "tasks", "clear", "flaky" }, 2, "Error: give either --run-id or a date range (--start-date and/or --end-date).")]
    [InlineData(new[] { "tasks", "clear", "flaky", "--run-id", "x", "-s", "2024-01-01" }, 2, "Error: give either --run-id or a date range")]
    [InlineData(new[] { "tasks", "clear", "flaky", "-s", "yesterday" }, 2, "Error: --start-date 'yesterday' is not a date")]
    [InlineData(new[] { "tasks", "clear", "flaky", "-s", "2024-02-01", "-e", "2024-01-01" }, 2, "Error: INVALID_ARGUMENT: start_date is after end_date.")]
    public async Task BadInputOrUnimplemented_ExitCodeAndMessage(string[] args, int code, string message)
    {
        var result = await RunAsync(args);

        Assert.Equal(code, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_EmitThenList_TheEventAndItsAssetAreListed()
    {
        var emit = await RunAsync("assets", "emit", "s3://lake/cli-test", "--extra", "{\"rows\":3}");
        Assert.True(emit.ExitCode == 0, emit.Error);
        Assert.Matches(@"Created event \d+ on s3://lake/cli-test\.", emit.Output);

        var list = await RunAsync("assets", "list");
        Assert.Contains("s3://lake/cli-test", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pools_SetListDelete_RoundTripThroughTheServer()
    {
        var set = await RunAsync("pools", "set", "warehouse", "3", "--description", "DB connections");
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Equal("Pool 'warehouse' has 3 slot(s).", set.Output.Trim());

        var list = await RunAsync("pools", "list");
        Assert.Matches(@"warehouse\s+3\s+0\s+0\s+3\s+DB connections", list.Output);
        Assert.Matches(@"default_pool\s+128\s+", list.Output);

        Assert.Equal(0, (await RunAsync("pools", "delete", "warehouse")).ExitCode);
        Assert.DoesNotContain("warehouse", (await RunAsync("pools", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoolsSet_IncludeDeferred_StoredAndShownInJson()
    {
        var set = await RunAsync("pools", "set", "sensors", "2", "--include-deferred", "--output", "json");
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Matches("\"include(_d|D)eferred\": true", set.Output);

        var reset = await RunAsync("pools", "set", "sensors", "2", "--output", "json");
        Assert.DoesNotMatch("\"include(_d|D)eferred\": true", reset.Output);
    }

    [Fact]
    public async Task TriggerTwice_SameRunId_AlreadyExistsExitsTwo()
    {
        Assert.Equal(0, (await RunAsync("dags", "trigger", "passing", "--run-id", "dup")).ExitCode);

        var second = await RunAsync("dags", "trigger", "passing", "--run-id", "dup");

        Assert.Equal(2, second.ExitCode);
        Assert.StartsWith("Error: ALREADY_EXISTS: DAG 'passing' already has a run with run id 'dup'.", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoServer_ConnectionRefused_SaysHowToStartOne()
    {
        var result = await _cli.RunAsync("dags", "list", "--server", "http://127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: cannot reach the CodeFirst server at http://127.0.0.1:1/; start it with 'standalone' or 'api'", result.Error, StringComparison.Ordinal);
    }
}
