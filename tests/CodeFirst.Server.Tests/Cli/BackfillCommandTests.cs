using System.Text.Json;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

/// <summary>
/// 'dags backfill' and 'backfills list|get|cancel' against a running standalone server. The tests
/// share it and the daily 'nightly' DAG (one running backfill per DAG): each uses its own dates of
/// 2023 and leaves no backfill running.
/// </summary>
public sealed class BackfillCommandTests(StandaloneServer server) : IClassFixture<StandaloneServer>
{
    [Fact]
    public async Task Backfill_ThreeDailyIntervals_RunsToCompletion()
    {
        var create = await server.RunAsync("dags", "backfill", "nightly", "--start-date", "2023-01-01", "--end-date", "2023-01-03", "--conf", """{"batch_size":3}""");

        Assert.True(create.ExitCode == 0, create.Error);
        Assert.Matches(@"2023-01-01T00:00:00\+00:00\s+2023-01-01T00:00:00\+00:00\s+2023-01-02T00:00:00\+00:00\s+create", create.Output);
        var id = Assert.Single(System.Text.RegularExpressions.Regex.Matches(create.Output, @"Created backfill (\d+) of nightly \(running\): 3 of 3 date\(s\) to run\.")).Groups[1].Value;
        var done = await WaitForBackfillAsync(id, b => b.GetProperty("state").GetString() == "completed", "to complete");
        Assert.Equal(3, done.GetProperty("progress").GetProperty("success").GetInt32());

        var get = await server.RunAsync("backfills", "get", id);
        Assert.Contains($"Backfill {id} of nightly: completed, 2023-01-01T00:00:00+00:00 to 2023-01-03T00:00:00+00:00, reprocess none", get.Output, StringComparison.Ordinal);
        Assert.Contains("3 date(s): 0 pending, 0 queued, 0 running, 3 success, 0 failed, 0 skipped", get.Output, StringComparison.Ordinal);
        Assert.Matches(@"2023-01-03T00:00:00\+00:00\s+\S+\s+\S+\s+create\s+success\s+backfill__2023-01-03T00:00:00\+00:00", get.Output);
        var runs = await server.RunAsync("dags", "list-runs", "nightly", "--state", "success", "--start-date", "2023-01-01", "--end-date", "2023-01-03");
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(runs.Output, @"nightly\s+backfill__2023-01-0\dT00:00:00\+00:00\s+success\s+backfill").Count);
        Assert.Matches($@"(?m)^{id}\s+nightly\s+completed\s+", (await server.RunAsync("backfills", "list", "--dag-id", "nightly")).Output);
    }

    [Fact]
    public async Task Backfill_DryRun_PrintsTheDatesAndCreatesNothing()
    {
        var dry = await server.RunAsync("dags", "backfill", "nightly", "-s", "2023-02-01", "-e", "2023-02-03", "--dry-run", "--run-backwards");

        Assert.True(dry.ExitCode == 0, dry.Error);
        var dates = System.Text.RegularExpressions.Regex.Matches(dry.Output, @"(?m)^(2023-02-0\d)T00:00:00\+00:00\s+\S+\s+\S+\s+create$").Select(m => m.Groups[1].Value);
        Assert.Equal(["2023-02-03", "2023-02-02", "2023-02-01"], dates);
        Assert.Contains("Dry run: would run 3 of 3 date(s); nothing was created.", dry.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"2023-02-01T00:00:00\+00:00\s+2023-02-03", (await server.RunAsync("backfills", "list", "--dag-id", "nightly")).Output);
        Assert.DoesNotContain("2023-02", (await server.RunAsync("dags", "list-runs", "nightly")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackfillsCancel_RunningBackfill_StopsCreatingRuns()
    {
        var create = await server.RunAsync("dags", "backfill", "nightly", "-s", "2023-03-01", "-e", "2023-03-03", "--max-active-runs", "1",
            "--conf", """{"hold":true}""", "--output", "json");
        Assert.True(create.ExitCode == 0, create.Error);
        var id = JsonDocument.Parse(create.Output).RootElement.GetProperty("backfill").GetProperty("id").GetString()!;
        await WaitForBackfillAsync(id, b => b.GetProperty("progress").GetProperty("running").GetInt32() == 1, "to run its first date");

        var cancel = await server.RunAsync("backfills", "cancel", id);

        Assert.True(cancel.ExitCode == 0, cancel.Error);
        Assert.Equal($"Backfill {id} of nightly is canceled.", cancel.Output.Trim());
        ControlPlaneDags.Open("backfill__2023-03-01T00:00:00+00:00");
        var ended = await WaitForBackfillAsync(id, b => b.GetProperty("progress").GetProperty("success").GetInt32() == 1, "its running run to finish");
        Assert.Equal("canceled", ended.GetProperty("state").GetString());
        Assert.Equal(2, ended.GetProperty("progress").GetProperty("skipped").GetInt32());
        Assert.DoesNotContain("2023-03-02", (await server.RunAsync("dags", "list-runs", "nightly")).Output, StringComparison.Ordinal);
        Assert.DoesNotMatch($@"(?m)^{id}\s", (await server.RunAsync("backfills", "list", "--running")).Output);
        var again = await server.RunAsync("backfills", "cancel", id);
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith($"Error: FAILED_PRECONDITION: Backfill {id} is canceled, not running", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_ServerRestartsBeforeItRuns_TheRestartedSchedulerCompletesIt()
    {
        Assert.Equal(0, (await server.RunAsync("dags", "pause", "nightly")).ExitCode);
        var create = await server.RunAsync("dags", "backfill", "nightly", "-s", "2023-04-01", "-e", "2023-04-02", "--output", "json");
        Assert.True(create.ExitCode == 0, create.Error);
        var id = JsonDocument.Parse(create.Output).RootElement.GetProperty("backfill").GetProperty("id").GetString()!;

        // A paused DAG's backfill waits, so it is certainly unfinished when the process stops.
        await server.RestartAsync();
        Assert.Matches($@"(?m)^{id}\s+nightly\s+running\s+", (await server.RunAsync("backfills", "list", "--running")).Output);
        Assert.Equal(0, (await server.RunAsync("dags", "unpause", "nightly")).ExitCode);

        var done = await WaitForBackfillAsync(id, b => b.GetProperty("state").GetString() == "completed", "to complete after the restart");
        Assert.Equal(2, done.GetProperty("progress").GetProperty("success").GetInt32());
    }

    /// <summary>Polls 'backfills get --output json' as a user would watch it: the server is another process to the client.</summary>
    private async Task<JsonElement> WaitForBackfillAsync(string id, Func<JsonElement, bool> condition, string what) =>
        (await Eventually.WaitAsync(async () =>
        {
            var get = await server.RunAsync("backfills", "get", id, "--output", "json");
            Assert.True(get.ExitCode == 0, get.Error);
            var backfill = JsonDocument.Parse(get.Output).RootElement.GetProperty("backfill").Clone();
            return condition(backfill) ? new[] { backfill } : null;
        }, TimeSpan.FromSeconds(30), $"backfill {id} {what}"))[0];
}
