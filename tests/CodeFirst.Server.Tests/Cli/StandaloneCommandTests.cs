using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

/// <summary>
/// 'standalone' as a user runs it: scheduler, worker and control plane in one process, driven by
/// the client commands over gRPC (--server). The server runs in this process but is reached only
/// through its port, like a second terminal would.
/// </summary>
public sealed class StandaloneCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-standalone-").FullName;
    private readonly CliRunner _cli = new(TestDags.All);
    private readonly string _listen = $"127.0.0.1:{FreePort.Next()}";

    private string Db => Path.Combine(_dir, "codefirst.db");

    private string Server => $"http://{_listen}";

    [Fact]
    public async Task Standalone_RunTriggeredFromCli_FinishesAndIsListed()
    {
        using var stop = new CancellationTokenSource();
        var standalone = await StartStandaloneAsync(stop.Token, "--concurrency", "2");

        var trigger = await _cli.RunAsync("dags", "trigger", "passing", "--server", Server, "--run-id", "first", "--conf", """{"k":1}""");
        Assert.Equal(0, trigger.ExitCode);
        Assert.Contains("Created run first of passing", trigger.Output, StringComparison.Ordinal);

        var listed = await Eventually.WaitAsync(async () =>
        {
            var runs = await _cli.RunAsync("dags", "list-runs", "passing", "--server", Server, "--state", "success");
            return runs.Output.Contains("first", StringComparison.Ordinal) ? runs.Output : null;
        }, TimeSpan.FromSeconds(30), "the triggered run to succeed");
        Assert.Matches(@"passing\s+first\s+success\s+manual", listed);

        var states = await _cli.RunAsync("tasks", "states-for-dag-run", "passing", "first", "--server", Server);
        Assert.Matches(@"consume\s+-1\s+success\s+1/1", states.Output);

        await stop.CancelAsync();
        Assert.Equal(0, (await standalone).ExitCode);
    }

    [Fact]
    public async Task TasksLogs_FailedRun_PrintsEachTrysError()
    {
        using var stop = new CancellationTokenSource();
        var standalone = await StartStandaloneAsync(stop.Token);
        await _cli.RunAsync("dags", "trigger", "failing", "--server", Server, "--run-id", "f1");
        await Eventually.WaitAsync(async () =>
        {
            var runs = await _cli.RunAsync("dags", "list-runs", "failing", "--server", Server, "--state", "failed");
            return runs.Output.Contains("f1", StringComparison.Ordinal) ? runs.Output : null;
        }, TimeSpan.FromSeconds(30), "the run to fail");

        var log = await _cli.RunAsync("tasks", "logs", "failing", "f1", "extract", "--server", Server, "--try", "2");
        Assert.Equal(0, log.ExitCode);
        Assert.Contains("ERROR Try 2 of 3 failed: source is down", log.Output, StringComparison.Ordinal);

        var badTry = await _cli.RunAsync("tasks", "logs", "failing", "f1", "extract", "--server", Server, "--try", "9");
        Assert.Equal(2, badTry.ExitCode);
        Assert.Contains("task 'extract' has run 3 tries", badTry.Error, StringComparison.Ordinal);

        await stop.CancelAsync();
        await standalone;
    }

    [Fact]
    public async Task Standalone_NoApi_ServesNothing()
    {
        using var stop = new CancellationTokenSource();
        var standalone = _cli.RunAsync(["standalone", "--db", Db, "--no-api", "--listen", _listen], stop.Token);

        var result = await _cli.RunAsync("dags", "list", "--server", Server);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot reach the CodeFirst server", result.Error, StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(0, (await standalone).ExitCode);
    }

    [Fact]
    public async Task Standalone_BadListenAddress_ExitsTwo()
    {
        var result = await _cli.RunAsync("standalone", "--db", Db, "--listen", "nowhere");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Error: --listen 'nowhere' is not an address and port", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Starts standalone and waits until its control plane answers (it is another "process": no events to await).</summary>
    private async Task<Task<(int ExitCode, string Output, string Error)>> StartStandaloneAsync(CancellationToken stop, params string[] extra)
    {
        var standalone = _cli.RunAsync(["standalone", "--db", Db, "--listen", _listen, .. extra], stop);
        await Eventually.WaitAsync(async () =>
        {
            if (standalone.IsCompleted) throw new InvalidOperationException($"standalone exited: {(await standalone).Error}");
            return (await _cli.RunAsync("dags", "list", "--server", Server)).ExitCode == 0 ? "up" : null;
        }, TimeSpan.FromSeconds(30), "the control plane to answer");
        return standalone;
    }
}
