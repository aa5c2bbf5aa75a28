using CodeFirst.Runtime.State;
using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    internal const string RunColumns =
        "id, dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state, conf, queued_at, start_date, end_date";

    /// <summary>One round trip: the run, its task instances, the scheduler wake-up and the COMMIT.</summary>
    public async Task<DagRunRecord?> CreateRunAsync(NewDagRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(InsertRunCommand(run, now));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT;"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var created = (await ReadRunsAsync(reader, cancellationToken)).SingleOrDefault();
        // Past the last result: the COMMIT has been answered (a failed commit throws here).
        while (await reader.NextResultAsync(cancellationToken)) { }
        return created;
    }

    /// <summary>The body of <see cref="CreateRunAsync"/> inside a caller's transaction (asset-triggered runs add to it).</summary>
    private static async Task<DagRunRecord?> InsertRunAsync(NpgsqlConnection connection, NpgsqlTransaction tx, NewDagRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(InsertRunCommand(run, now));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return (await ReadRunsAsync(reader, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// One statement: the run row, its task instances, a scheduled run's mark on its DAG, and (when a row was
    /// created) the scheduler wake-up; it returns the created run, or nothing when the run already existed.
    /// No conflict target: both the run id and (non-manual) logical date keys count. A concurrent creator of the
    /// same run makes this wait for its commit, then do nothing.
    /// </summary>
    private static NpgsqlBatchCommand InsertRunCommand(NewDagRun run, DateTimeOffset now)
    {
        var mark = run.RunType != DagRunType.Scheduled ? "" : """
            , m AS (
                UPDATE dags SET last_automated_start = @start, last_automated_end = @end
                WHERE dag_id = @dag AND EXISTS (SELECT 1 FROM r) AND (last_automated_start IS NULL OR last_automated_start < @start)
            )
            """;
        var command = new NpgsqlBatchCommand($"""
            WITH r AS (
                INSERT INTO dag_runs (dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state, conf, queued_at)
                VALUES (@dag, @run, @type, @logical, @start, @end, 'queued', @conf, @now)
                ON CONFLICT DO NOTHING
                RETURNING {RunColumns}
            ), instances AS (
                INSERT INTO task_instances (run_pk, dag_id, run_id, task_id, state, max_tries, priority_weight, queue, pool, pool_slots)
                SELECT r.id, @dag, @run, x.task_id, 'none', x.max_tries, x.priority_weight, x.queue, x.pool, x.pool_slots
                FROM r, unnest(@tasks, @tries, @weights, @queues, @pools, @slots) AS x (task_id, max_tries, priority_weight, queue, pool, pool_slots)
            ){mark}
            SELECT {RunColumns}, pg_notify('{SchedulerChannel}', '') FROM r;
            """);
        command.Parameters.AddWithValue("dag", run.DagId);
        command.Parameters.AddWithValue("run", run.RunId);
        command.Parameters.AddWithValue("type", RunTypeNames.Name(run.RunType));
        command.Parameters.AddTime("logical", run.LogicalDate);
        command.Parameters.AddTime("start", run.DataIntervalStart);
        command.Parameters.AddTime("end", run.DataIntervalEnd);
        command.Parameters.AddWithValue("conf", run.Conf);
        command.Parameters.AddTime("now", now);
        command.Parameters.AddTextArray("tasks", run.Tasks.Select(t => t.TaskId));
        command.Parameters.Add(new NpgsqlParameter("tries", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = run.Tasks.Select(t => t.MaxTries).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("weights", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = run.Tasks.Select(t => t.PriorityWeight).ToArray() });
        command.Parameters.AddTextArray("queues", run.Tasks.Select(t => t.Queue));
        command.Parameters.AddTextArray("pools", run.Tasks.Select(t => t.Pool));
        command.Parameters.Add(new NpgsqlParameter("slots", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = run.Tasks.Select(t => t.PoolSlots).ToArray() });
        return command;
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
        return await ReadRunsAsync(reader, cancellationToken);
    }

    /// <summary>The runs of the reader's current result (columns as in <see cref="RunColumns"/>, extra ones ignored).</summary>
    internal static async Task<IReadOnlyList<DagRunRecord>> ReadRunsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
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
