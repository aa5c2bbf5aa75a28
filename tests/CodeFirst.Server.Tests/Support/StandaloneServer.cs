using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.Support;

/// <summary>
/// 'standalone' started once for a test class, as a user starts it in one terminal (temp SQLite
/// file, a free loopback port, the control-plane test DAGs); the tests drive it only through the
/// client commands, like a second terminal.
/// </summary>
public sealed class StandaloneServer : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-standalone-fixture-").FullName;
    private CancellationTokenSource _stop = new();
    private Task<(int ExitCode, string Output, string Error)>? _standalone;

    internal CliRunner Cli { get; } = new(ControlPlaneDags.All);

    public string Address { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    /// <summary>Runs a client command against this server.</summary>
    internal Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => Cli.RunAsync([.. args, "--server", Address]);

    public Task InitializeAsync() => StartAsync();

    /// <summary>Stops standalone as Ctrl+C does and starts it again on the same database and port.</summary>
    internal async Task RestartAsync()
    {
        await StopAsync();
        _stop = new CancellationTokenSource();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private async Task StartAsync()
    {
        _standalone = Cli.RunAsync(["standalone", "--db", Path.Combine(_dir, "codefirst.db"), "--listen", new Uri(Address).Authority], _stop.Token);
        // Another "process": no engine events to await, so wait until its control plane answers.
        await Eventually.WaitAsync(async () =>
        {
            if (_standalone.IsCompleted) throw new InvalidOperationException($"standalone exited: {(await _standalone).Error}");
            return (await RunAsync("dags", "list")).ExitCode == 0 ? "up" : null;
        }, TimeSpan.FromSeconds(30), "the control plane to answer");
    }

    private async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_standalone is not null) Assert.Equal(0, (await _standalone.WaitAsync(TimeSpan.FromSeconds(40))).ExitCode);
        _stop.Dispose();
    }
}
