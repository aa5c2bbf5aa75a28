using System.Diagnostics;

namespace CodeFirst.Watchers.Tests.Support;

/// <summary>
/// A private RabbitMQ node (from apt) for the whole test run, started on first use: loopback only,
/// its own ports (AMQP, distribution, epmd), cookie and data under a temp directory. The apt wrappers
/// switch user as root, so the node's own scripts are called with one HOME. Ready in ~5-30 s.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    private const string Bin = "/usr/lib/rabbitmq/bin";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, string> _environment = [];
    private string _dir = "";
    private string _node = "";
    private int _port;
    private int _epmdPort;

    /// <summary>The AMQP URI of the running node (guest/guest works from loopback).</summary>
    public async Task<string> GetUriAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_port == 0) await StartAsync();
            return $"amqp://guest:guest@127.0.0.1:{_port}/";
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "rabbitmq-server"))) throw new InvalidOperationException("rabbitmq-server is not installed: apt-get install -y rabbitmq-server (.ci/run does it).");
        _dir = Directory.CreateTempSubdirectory("cfrabbit-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_dir, "enabled_plugins"), "[].");
        var port = LocalServer.FreePort();
        _epmdPort = LocalServer.FreePort();
        _node = $"cf{port}@localhost";
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = _dir,
            ["RABBITMQ_NODENAME"] = _node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = $"{port}",
            ["RABBITMQ_DIST_PORT"] = $"{LocalServer.FreePort()}",
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = $"{_epmdPort}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_dir, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_dir, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_dir, "pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_dir, "enabled_plugins"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(Bin, "rabbitmq-server"));
        foreach (var (name, value) in _environment) info.Environment[name] = value;
        using (var server = Process.Start(info)!)
        {
            // Detached: its output is drained so it never blocks on a full pipe.
            _ = server.StandardOutput.ReadToEndAsync();
            _ = server.StandardError.ReadToEndAsync();
        }
        await LocalServer.RunAsync(Path.Combine(Bin, "rabbitmqctl"), ["-n", _node, "--timeout", "90", "wait", Path.Combine(_dir, "pid")], _environment, TimeSpan.FromSeconds(100));
        _port = port;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_node.Length > 0)
        {
            try
            {
                await LocalServer.RunAsync(Path.Combine(Bin, "rabbitmqctl"), ["-n", _node, "shutdown"], _environment, TimeSpan.FromSeconds(60));
                await LocalServer.RunAsync("epmd", ["-port", $"{_epmdPort}", "-kill"], _environment, TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
            }
        }
        if (_dir.Length > 0) Directory.Delete(_dir, recursive: true);
    }
}
