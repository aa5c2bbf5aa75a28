namespace CodeFirst.Watchers.Tests.Support;

/// <summary>
/// A throw-away redis-server (from apt) on a free loopback port, no persistence, started on first use
/// and shut down at the end of the test run (~60 ms to start).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _dir = "";
    private int _port;

    /// <summary>The StackExchange.Redis configuration string of the running server.</summary>
    public async Task<string> GetConfigurationAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_port == 0) await StartAsync();
            return $"127.0.0.1:{_port}";
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartAsync()
    {
        if (!File.Exists("/usr/bin/redis-server")) throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server (.ci/run does it).");
        _dir = Directory.CreateTempSubdirectory("cfredis-").FullName;
        var port = LocalServer.FreePort();
        await LocalServer.RunAsync("redis-server", ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "yes", "--dir", _dir]);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await LocalServer.RunAsync("redis-cli", ["-p", $"{port}", "ping"], timeout: TimeSpan.FromSeconds(5));
                break;
            }
            catch (InvalidOperationException) when (attempt < 100)
            {
                await Task.Delay(50); // redis-server daemonized before it listens: there is no event to await
            }
        }
        _port = port;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_port != 0)
        {
            try { await LocalServer.RunAsync("redis-cli", ["-p", $"{_port}", "shutdown", "nosave"], timeout: TimeSpan.FromSeconds(10)); }
            catch (InvalidOperationException) { } // the server closes the connection as it exits
        }
        if (_dir.Length > 0) Directory.Delete(_dir, recursive: true);
    }
}
