using CodeFirst.Runtime.State;
using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

/// <summary>A run transaction on SQLite: BEGIN IMMEDIATE already holds the database's write lock.</summary>
internal sealed class SqliteRunTransaction(SqliteStore.WriteLease lease, SqliteTransaction tx, DagRunRecord run) : IRunTransaction, IAssetRunTransaction
{
    public Task RecordAssetEventAsync(NewAssetEvent assetEvent, DateTimeOffset now, CancellationToken cancellationToken) =>
        SqliteStore.InsertAssetEventAsync(Connection, tx, assetEvent, now, cancellationToken);

    private SqliteConnection Connection => lease.Connection;

    public DagRunRecord Run { get; } = run;

    public async Task<IReadOnlyList<InstanceState>> GetInstanceStatesAsync(CancellationToken cancellationToken)
    {
        await using var command = SqliteStore.Command(Connection, "SELECT task_id, map_index, state FROM task_instances WHERE run_pk = $pk ORDER BY task_id, map_index;", tx);
        command.Parameters.AddWithValue("$pk", Run.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<InstanceState>();
        while (await reader.ReadAsync(cancellationToken))
            states.Add(new InstanceState(reader.GetString(0), reader.GetInt32(1), StateNames.ParseTaskState(reader.GetString(2))));
        return states;
    }

    public async Task<bool> ExpandAsync(string taskId, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var first = SqliteStore.Command(Connection, """
            UPDATE task_instances SET map_index = 0, state = 'queued', queued_at = $now
            WHERE run_pk = $pk AND task_id = $task AND map_index = -1 AND state IN ('none', 'scheduled');
            """, tx);
        first.Parameters.AddWithValue("$pk", Run.Id);
        first.Parameters.AddWithValue("$task", taskId);
        first.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        if (await first.ExecuteNonQueryAsync(cancellationToken) != 1) return false;
        await using var rest = SqliteStore.Command(Connection, """
            WITH RECURSIVE indices (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM indices WHERE i < $count - 1)
            INSERT INTO task_instances (run_pk, dag_id, run_id, task_id, map_index, state, max_tries, priority_weight, queue, queued_at, pool, pool_slots)
            SELECT t.run_pk, t.dag_id, t.run_id, t.task_id, indices.i, 'queued', t.max_tries, t.priority_weight, t.queue, $now, t.pool, t.pool_slots
            FROM task_instances t, indices WHERE t.run_pk = $pk AND t.task_id = $task AND t.map_index = 0 AND $count > 1;
            """, tx);
        rest.Parameters.AddWithValue("$pk", Run.Id);
        rest.Parameters.AddWithValue("$task", taskId);
        rest.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        rest.Parameters.AddWithValue("$count", count);
        await rest.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public async Task<string?> GetReturnValueAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var command = SqliteStore.Command(Connection,
            $"SELECT map_index, value FROM xcom WHERE run_pk = $pk AND task_id = $task AND key = '{XComJson.ReturnValueKey}' ORDER BY map_index;", tx);
        command.Parameters.AddWithValue("$pk", Run.Id);
        command.Parameters.AddWithValue("$task", taskId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt32(0), reader.GetString(1)));
        return XComValues.Assemble(rows);
    }

