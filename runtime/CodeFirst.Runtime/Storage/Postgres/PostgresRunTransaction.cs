using CodeFirst.Runtime.State;
using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

/// <summary>
/// A run transaction on PostgreSQL: the run's row is locked FOR UPDATE from the start. Writes whose
/// result nobody reads (log lines, try history, XComs) wait in <see cref="_deferred"/> and travel in
/// the same round trip as the next statement that is read, or as the commit; wake-ups are collected
/// and sent with the commit too. The statements still run in the order they were issued.
/// </summary>
internal sealed class PostgresRunTransaction(NpgsqlConnection connection, NpgsqlTransaction tx, DagRunRecord run) : IRunTransaction
{
    private readonly List<NpgsqlBatchCommand> _deferred = [];
    private readonly PrefetchedTransitions _prefetched = new();
    private PostgresTryRows? _tries;
    private bool _wakeWorkers;
    private string? _workersWokenBy;
    private bool _wakeSchedulers;

    public async Task RecordAssetEventAsync(NewAssetEvent assetEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await PostgresStore.InsertAssetEventAsync(connection, tx, assetEvent, now, cancellationToken);
        _wakeSchedulers = true;
    }

    public DagRunRecord Run { get; } = run;

    public void WorkersWokenBy(string workerId) => _workersWokenBy = workerId;

    public async Task<ClaimedTask?> StartQueuedAsync(string taskId, int mapIndex, string worker, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand($"""
            UPDATE task_instances SET {PostgresStore.StartRunning}
            WHERE run_pk = @pk AND task_id = @task AND map_index = @mapIndex AND state = 'queued'
            RETURNING id, try_number, max_tries, CASE WHEN trigger_event_try = try_number THEN trigger_event END;
            """);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddTime("lease", leaseUntil);
        command.Parameters.AddTime("now", now);
        command.Parameters.AddWithValue("pk", Run.Id);
        command.Parameters.AddWithValue("task", taskId);
        command.Parameters.AddWithValue("mapIndex", mapIndex);
        await using var batch = With(command);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return RunningInstances.Claimed(Run, taskId, mapIndex, reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetStringOrNull(3));
    }

    public async Task<IReadOnlyList<InstanceState>> GetInstanceStatesAsync(CancellationToken cancellationToken)
    {
        await using var batch = With(InstanceStatesCommand());
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadInstanceStatesAsync(reader, cancellationToken);
    }

    private NpgsqlBatchCommand InstanceStatesCommand()
    {
        var command = new NpgsqlBatchCommand("SELECT task_id, map_index, state FROM task_instances WHERE run_pk = @pk ORDER BY task_id, map_index;");
        command.Parameters.AddWithValue("pk", Run.Id);
        return command;
    }

