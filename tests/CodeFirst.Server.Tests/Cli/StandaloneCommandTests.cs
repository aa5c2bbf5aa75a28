using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

public sealed class StandaloneCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-standalone-").FullName;
    private readonly CliRunner _cli = new(TestDags.All);

    private string Db => Path.Combine(_dir, "codefirst.db");

    [Fact]
    public async Task Standalone_RunTriggeredFromCli_FinishesAndIsListed()
    {
        using var stop = new CancellationTokenSource();
        var standalone = _cli.RunAsync(["standalone", "--db", Db, "--concurrency", "2"], stop.Token);

        var trigger = await _cli.RunAsync("dags", "trigger", "passing", "--db", Db, "--run-id", "first", "--conf", """{"k":1}""");
        Assert.Equal(0, trigger.ExitCode);
        Assert.Contains("Created run first of passing", trigger.Output, StringComparison.Ordinal);

        var listed = await Eventually.WaitAsync(async () =>
        {
            var runs = await _cli.RunAsync("dags", "list-runs", "passing", "--db", Db, "--state", "success");
            return runs.Output.Contains("first", StringComparison.Ordinal) ? runs.Output : null;
        }, TimeSpan.FromSeconds(30), "the triggered run to succeed");
        Assert.Matches(@"passing\s+first\s+success\s+manual", listed);

        var states = await _cli.RunAsync("tasks", "states-for-dag-run", "passing", "first", "--db", Db);
        Assert.Matches(@"consume\s+success\s+1/1", states.Output);

        await stop.CancelAsync();
        Assert.Equal(0, (await standalone).ExitCode);
    }

    [Fact]
    public async Task Trigger_SameRunIdTwice_SecondIsRefused()
    {
        Assert.Equal(0, (await _cli.RunAsync("dags", "trigger", "passing", "--db", Db, "--run-id", "dup")).ExitCode);

        var second = await _cli.RunAsync("dags", "trigger", "passing", "--db", Db, "--run-id", "dup");

        Assert.Equal(2, second.ExitCode);
        Assert.Contains("already has a run with run id 'dup'", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksLogs_FailedRun_PrintsEachTrysError()
    {
        using var stop = new CancellationTokenSource();
        var standalone = _cli.RunAsync(["standalone", "--db", Db], stop.Token);
        await _cli.RunAsync("dags", "trigger", "failing", "--db", Db, "--run-id", "f1");
        await Eventually.WaitAsync(async () =>
        {
            var runs = await _cli.RunAsync("dags", "list-runs", "failing", "--db", Db, "--state", "failed");
            return runs.Output.Contains("f1", StringComparison.Ordinal) ? runs.Output : null;
        }, TimeSpan.FromSeconds(30), "the run to fail");
        await stop.CancelAsync();
        await standalone;

        var log = await _cli.RunAsync("tasks", "logs", "failing", "f1", "extract", "--db", Db, "--try", "2");
        Assert.Equal(0, log.ExitCode);
        Assert.Contains("ERROR Try 2 of 3 failed: source is down", log.Output, StringComparison.Ordinal);

        var badTry = await _cli.RunAsync("tasks", "logs", "failing", "f1", "extract", "--db", Db, "--try", "9");
        Assert.Equal(2, badTry.ExitCode);
        Assert.Contains("task 'extract' has run 3 tries", badTry.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list-runs", "passing", "--state", "done", "Error: --state 'done' is not a run state")]
    [InlineData("trigger", "passing", "--logical-date", "31/01/2024", "Error: --logical-date '31/01/2024' is not a date")]
    [InlineData("trigger", "ghost", "--run-id", "x", "Error: DAG 'ghost' not found.")]
    public async Task Dags_BadInput_ExitsTwoWithMessage(string verb, string dag, string option, string value, string message)
    {
        var result = await _cli.RunAsync("dags", verb, dag, option, value, "--db", Db);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_ThenList_ShowsPaused()
    {
        Assert.Equal(0, (await _cli.RunAsync("dags", "pause", "passing", "--db", Db)).ExitCode);

        var list = await _cli.RunAsync("dags", "list", "--db", Db);

        Assert.Matches(@"passing\s+None\s+True\s+2\s+demo\s+Two tasks passing a value", list.Output);
        Assert.Matches(@"failing\s+None\s+False", list.Output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
