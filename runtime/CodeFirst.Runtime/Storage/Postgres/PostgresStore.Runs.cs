using CodeFirst.Runtime.State;
using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    internal const string RunColumns =
        "id, dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state, conf, queued_at, start_date, end_date";

    public async Task<DagRunRecord?> CreateRunAsync(NewDagRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var created = await InsertRunAsync(connection, tx, run, now, cancellationToken);
        if (created is null) return null;
        await NotifyAsync(connection, tx, work: false, scheduler: true, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>The body of <see cref="CreateRunAsync"/> inside a caller's transaction (asset-triggered runs add to it).</summary>
    private static async Task<DagRunRecord?> InsertRunAsync(NpgsqlConnection connection, NpgsqlTransaction tx, NewDagRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // No conflict target: both the run id and (non-manual) logical date keys count. A concurrent
        // creator of the same run makes this wait for its commit, then do nothing.
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO dag_runs (dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state, conf, queued_at)
            VALUES (@dag, @run, @type, @logical, @start, @end, 'queued', @conf, @now)
            ON CONFLICT DO NOTHING
            RETURNING {RunColumns};
            """, connection, tx);
        insert.Parameters.AddWithValue("dag", run.DagId);
        insert.Parameters.AddWithValue("run", run.RunId);
        insert.Parameters.AddWithValue("type", RunTypeNames.Name(run.RunType));
        insert.Parameters.AddTime("logical", run.LogicalDate);
        insert.Parameters.AddTime("start", run.DataIntervalStart);
        insert.Parameters.AddTime("end", run.DataIntervalEnd);
        insert.Parameters.AddWithValue("conf", run.Conf);
        insert.Parameters.AddTime("now", now);
        if ((await ReadRunsAsync(insert, cancellationToken)).SingleOrDefault() is not { } created) return null;

        if (run.Tasks.Count > 0)
        {
            await using var ti = new NpgsqlCommand("""
                INSERT INTO task_instances (run_pk, dag_id, run_id, task_id, state, max_tries, priority_weight, queue, pool, pool_slots)
                SELECT @pk, @dag, @run, t.task_id, 'none', t.max_tries, t.priority_weight, t.queue, t.pool, t.pool_slots
                FROM unnest(@tasks, @tries, @weights, @queues, @pools, @slots) AS t (task_id, max_tries, priority_weight, queue, pool, pool_slots);
                """, connection, tx);
            ti.Parameters.AddWithValue("pk", created.Id);
            ti.Parameters.AddWithValue("dag", run.DagId);
            ti.Parameters.AddWithValue("run", run.RunId);
            ti.Parameters.AddTextArray("tasks", run.Tasks.Select(t => t.TaskId));
            ti.Parameters.Add(new NpgsqlParameter("tries", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = run.Tasks.Select(t => t.MaxTries).ToArray() });
            ti.Parameters.Add(new NpgsqlParameter("weights", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = run.Tasks.Select(t => t.PriorityWeight).ToArray() });
            ti.Parameters.AddTextArray("queues", run.Tasks.Select(t => t.Queue));
            ti.Parameters.AddTextArray("pools", run.Tasks.Select(t => t.Pool));
            ti.Parameters.Add(new NpgsqlParameter("slots", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = run.Tasks.Select(t => t.PoolSlots).ToArray() });
            await ti.ExecuteNonQueryAsync(cancellationToken);
        }

        if (run.RunType == DagRunType.Scheduled)
        {
            await using var mark = new NpgsqlCommand("""
                UPDATE dags SET last_automated_start = @start, last_automated_end = @end
                WHERE dag_id = @dag AND (last_automated_start IS NULL OR last_automated_start < @start);
                """, connection, tx);
            mark.Parameters.AddWithValue("dag", run.DagId);
            mark.Parameters.AddTime("start", run.DataIntervalStart);
            mark.Parameters.AddTime("end", run.DataIntervalEnd);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        return created;
    }

    public async Task<DagRunRecord?> GetRunAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"SELECT {RunColumns} FROM dag_runs WHERE dag_id = @dag AND run_id = @run;");
        command.Parameters.AddWithValue("dag", dagId);
        command.Parameters.AddWithValue("run", runId);
        return (await ReadRunsAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<DagRunRecord>> ListRunsAsync(string? dagId, DagRunState? state, int limit, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"""
            SELECT {RunColumns} FROM dag_runs
            WHERE (@dag IS NULL OR dag_id = @dag) AND (@state IS NULL OR state = @state)
            ORDER BY logical_date DESC, id DESC LIMIT @limit;
            """);
        command.Parameters.AddText("dag", dagId);
        command.Parameters.AddText("state", state?.Name());
        command.Parameters.AddWithValue("limit", limit);
        return await ReadRunsAsync(command, cancellationToken);
    }

    public Task<int> CountActiveRunsAsync(string dagId, CancellationToken cancellationToken) =>
        CountRunsAsync(dagId, "state IN ('queued', 'running')", cancellationToken);

    public Task<int> CountRunningRunsAsync(string dagId, CancellationToken cancellationToken) =>
        CountRunsAsync(dagId, "state = 'running'", cancellationToken);

    public async Task<IReadOnlyList<DagRunRecord>> ListQueuedRunsAsync(CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"SELECT {RunColumns} FROM dag_runs WHERE state = 'queued' ORDER BY logical_date, id;");
        return await ReadRunsAsync(command, cancellationToken);
    }

    private async Task<int> CountRunsAsync(string dagId, string condition, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"SELECT COUNT(*) FROM dag_runs WHERE dag_id = @dag AND {condition};");
        command.Parameters.AddWithValue("dag", dagId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task<IReadOnlyList<DagRunRecord>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<DagRunRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new DagRunRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                RunTypeNames.Parse(reader.GetString(3)),
                reader.GetTime(4),
                reader.GetTime(5),
                reader.GetTime(6),
                StateNames.ParseRunState(reader.GetString(7)),
                reader.GetString(8),
                reader.GetTime(9),
                reader.GetTimeOrNull(10),
                reader.GetTimeOrNull(11)));
        }
        return runs;
    }
}
