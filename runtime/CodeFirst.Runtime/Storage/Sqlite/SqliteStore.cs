using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writers in this process take turns through
/// one gate (SQLite allows one writer at a time anyway); other processes such as a CLI wait on
/// SQLite's busy timeout.
/// </summary>
public sealed partial class SqliteStore : IStore, ITriggerStore, IAssetStore, IAssetWatcherStore, IBackfillStore, IMonitorStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteStore(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        DatabasePath = full;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        var connection = lease.Connection;
        await ExecAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);", cancellationToken, tx);
        await using var read = Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", tx);
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (version, sql) in SqliteMigrations.Steps.Where(s => s.Version > current))
        {
            await ExecAsync(connection, sql, cancellationToken, tx);
            await using var mark = Command(connection, "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $t);", tx);
            mark.Parameters.AddWithValue("$v", version);
            mark.Parameters.AddWithValue("$t", DbTime.ToDb(DateTimeOffset.UtcNow));
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IRunTransaction> BeginRunTransactionAsync(long runPk, CancellationToken cancellationToken)
    {
        var lease = await WriteAsync(cancellationToken);
        try
        {
            var tx = (SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
            var run = await ReadRunAsync(lease.Connection, tx, "id = $id", p => p.AddWithValue("$id", runPk), cancellationToken)
                ?? throw new InvalidOperationException($"Dag run {runPk} does not exist.");
            return new SqliteRunTransaction(lease, tx, run);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecAsync(connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", cancellationToken);
        return connection;
    }

    /// <summary>A connection that holds this process's write turn until disposed.</summary>
    private async Task<WriteLease> WriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return new WriteLease(await OpenAsync(cancellationToken), _writeGate);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command;
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? tx = null)
    {
        await using var command = Command(connection, sql, tx);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal sealed class WriteLease(SqliteConnection connection, SemaphoreSlim gate) : IAsyncDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            gate.Release();
        }
    }
}
