using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CodeFirst.Runtime.Storage.Postgres;

/// <summary>
/// The production store: many schedulers and workers in many processes share one PostgreSQL
/// database. Claims use <c>FOR UPDATE SKIP LOCKED</c>, run transactions lock the run's row, and
/// commits that make work claimable or runs finished send <c>NOTIFY</c> so idle processes wake.
/// </summary>
public sealed partial class PostgresStore : IStore, IStoreListener, ITriggerStore, IAssetStore, IAssetWatcherStore, IBackfillStore, IMonitorStore
{
    internal const string WorkChannel = "codefirst_work";
    internal const string SchedulerChannel = "codefirst_scheduler";

    private readonly NpgsqlDataSource _data;
    private readonly NpgsqlDataSource _listenerData;
    private readonly PostgresStoreOptions _options;
    private readonly ILogger _logger;

    /// <param name="connectionString">An Npgsql connection string; its search path is replaced by the store's schema.</param>
    public PostgresStore(string connectionString, PostgresStoreOptions? options = null, ILogger<PostgresStore>? logger = null)
    {
        _options = options ?? new PostgresStoreOptions();
        _options.Validate();
        _logger = logger ?? NullLogger<PostgresStore>.Instance;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = _options.Schema };
        // The same few statements run for every task instance: prepared once per connection, they skip
        // parsing and planning (a connection string's own Max Auto Prepare wins).
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        // The store keeps no session state (only SET LOCAL and transaction-scoped advisory locks), so a pooled
        // connection needs no reset when it is returned: that saves five statements on its next use.
        if (!SaysNoResetOnClose(connectionString)) builder.NoResetOnClose = true;
        _data = NpgsqlDataSource.Create(builder);
        // The listener owns one unpooled connection for the life of ListenAsync: a pooled one
        // would be reset (UNLISTEN *) when returned, and a broken one must never go back to a pool.
        var listener = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            Pooling = false,
            TcpKeepAlive = true,
            ApplicationName = ListenerApplicationName(builder.ApplicationName),
        };
        _listenerData = NpgsqlDataSource.Create(listener);
    }

    // NpgsqlConnectionStringBuilder knows every keyword, so only a plain builder tells whether the string set it.
    private static bool SaysNoResetOnClose(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("No Reset On Close") || given.ContainsKey("NoResetOnClose");
    }

    /// <summary>The schema holding the tables.</summary>
    public string Schema => _options.Schema;

    internal static string ListenerApplicationName(string? applicationName) =>
        string.IsNullOrEmpty(applicationName) ? "codefirst-listener" : $"{applicationName}-listener";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Serialises concurrent start-ups (per database and schema) until this transaction ends.
        await ExecAsync(connection, tx, $"SELECT pg_advisory_xact_lock(hashtext('codefirst.migrate'), hashtext('{Schema}'));", cancellationToken);
        await ExecAsync(connection, tx, $"""
            CREATE SCHEMA IF NOT EXISTS {Schema};
            SET LOCAL search_path TO {Schema};
            CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);
            """, cancellationToken);
        await using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", connection, tx);
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (version, sql) in PostgresMigrations.Steps.Where(s => s.Version > current))
        {
            await ExecAsync(connection, tx, sql, cancellationToken);
            await using var mark = new NpgsqlCommand("INSERT INTO schema_migrations (version, applied_at) VALUES (@v, now());", connection, tx);
            mark.Parameters.AddWithValue("v", version);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IRunTransaction> BeginRunTransactionAsync(long runPk, CancellationToken cancellationToken)
    {
        var connection = await _data.OpenConnectionAsync(cancellationToken);
        try
        {
            var tx = await connection.BeginTransactionAsync(cancellationToken);
            // The run's row lock: finishes of tasks of the same run, in any process, take turns here.
            await using var command = new NpgsqlCommand($"SELECT {RunColumns} FROM dag_runs WHERE id = @id FOR UPDATE;", connection, tx);
            command.Parameters.AddWithValue("id", runPk);
            var run = (await ReadRunsAsync(command, cancellationToken)).SingleOrDefault()
                ?? throw new InvalidOperationException($"Dag run {runPk} does not exist.");
            return new PostgresRunTransaction(connection, tx, run);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _listenerData.DisposeAsync();
        await _data.DisposeAsync();
    }

    internal static async Task ExecAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sends the given channels' wake-ups when the surrounding transaction commits (PostgreSQL also folds duplicates within one transaction).</summary>
    internal static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, bool work, bool scheduler, CancellationToken cancellationToken)
    {
        if (NotifyCommand(work, scheduler) is not { } notify) return;
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(notify);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The statement that wakes workers and/or schedulers when its transaction commits; null when neither. The work
    /// wake-up carries <paramref name="origin"/> (the engine that wakes its own workers, see
    /// <see cref="IRunTransaction.WorkersWokenBy"/>) or an empty payload.
    /// </summary>
    internal static NpgsqlBatchCommand? NotifyCommand(bool work, bool scheduler, string? origin = null)
    {
        var calls = new List<string>(2);
        if (work) calls.Add($"pg_notify('{WorkChannel}', @origin)");
        if (scheduler) calls.Add($"pg_notify('{SchedulerChannel}', '')");
        if (calls.Count == 0) return null;
        var command = new NpgsqlBatchCommand($"SELECT {string.Join(", ", calls)};");
        if (work) command.Parameters.AddWithValue("origin", origin ?? "");
        return command;
    }
}
