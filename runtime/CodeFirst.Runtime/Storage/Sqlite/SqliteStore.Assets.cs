using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string EventColumns = "e.id, e.uri, e.payload, e.source_dag_id, e.source_run_id, e.source_task_id, e.created_at, e.message_id";

    public async Task SyncAssetReferencesAsync(IReadOnlyList<(string DagId, IReadOnlyList<string> Uris)> dags, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
        foreach (var (dagId, uris) in dags)
        {
            await using (var delete = Command(lease.Connection, "DELETE FROM dag_asset_references WHERE dag_id = $dag;", tx))
            {
                delete.Parameters.AddWithValue("$dag", dagId);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
            foreach (var uri in uris.Distinct(StringComparer.Ordinal))
            {
                await using var insert = Command(lease.Connection, "INSERT INTO dag_asset_references (dag_id, uri) VALUES ($dag, $uri);", tx);
                insert.Parameters.AddWithValue("$dag", dagId);
                insert.Parameters.AddWithValue("$uri", uri);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<AssetEventRecord> RecordAssetEventAsync(NewAssetEvent assetEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
        var recorded = await InsertAssetEventAsync(lease.Connection, tx, assetEvent, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return recorded;
    }

    /// <summary>Inserts an event and queues it for every DAG referencing its URI, in the caller's transaction.</summary>
    internal static async Task<AssetEventRecord> InsertAssetEventAsync(SqliteConnection connection, SqliteTransaction tx, NewAssetEvent assetEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = Command(connection, """
            INSERT INTO asset_events (uri, payload, source_dag_id, source_run_id, source_task_id, created_at, message_id)
            VALUES ($uri, $payload, $dag, $run, $task, $now, $message)
            ON CONFLICT (uri, message_id) DO NOTHING RETURNING id;
            """, tx);
        insert.Parameters.AddWithValue("$uri", assetEvent.Uri);
        insert.Parameters.AddWithValue("$payload", assetEvent.PayloadJson);
        insert.Parameters.AddWithValue("$dag", (object?)assetEvent.SourceDagId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$run", (object?)assetEvent.SourceRunId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$task", (object?)assetEvent.SourceTaskId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        insert.Parameters.AddWithValue("$message", (object?)assetEvent.MessageId ?? DBNull.Value);
        if (await insert.ExecuteScalarAsync(cancellationToken) is not long id)
        {
            // The message was recorded before (redelivered after a crash): the first event stands, nothing is queued again.
            await using var first = Command(connection, $"SELECT {EventColumns} FROM asset_events e WHERE e.uri = $uri AND e.message_id = $message;", tx);
            first.Parameters.AddWithValue("$uri", assetEvent.Uri);
            first.Parameters.AddWithValue("$message", assetEvent.MessageId);
            await using var reader = await first.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadEvent(reader) : throw new InvalidOperationException($"Asset event of message '{assetEvent.MessageId}' vanished.");
        }
        await using (var queue = Command(connection, """
            INSERT INTO asset_dag_run_queue (dag_id, event_id) SELECT dag_id, $id FROM dag_asset_references WHERE uri = $uri;
            """, tx))
        {
            queue.Parameters.AddWithValue("$id", id);
            queue.Parameters.AddWithValue("$uri", assetEvent.Uri);
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }
        return new AssetEventRecord(id, assetEvent.Uri, assetEvent.PayloadJson, assetEvent.SourceDagId, assetEvent.SourceRunId, assetEvent.SourceTaskId, DbTime.FromDb(DbTime.ToDb(now)), assetEvent.MessageId);
    }

    public async Task<IReadOnlyList<AssetEventRecord>> ListQueuedAssetEventsAsync(string dagId, CancellationToken cancellationToken) =>
        await QueryEventsAsync($"SELECT {EventColumns} FROM asset_dag_run_queue q JOIN asset_events e ON e.id = q.event_id WHERE q.dag_id = $p ORDER BY e.id;", dagId, cancellationToken);

    public async Task<DagRunRecord?> CreateAssetTriggeredRunAsync(NewDagRun run, IReadOnlyList<long> eventIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
        foreach (var id in eventIds)
        {
            // Consuming the queue rows is the guard: a second scheduler finds them gone and creates nothing.
            await using var consume = Command(lease.Connection, "DELETE FROM asset_dag_run_queue WHERE dag_id = $dag AND event_id = $id;", tx);
            consume.Parameters.AddWithValue("$dag", run.DagId);
            consume.Parameters.AddWithValue("$id", id);
            if (await consume.ExecuteNonQueryAsync(cancellationToken) != 1) return null;
        }
        if (await InsertRunAsync(lease.Connection, tx, run, now, cancellationToken) is not { } created) return null;
        foreach (var id in eventIds)
        {
            await using var link = Command(lease.Connection, "INSERT INTO dag_run_asset_events (run_pk, event_id) VALUES ($pk, $id);", tx);
            link.Parameters.AddWithValue("$pk", created.Id);
            link.Parameters.AddWithValue("$id", id);
            await link.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<IReadOnlyList<AssetEventRecord>> ListRunAssetEventsAsync(long runPk, CancellationToken cancellationToken) =>
        await QueryEventsAsync($"SELECT {EventColumns} FROM dag_run_asset_events l JOIN asset_events e ON e.id = l.event_id WHERE l.run_pk = $p ORDER BY e.id;", runPk, cancellationToken);

    public async Task<IReadOnlyList<AssetEventRecord>> ListAssetEventsAsync(string? uri, int limit, CancellationToken cancellationToken) =>
        await QueryEventsAsync($"SELECT {EventColumns} FROM asset_events e WHERE $p IS NULL OR e.uri = $p ORDER BY e.id DESC LIMIT {limit};", uri, cancellationToken);

    private async Task<IReadOnlyList<AssetEventRecord>> QueryEventsAsync(string sql, object? parameter, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql);
        command.Parameters.AddWithValue("$p", parameter ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<AssetEventRecord>();
        while (await reader.ReadAsync(cancellationToken)) events.Add(ReadEvent(reader));
        return events;
    }

    private static AssetEventRecord ReadEvent(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        DbTime.FromDb(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7));
}
