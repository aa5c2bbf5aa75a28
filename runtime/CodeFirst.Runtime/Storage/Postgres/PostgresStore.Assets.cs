using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string EventColumns = "e.id, e.uri, e.payload, e.source_dag_id, e.source_run_id, e.source_task_id, e.created_at, e.message_id";

    public async Task SyncAssetReferencesAsync(IReadOnlyList<(string DagId, IReadOnlyList<string> Uris)> dags, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (dagId, uris) in dags)
        {
            await using var command = new NpgsqlCommand("""
                DELETE FROM dag_asset_references WHERE dag_id = @dag;
                INSERT INTO dag_asset_references (dag_id, uri) SELECT @dag, u FROM unnest(@uris) AS u ON CONFLICT DO NOTHING;
                """, connection, tx);
            command.Parameters.AddWithValue("dag", dagId);
            command.Parameters.AddTextArray("uris", uris);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<AssetEventRecord> RecordAssetEventAsync(NewAssetEvent assetEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = await InsertAssetEventAsync(connection, tx, assetEvent, now, cancellationToken);
        await NotifyAsync(connection, tx, work: false, scheduler: true, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return recorded;
    }

    /// <summary>Inserts an event and queues it for every DAG referencing its URI, in the caller's transaction.</summary>
    internal static async Task<AssetEventRecord> InsertAssetEventAsync(NpgsqlConnection connection, NpgsqlTransaction tx, NewAssetEvent assetEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand($"""
            WITH e AS (
                INSERT INTO asset_events (uri, payload, source_dag_id, source_run_id, source_task_id, created_at, message_id)
                VALUES (@uri, @payload, @dag, @run, @task, @now, @message)
                ON CONFLICT (uri, message_id) DO NOTHING RETURNING *
            ), queued AS (
                INSERT INTO asset_dag_run_queue (dag_id, event_id) SELECT r.dag_id, e.id FROM dag_asset_references r, e WHERE r.uri = e.uri
            )
            SELECT {EventColumns} FROM e;
            """, connection, tx);
        insert.Parameters.AddWithValue("uri", assetEvent.Uri);
        insert.Parameters.AddWithValue("payload", assetEvent.PayloadJson);
        insert.Parameters.AddText("dag", assetEvent.SourceDagId);
        insert.Parameters.AddText("run", assetEvent.SourceRunId);
        insert.Parameters.AddText("task", assetEvent.SourceTaskId);
        insert.Parameters.AddTime("now", now);
        insert.Parameters.AddText("message", assetEvent.MessageId);
        if ((await ReadEventsAsync(insert, cancellationToken)).SingleOrDefault() is { } recorded) return recorded;
        // The message was recorded before (redelivered after a crash): the first event stands, nothing is queued again.
        // Its row is committed (a concurrent recorder of the same message made the insert wait for that commit).
        await using var first = new NpgsqlCommand($"SELECT {EventColumns} FROM asset_events e WHERE e.uri = @uri AND e.message_id = @message;", connection, tx);
        first.Parameters.AddWithValue("uri", assetEvent.Uri);
        first.Parameters.AddText("message", assetEvent.MessageId);
        return (await ReadEventsAsync(first, cancellationToken)).Single();
    }

    public async Task<IReadOnlyList<AssetEventRecord>> ListQueuedAssetEventsAsync(string dagId, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(
            $"SELECT {EventColumns} FROM asset_dag_run_queue q JOIN asset_events e ON e.id = q.event_id WHERE q.dag_id = @p ORDER BY e.id;");
        command.Parameters.AddWithValue("p", dagId);
        return await ReadEventsAsync(command, cancellationToken);
    }

    public async Task<DagRunRecord?> CreateAssetTriggeredRunAsync(NewDagRun run, IReadOnlyList<long> eventIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Consuming the queue rows is the guard: a concurrent scheduler waits on them, then finds them gone.
        await using (var consume = new NpgsqlCommand("DELETE FROM asset_dag_run_queue WHERE dag_id = @dag AND event_id = ANY(@ids);", connection, tx))
        {
            consume.Parameters.AddWithValue("dag", run.DagId);
            consume.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = eventIds.ToArray() });
            if (await consume.ExecuteNonQueryAsync(cancellationToken) != eventIds.Count) return null;
        }
        if (await InsertRunAsync(connection, tx, run, now, cancellationToken) is not { } created) return null;
        await using (var link = new NpgsqlCommand("INSERT INTO dag_run_asset_events (run_pk, event_id) SELECT @pk, unnest(@ids);", connection, tx))
        {
            link.Parameters.AddWithValue("pk", created.Id);
            link.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = eventIds.ToArray() });
            await link.ExecuteNonQueryAsync(cancellationToken);
        }
        await NotifyAsync(connection, tx, work: false, scheduler: true, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<IReadOnlyList<AssetEventRecord>> ListRunAssetEventsAsync(long runPk, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(
            $"SELECT {EventColumns} FROM dag_run_asset_events l JOIN asset_events e ON e.id = l.event_id WHERE l.run_pk = @p ORDER BY e.id;");
        command.Parameters.AddWithValue("p", runPk);
        return await ReadEventsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<AssetEventRecord>> ListAssetEventsAsync(string? uri, int limit, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(
            $"SELECT {EventColumns} FROM asset_events e WHERE @p IS NULL OR e.uri = @p ORDER BY e.id DESC LIMIT @limit;");
        command.Parameters.AddText("p", uri);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadEventsAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<AssetEventRecord>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<AssetEventRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new AssetEventRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.GetStringOrNull(3), reader.GetStringOrNull(4), reader.GetStringOrNull(5), reader.GetTime(6), reader.GetStringOrNull(7)));
        }
        return events;
    }
}