    private static async Task<IReadOnlyList<InstanceState>> ReadInstanceStatesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var states = new List<InstanceState>();
        while (await reader.ReadAsync(cancellationToken))
            states.Add(new InstanceState(reader.GetString(0), reader.GetInt32(1), StateNames.ParseTaskState(reader.GetString(2))));
        return states;
    }

    public async Task<bool> ExpandAsync(string taskId, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var first = new NpgsqlBatchCommand("""
            UPDATE task_instances SET map_index = 0, state = 'queued', queued_at = @now
            WHERE run_pk = @pk AND task_id = @task AND map_index = -1 AND state IN ('none', 'scheduled');
            """);
        first.Parameters.AddWithValue("pk", Run.Id);
        first.Parameters.AddWithValue("task", taskId);
        first.Parameters.AddTime("now", now);
        if (await ExecuteAsync(first, cancellationToken) != 1) return false;
        var rest = new NpgsqlBatchCommand("""
            INSERT INTO task_instances (run_pk, dag_id, run_id, task_id, map_index, state, max_tries, priority_weight, queue, queued_at, pool, pool_slots)
            SELECT t.run_pk, t.dag_id, t.run_id, t.task_id, i, 'queued', t.max_tries, t.priority_weight, t.queue, @now, t.pool, t.pool_slots
            FROM task_instances t, generate_series(1, @count - 1) AS i
            WHERE t.run_pk = @pk AND t.task_id = @task AND t.map_index = 0;
            """);
        rest.Parameters.AddWithValue("pk", Run.Id);
        rest.Parameters.AddWithValue("task", taskId);
        rest.Parameters.AddTime("now", now);
        rest.Parameters.AddWithValue("count", count);
        await ExecuteAsync(rest, cancellationToken);
        _wakeWorkers = true;
        return true;
    }

    public async Task<string?> GetReturnValueAsync(string taskId, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand(
            "SELECT map_index, value FROM xcom WHERE run_pk = @pk AND task_id = @task AND key = @key ORDER BY map_index;");
        command.Parameters.AddWithValue("pk", Run.Id);
        command.Parameters.AddWithValue("task", taskId);
        command.Parameters.AddWithValue("key", XComJson.ReturnValueKey);
        await using var batch = With(command);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt32(0), reader.GetString(1)));
        return XComValues.Assemble(rows);
    }

    public async Task<int> CountUnfinishedAsync(CancellationToken cancellationToken)
    {
        var command = CountUnfinishedCommand();
        await using var batch = With(command);
        return (int)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Every planned transition and one count after the last, in one round trip (see <see cref="PrefetchedTransitions"/>):
    /// one UPDATE for all of them when they only end tries (<see cref="PostgresFinishingRows"/>), else one each.
    /// </summary>
    public async Task PrefetchTransitionsAsync(IReadOnlyList<PlannedTransition> transitions, CancellationToken cancellationToken)
    {
        if (transitions.Count == 0) return;
        PrefetchedTransitions.Validate(transitions);
        await using var batch = new NpgsqlBatch(connection, tx);
        TakeDeferred(batch);
        if (PostgresFinishingRows.TryCreate(Run.Id, transitions) is { } finishing)
        {
            batch.BatchCommands.Add(finishing.Command);
            batch.BatchCommands.Add(CountUnfinishedCommand());
            bool[] moved;
            int count;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                moved = await PostgresFinishingRows.ReadMovedAsync(reader, transitions, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                count = reader.GetInt32(0);
            }
            _prefetched.Add(transitions, moved, count);
            return;
        }
        var commands = new List<NpgsqlBatchCommand>(transitions.Count);
        foreach (var planned in transitions)
        {
            var transition = TransitionCommand("task_id = @task", planned.Expected, planned.To, planned.Details, returning: false);
            transition.Parameters.AddWithValue("task", planned.TaskId);
            batch.BatchCommands.Add(transition);
            commands.Add(transition);
        }
        batch.BatchCommands.Add(CountUnfinishedCommand());
        var unfinished = (int)(await batch.ExecuteScalarAsync(cancellationToken))!;
        _prefetched.Add(transitions, [.. commands.Select(c => c.RecordsAffected >= 1)], unfinished);
    }

    /// <summary>The transition and the count in one round trip (the count is read even when nothing moved, and then ignored).</summary>
    public async Task<(bool Moved, int Unfinished)> TransitionAndCountUnfinishedAsync(string taskId, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to,
        TaskTransition details, CancellationToken cancellationToken)
    {
        if (_prefetched.TryTake(taskId, to, details, out var prefetched)) return prefetched;
        var transition = TransitionCommand("task_id = @task", expected, to, details, returning: false);
        transition.Parameters.AddWithValue("task", taskId);
        _deferred.Add(transition);
        _tries = null; // a try recorded after this must copy the row as this transition leaves it
        await using var batch = With(CountUnfinishedCommand());
        var unfinished = (int)(await batch.ExecuteScalarAsync(cancellationToken))!;
        var moved = transition.RecordsAffected >= 1;
        if (moved && to is TaskInstanceState.Queued or TaskInstanceState.UpForRetry) _wakeWorkers = true;
        return moved ? (true, unfinished) : (false, 0);
    }

    private NpgsqlBatchCommand CountUnfinishedCommand()
    {
        var command = new NpgsqlBatchCommand($"SELECT COUNT(*)::integer FROM task_instances WHERE run_pk = @pk AND state NOT IN ({StateSql.Finished});");
        command.Parameters.AddWithValue("pk", Run.Id);
        return command;
    }

    public async Task<bool> TransitionAsync(string taskId, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to, TaskTransition details, CancellationToken cancellationToken)
    {
        var command = TransitionCommand("task_id = @task", expected, to, details, returning: false);
        command.Parameters.AddWithValue("task", taskId);
        var moved = await ExecuteAsync(command, cancellationToken) >= 1;
        if (moved && to is TaskInstanceState.Queued or TaskInstanceState.UpForRetry) _wakeWorkers = true;
        return moved;
    }

    public async Task<IReadOnlyCollection<string>> TransitionManyAsync(IReadOnlyCollection<string> taskIds, TaskInstanceState expected, TaskInstanceState to, TaskTransition details, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0) return [];
        var command = TransitionCommand("task_id = ANY(@tasks)", [expected], to, details, returning: true);
        command.Parameters.AddTextArray("tasks", taskIds);
        var moved = new List<string>(taskIds.Count);
        await using (var batch = With(command))
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) moved.Add(reader.GetString(0));
        }
        if (moved.Count > 0 && to is TaskInstanceState.Queued or TaskInstanceState.UpForRetry) _wakeWorkers = true;
        return moved;
    }

    /// <summary>The guarded UPDATE of one or many task instances of this run (the filter names them).</summary>
    private NpgsqlBatchCommand TransitionCommand(string taskFilter, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to, TaskTransition details, bool returning)
    {
        var keepsWorker = to == TaskInstanceState.Running;
        var command = new NpgsqlBatchCommand($"""
            UPDATE task_instances SET
                state = @to,
                queued_at = CASE WHEN @to = 'queued' THEN @now ELSE queued_at END,
                ready_at = @ready,
                end_date = CASE WHEN @clears THEN NULL WHEN @ends THEN @now ELSE end_date END,
                start_date = CASE WHEN @clears THEN NULL ELSE start_date END,
                max_tries = CASE WHEN @tries::integer IS NULL THEN max_tries ELSE try_number + @tries::integer END,
                try_number = CASE WHEN @undo THEN try_number - 1 ELSE try_number END,
                worker_id = {(keepsWorker ? "worker_id" : "NULL")},
                lease_until = {(keepsWorker ? "lease_until" : "NULL")}
            WHERE run_pk = @pk AND {taskFilter} AND state = ANY(@expected)
                {(details.MapIndex is null ? "" : "AND map_index = @mapIndex")}
                {(details.RequireWorker is null ? "" : "AND worker_id = @worker")}
            {(returning ? "RETURNING task_id" : "")};
            """);
        command.Parameters.AddText("to", to.Name());
        command.Parameters.AddTime("now", details.Now);
        command.Parameters.AddTime("ready", details.ReadyAt);
        command.Parameters.Add(new NpgsqlParameter("ends", NpgsqlDbType.Boolean) { Value = details.Ends });
        command.Parameters.Add(new NpgsqlParameter("clears", NpgsqlDbType.Boolean) { Value = details.Clears });
        command.Parameters.Add(new NpgsqlParameter("tries", NpgsqlDbType.Integer) { Value = (object?)details.TriesFromNow ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("undo", NpgsqlDbType.Boolean) { Value = details.UndoTry });
        command.Parameters.AddWithValue("pk", Run.Id);
        command.Parameters.AddTextArray("expected", expected.Select(s => s.Name()));
        if (details.RequireWorker is not null) command.Parameters.AddWithValue("worker", details.RequireWorker);
        if (details.MapIndex is { } mapIndex) command.Parameters.AddWithValue("mapIndex", mapIndex);
        return command;
    }

    public Task SetXComAsync(string taskId, int mapIndex, string key, string value, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO xcom (run_pk, task_id, map_index, key, value) VALUES (@pk, @task, @mapIndex, @key, @value)
            ON CONFLICT (run_pk, task_id, map_index, key) DO UPDATE SET value = EXCLUDED.value;
            """);
        command.Parameters.AddWithValue("pk", Run.Id);
        command.Parameters.AddWithValue("task", taskId);
        command.Parameters.AddWithValue("mapIndex", mapIndex);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("value", value);
        _deferred.Add(command);
        return Task.CompletedTask;
    }

    public Task AppendLogAsync(string taskId, int mapIndex, int tryNumber, IReadOnlyList<LogLine> lines, CancellationToken cancellationToken)
    {
        if (PostgresStore.AppendLogsCommand([new TaskLogChunk(Run.Id, taskId, mapIndex, tryNumber, lines)]) is { } append) _deferred.Add(append);
        return Task.CompletedTask;
    }

    public Task RecordTryAsync(string taskId, int mapIndex, int tryNumber, string? worker, CancellationToken cancellationToken)
    {
        // Tries recorded one after another share one statement (log lines, XComs and the run's row written in
        // between do not touch instance rows); a write to instance rows in between, or a flush, starts a new one,
        // so each try row still copies its instance row as the statements before it left it.
        if (_tries is null || !_tries.TryAdd(taskId, mapIndex, tryNumber, worker))
        {
            _tries = new PostgresTryRows(Run.Id);
            _tries.TryAdd(taskId, mapIndex, tryNumber, worker);
            _deferred.Add(_tries.Command);
        }
        return Task.CompletedTask;
    }

    public async Task<bool> SetRunStateAsync(DagRunState expected, DagRunState to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = RunStateCommand(expected, to, now);
        var moved = await ExecuteAsync(command, cancellationToken) == 1;
        if (moved && to is DagRunState.Success or DagRunState.Failed or DagRunState.Queued) _wakeSchedulers = true;
        return moved;
    }

    /// <summary>The run's new state and its instances' states in one round trip (the states are read even when it did not move, then dropped).</summary>
    public async Task<(bool Moved, IReadOnlyList<InstanceState> States)> SetRunStateAndReadInstancesAsync(DagRunState expected, DagRunState to, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var command = RunStateCommand(expected, to, now);
        _deferred.Add(command);
        await using var batch = With(InstanceStatesCommand());
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var states = await ReadInstanceStatesAsync(reader, cancellationToken);
        var moved = command.RecordsAffected == 1;
        if (moved && to is DagRunState.Success or DagRunState.Failed or DagRunState.Queued) _wakeSchedulers = true;
        return moved ? (true, states) : (false, []);
    }

    private NpgsqlBatchCommand RunStateCommand(DagRunState expected, DagRunState to, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE dag_runs SET state = @to,
                start_date = CASE WHEN @to = 'running' AND start_date IS NULL THEN @now ELSE start_date END,
                end_date = CASE WHEN @to IN ('success', 'failed') THEN @now ELSE NULL END
            WHERE id = @pk AND state = @expected;
            """);
        command.Parameters.AddText("to", to.Name());
        command.Parameters.AddText("expected", expected.Name());
        command.Parameters.AddTime("now", now);
        command.Parameters.AddWithValue("pk", Run.Id);
        return command;
    }

    public async Task<IReadOnlyDictionary<string, TaskInstanceState>?> GetPreviousRunStatesAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        var previous = new NpgsqlBatchCommand("""
            SELECT id FROM dag_runs WHERE dag_id = @dag AND (logical_date < @logical OR (logical_date = @logical AND id < @pk))
            ORDER BY logical_date DESC, id DESC LIMIT 1;
            """);
        previous.Parameters.AddWithValue("dag", Run.DagId);
        previous.Parameters.AddTime("logical", Run.LogicalDate);
        previous.Parameters.AddWithValue("pk", Run.Id);
        long previousPk;
        await using (var previousBatch = With(previous))
        {
            if (await previousBatch.ExecuteScalarAsync(cancellationToken) is not long found) return null;
            previousPk = found;
        }
        var command = new NpgsqlBatchCommand("SELECT task_id, state FROM task_instances WHERE run_pk = @pk AND task_id = ANY(@tasks);");
        command.Parameters.AddWithValue("pk", previousPk);
        command.Parameters.AddTextArray("tasks", taskIds);
        await using var batch = With(command);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var rows = new List<InstanceState>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(new InstanceState(reader.GetString(0), -1, StateNames.ParseTaskState(reader.GetString(1))));
        // A mapped task of the previous run counts as its instances summed up.
        return InstanceStates.ByTask(rows);
    }

    /// <summary>The deferred writes, the wake-ups and the COMMIT in one round trip.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (PostgresStore.NotifyCommand(_wakeWorkers, _wakeSchedulers, _workersWokenBy) is { } notify) _deferred.Add(notify);
        _deferred.Add(new NpgsqlBatchCommand("COMMIT;"));
        await FlushAsync(cancellationToken);
    }

    /// <summary>A batch of the deferred writes followed by <paramref name="command"/>; a reader of it starts at the command's rows.</summary>
    private NpgsqlBatch With(NpgsqlBatchCommand command)
    {
        var batch = new NpgsqlBatch(connection, tx);
        TakeDeferred(batch);
        batch.BatchCommands.Add(command);
        return batch;
    }

    /// <summary>Runs the deferred writes and <paramref name="command"/>; the rows the command changed.</summary>
    private async Task<int> ExecuteAsync(NpgsqlBatchCommand command, CancellationToken cancellationToken)
    {
        await using var batch = With(command);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return command.RecordsAffected;
    }

    /// <summary>Moves the deferred writes into <paramref name="batch"/>; tries recorded later go in a statement of their own.</summary>
    private void TakeDeferred(NpgsqlBatch batch)
    {
        foreach (var deferred in _deferred) batch.BatchCommands.Add(deferred);
        _deferred.Clear();
        _tries = null;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_deferred.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection, tx);
        TakeDeferred(batch);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync();
        await connection.DisposeAsync();
    }
}
