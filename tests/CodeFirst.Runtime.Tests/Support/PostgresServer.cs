using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CodeFirst.Runtime.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL 15 cluster for the whole test run (an xunit collection fixture):
/// initdb into a temp directory, started on a free loopback port with its own socket directory,
/// durability off because nothing here must survive a crash. Stopped with -m immediate and
/// deleted at the end. As root, the binaries run as the postgres user (initdb refuses root).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>Overrides where initdb, pg_ctl and postgres are looked for.</summary>
    public const string BinEnvironmentVariable = "CODEFIRST_PG_BIN";
    private const string DefaultBin = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _classDatabases = new(StringComparer.Ordinal);
    private readonly string _bin = Environment.GetEnvironmentVariable(BinEnvironmentVariable) is { Length: > 0 } bin ? bin : DefaultBin;
    private string _root = "";
    private int _nextDatabase;

    public int Port { get; private set; }

    private string DataDir => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(_bin, "initdb")) || !File.Exists(Path.Combine(_bin, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL binaries not found in '{_bin}' (initdb and pg_ctl are needed). Install them with " +
                $"'apt-get install -y postgresql-15' or point {BinEnvironmentVariable} at a PostgreSQL bin directory.");
        }
        // /tmp is world-traversable; the cluster's own directory belongs to the user that runs it.
        _root = Directory.CreateTempSubdirectory("cfpg-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "sock"));
        if (Environment.IsPrivilegedProcess) await RunAsync("chown", ["-R", "postgres", _root]);
        await RunPostgresAsync("initdb", ["--no-sync", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-D", DataDir]);

        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await StartAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between probing and binding: try another one.
            }
        }
    }

    /// <summary>
    /// Stops the server (fast shutdown: every client connection is cut) and starts it again on the
    /// same port, as a database restart in production would.
    /// </summary>
    public async Task RestartAsync()
    {
        await RunPostgresAsync("pg_ctl", ["stop", "-m", "fast", "-w", "-D", DataDir]);
        await StartAsync();
    }

    private Task StartAsync() =>
        RunPostgresAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", DataDir, "-l", Path.Combine(_root, "server.log"), "-o",
            $"-k {Path.Combine(_root, "sock")} -c listen_addresses=127.0.0.1 -p {Port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"]);

    /// <summary>A connection string to a database created for <paramref name="owner"/> once per test run (a test class shares it).</summary>
    public Task<string> GetDatabaseAsync(string owner) =>
        _classDatabases.GetOrAdd(owner, o => new Lazy<Task<string>>(() => CreateDatabaseAsync(o))).Value;

    /// <summary>A connection string to a new, empty database.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "fresh")
    {
        var name = $"test_{new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}_{Interlocked.Increment(ref _nextDatabase)}";
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0;", admin);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            IncludeErrorDetail = true,
        }.ConnectionString;

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (Port != 0) await RunPostgresAsync("pg_ctl", ["stop", "-m", "immediate", "-w", "-D", DataDir]);
        }
        finally
        {
            try { if (_root.Length > 0) Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }
    }

    // Below Linux's ephemeral range (32768+): while the server restarts, an outgoing connection of
    // some other test could otherwise be given its port as a local port and keep it from binding.
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("No free port between 20000 and 32000 for PostgreSQL.");
    }

    private Task RunPostgresAsync(string tool, IReadOnlyList<string> arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
    }
}