    public async Task<int> CountUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var command = SqliteStore.Command(Connection, $"SELECT COUNT(*) FROM task_instances WHERE run_pk = $pk AND state NOT IN ({StateSql.Finished});", tx);
        command.Parameters.AddWithValue("$pk", Run.Id);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<ClaimedTask?> StartQueuedAsync(string taskId, int mapIndex, string worker, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var command = SqliteStore.Command(Connection, $"""
            UPDATE task_instances SET {SqliteStore.StartRunning}
            WHERE run_pk = $pk AND task_id = $task AND map_index = $mapIndex AND state = 'queued'
            RETURNING id, try_number, max_tries, CASE WHEN trigger_event_try = try_number THEN trigger_event END;
            """, tx);
        command.Parameters.AddWithValue("$worker", worker);
        command.Parameters.AddWithValue("$lease", DbTime.ToDb(leaseUntil));
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        command.Parameters.AddWithValue("$pk", Run.Id);
        command.Parameters.AddWithValue("$task", taskId);
        command.Parameters.AddWithValue("$mapIndex", mapIndex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return RunningInstances.Claimed(Run, taskId, mapIndex, reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private readonly PrefetchedTransitions _prefetched = new();

    /// <summary>Every planned transition, then one count (see <see cref="PrefetchedTransitions"/>): one scan of the run instead of one per result.</summary>
    public async Task PrefetchTransitionsAsync(IReadOnlyList<PlannedTransition> transitions, CancellationToken cancellationToken)
    {
        if (transitions.Count == 0) return;
        PrefetchedTransitions.Validate(transitions);
        var moved = new List<bool>(transitions.Count);
        foreach (var planned in transitions) moved.Add(await TransitionAsync(planned.TaskId, planned.Expected, planned.To, planned.Details, cancellationToken));
        _prefetched.Add(transitions, moved, await CountUnfinishedAsync(cancellationToken));
    }

    public async Task<(bool Moved, int Unfinished)> TransitionAndCountUnfinishedAsync(string taskId, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to,
        TaskTransition details, CancellationToken cancellationToken)
    {
        if (_prefetched.TryTake(taskId, to, details, out var prefetched)) return prefetched;
        return await TransitionAsync(taskId, expected, to, details, cancellationToken) ? (true, await CountUnfinishedAsync(cancellationToken)) : (false, 0);
    }

    public async Task<bool> TransitionAsync(string taskId, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to, TaskTransition details, CancellationToken cancellationToken)
    {
        await using var command = TransitionCommand("task_id = $task", expected, to, details, returning: false);
        command.Parameters.AddWithValue("$task", taskId);
        return await command.ExecuteNonQueryAsync(cancellationToken) >= 1;
    }

    public async Task<IReadOnlyCollection<string>> TransitionManyAsync(IReadOnlyCollection<string> taskIds, TaskInstanceState expected, TaskInstanceState to, TaskTransition details, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0) return [];
        await using var command = TransitionCommand($"task_id IN ({string.Join(',', taskIds.Select((_, i) => $"$t{i}"))})", [expected], to, details, returning: true);
        var n = 0;
        foreach (var taskId in taskIds) command.Parameters.AddWithValue($"$t{n++}", taskId);
        var moved = new List<string>(taskIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) moved.Add(reader.GetString(0));
        return moved;
    }

    /// <summary>The guarded UPDATE of one or many task instances of this run (the filter names them).</summary>
    private SqliteCommand TransitionCommand(string taskFilter, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to, TaskTransition details, bool returning)
    {
        var expectedNames = expected.Select((_, i) => $"$e{i}");
        var keepsWorker = to == TaskInstanceState.Running;
        var command = SqliteStore.Command(Connection, $"""
            UPDATE task_instances SET
                state = $to,
                queued_at = CASE WHEN $to = 'queued' THEN $now ELSE queued_at END,
                ready_at = $ready,
                start_date = CASE WHEN $clears THEN NULL ELSE start_date END,
                end_date = CASE WHEN $clears THEN NULL WHEN $ends THEN $now ELSE end_date END,
                max_tries = CASE WHEN $tries IS NULL THEN max_tries ELSE try_number + $tries END,
                try_number = CASE WHEN $undo THEN try_number - 1 ELSE try_number END,
                worker_id = {(keepsWorker ? "worker_id" : "NULL")},
                lease_until = {(keepsWorker ? "lease_until" : "NULL")}
            WHERE run_pk = $pk AND {taskFilter} AND state IN ({string.Join(',', expectedNames)})
                {(details.MapIndex is null ? "" : "AND map_index = $mapIndex")}
                {(details.RequireWorker is null ? "" : "AND worker_id = $worker")}
            {(returning ? "RETURNING task_id" : "")};
            """, tx);
        command.Parameters.AddWithValue("$to", to.Name());
        command.Parameters.AddWithValue("$now", DbTime.ToDb(details.Now));
        command.Parameters.AddWithValue("$ready", DbTime.ToDb(details.ReadyAt));
        command.Parameters.AddWithValue("$ends", details.Ends);
        command.Parameters.AddWithValue("$clears", details.Clears);
        command.Parameters.AddWithValue("$tries", (object?)details.TriesFromNow ?? DBNull.Value);
        command.Parameters.AddWithValue("$undo", details.UndoTry);
        command.Parameters.AddWithValue("$pk", Run.Id);
        if (details.RequireWorker is not null) command.Parameters.AddWithValue("$worker", details.RequireWorker);
        if (details.MapIndex is { } mapIndex) command.Parameters.AddWithValue("$mapIndex", mapIndex);
        var i = 0;
        foreach (var state in expected) command.Parameters.AddWithValue($"$e{i++}", state.Name());
        return command;
    }

    public async Task SetXComAsync(string taskId, int mapIndex, string key, string value, CancellationToken cancellationToken)
    {
        await using var command = SqliteStore.Command(Connection,
            "INSERT OR REPLACE INTO xcom (run_pk, task_id, map_index, key, value) VALUES ($pk, $task, $mapIndex, $key, $value);", tx);
        command.Parameters.AddWithValue("$pk", Run.Id);
        command.Parameters.AddWithValue("$task", taskId);
        command.Parameters.AddWithValue("$mapIndex", mapIndex);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task AppendLogAsync(string taskId, int mapIndex, int tryNumber, IReadOnlyList<LogLine> lines, CancellationToken cancellationToken) =>
        SqliteStore.InsertLogLinesAsync(Connection, tx, [new TaskLogChunk(Run.Id, taskId, mapIndex, tryNumber, lines)], cancellationToken);

    public async Task RecordTryAsync(string taskId, int mapIndex, int tryNumber, string? worker, CancellationToken cancellationToken)
    {
        // One statement on the hot path: the instance row as this transaction left it is the try's outcome.
        await using var command = SqliteStore.Command(Connection, """
            INSERT INTO task_instance_tries (run_pk, task_id, map_index, try_number, state, start_date, end_date, worker_id)
            SELECT run_pk, task_id, map_index, $try, state, start_date, end_date, $worker
            FROM task_instances WHERE run_pk = $pk AND task_id = $task AND map_index = $mapIndex
            ON CONFLICT (run_pk, task_id, map_index, try_number) DO UPDATE SET
                state = excluded.state, start_date = excluded.start_date, end_date = excluded.end_date, worker_id = excluded.worker_id;
            """, tx);
        command.Parameters.AddWithValue("$pk", Run.Id);
        command.Parameters.AddWithValue("$task", taskId);
        command.Parameters.AddWithValue("$mapIndex", mapIndex);
        command.Parameters.AddWithValue("$try", tryNumber);
        command.Parameters.AddWithValue("$worker", (object?)worker ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> SetRunStateAsync(DagRunState expected, DagRunState to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = SqliteStore.Command(Connection, """
            UPDATE dag_runs SET state = $to,
                start_date = CASE WHEN $to = 'running' AND start_date IS NULL THEN $now ELSE start_date END,
                end_date = CASE WHEN $to IN ('success', 'failed') THEN $now ELSE NULL END
            WHERE id = $pk AND state = $expected;
            """, tx);
        command.Parameters.AddWithValue("$to", to.Name());
        command.Parameters.AddWithValue("$expected", expected.Name());
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        command.Parameters.AddWithValue("$pk", Run.Id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyDictionary<string, TaskInstanceState>?> GetPreviousRunStatesAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        await using var previous = SqliteStore.Command(Connection, """
            SELECT id FROM dag_runs WHERE dag_id = $dag AND (logical_date < $logical OR (logical_date = $logical AND id < $pk))
            ORDER BY logical_date DESC, id DESC LIMIT 1;
            """, tx);
        previous.Parameters.AddWithValue("$dag", Run.DagId);
        previous.Parameters.AddWithValue("$logical", DbTime.ToDb(Run.LogicalDate));
        previous.Parameters.AddWithValue("$pk", Run.Id);
        if (await previous.ExecuteScalarAsync(cancellationToken) is not long previousPk) return null;
        var states = new Dictionary<string, TaskInstanceState>(StringComparer.Ordinal);
        if (taskIds.Count == 0) return states;
        await using var command = SqliteStore.Command(Connection,
            $"SELECT task_id, state FROM task_instances WHERE run_pk = $pk AND task_id IN ({string.Join(',', taskIds.Select((_, i) => $"$t{i}"))});", tx);
        command.Parameters.AddWithValue("$pk", previousPk);
        var n = 0;
        foreach (var id in taskIds) command.Parameters.AddWithValue($"$t{n++}", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<InstanceState>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(new InstanceState(reader.GetString(0), -1, StateNames.ParseTaskState(reader.GetString(1))));
        // A mapped task of the previous run counts as its instances summed up.
        return InstanceStates.ByTask(rows);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => tx.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync();
        await lease.DisposeAsync();
    }
}
