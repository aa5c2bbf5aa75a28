using CodeFirst.Runtime.State;
using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string RunColumns =
        "id, dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state, conf, queued_at, start_date, end_date";

    public async Task<DagRunRecord?> CreateRunAsync(NewDagRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
        var created = await InsertRunAsync(lease.Connection, tx, run, now, cancellationToken);
        if (created is not null) await tx.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>The body of <see cref="CreateRunAsync"/> inside a caller's transaction (asset-triggered runs add to it).</summary>
    private static async Task<DagRunRecord?> InsertRunAsync(SqliteConnection connection, SqliteTransaction tx, NewDagRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = Command(connection, """
            INSERT OR IGNORE INTO dag_runs (dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state, conf, queued_at)
            VALUES ($dag, $run, $type, $logical, $start, $end, 'queued', $conf, $now)
            RETURNING id;
            """, tx);
        insert.Parameters.AddWithValue("$dag", run.DagId);
        insert.Parameters.AddWithValue("$run", run.RunId);
        insert.Parameters.AddWithValue("$type", RunTypeNames.Name(run.RunType));
        insert.Parameters.AddWithValue("$logical", DbTime.ToDb(run.LogicalDate));
        insert.Parameters.AddWithValue("$start", DbTime.ToDb(run.DataIntervalStart));
        insert.Parameters.AddWithValue("$end", DbTime.ToDb(run.DataIntervalEnd));
        insert.Parameters.AddWithValue("$conf", run.Conf);
        insert.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        if (await insert.ExecuteScalarAsync(cancellationToken) is not long runPk) return null;

        await using (var ti = Command(connection, """
            INSERT INTO task_instances (run_pk, dag_id, run_id, task_id, state, max_tries, priority_weight, queue, pool, pool_slots)
            VALUES ($pk, $dag, $run, $task, 'none', $tries, $weight, $queue, $pool, $slots);
            """, tx))
        {
            var task = ti.Parameters.Add("$task", SqliteType.Text);
            var tries = ti.Parameters.Add("$tries", SqliteType.Integer);
            var weight = ti.Parameters.Add("$weight", SqliteType.Integer);
            var queue = ti.Parameters.Add("$queue", SqliteType.Text);
            var pool = ti.Parameters.Add("$pool", SqliteType.Text);
            var slots = ti.Parameters.Add("$slots", SqliteType.Integer);
            ti.Parameters.AddWithValue("$pk", runPk);
            ti.Parameters.AddWithValue("$dag", run.DagId);
            ti.Parameters.AddWithValue("$run", run.RunId);
            foreach (var t in run.Tasks)
            {
                task.Value = t.TaskId;
                tries.Value = t.MaxTries;
                weight.Value = t.PriorityWeight;
                queue.Value = t.Queue;
                pool.Value = t.Pool;
                slots.Value = t.PoolSlots;
                await ti.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (run.RunType == DagRunType.Scheduled)
        {
            await using var mark = Command(connection, """
                UPDATE dags SET last_automated_start = $start, last_automated_end = $end
                WHERE dag_id = $dag AND (last_automated_start IS NULL OR last_automated_start < $start);
                """, tx);
            mark.Parameters.AddWithValue("$dag", run.DagId);
            mark.Parameters.AddWithValue("$start", DbTime.ToDb(run.DataIntervalStart));
            mark.Parameters.AddWithValue("$end", DbTime.ToDb(run.DataIntervalEnd));
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        return await ReadRunAsync(connection, tx, "id = $id", p => p.AddWithValue("$id", runPk), cancellationToken);
    }

    public async Task<DagRunRecord?> GetRunAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadRunAsync(connection, null, "dag_id = $dag AND run_id = $run",
            p => { p.AddWithValue("$dag", dagId); p.AddWithValue("$run", runId); }, cancellationToken);
    }

    public async Task<IReadOnlyList<DagRunRecord>> ListRunsAsync(string? dagId, DagRunState? state, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT {RunColumns} FROM dag_runs
            WHERE ($dag IS NULL OR dag_id = $dag) AND ($state IS NULL OR state = $state)
            ORDER BY logical_date DESC, id DESC LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$dag", (object?)dagId ?? DBNull.Value);
        command.Parameters.AddWithValue("$state", state is { } s ? s.Name() : DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadRunsAsync(command, cancellationToken);
    }

    public Task<int> CountActiveRunsAsync(string dagId, CancellationToken cancellationToken) =>
        CountRunsAsync(dagId, "state IN ('queued', 'running')", cancellationToken);

    public Task<int> CountRunningRunsAsync(string dagId, CancellationToken cancellationToken) =>
        CountRunsAsync(dagId, "state = 'running'", cancellationToken);

    public async Task<IReadOnlyList<DagRunRecord>> ListQueuedRunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            $"SELECT {RunColumns} FROM dag_runs WHERE state = 'queued' ORDER BY logical_date, id;");
        return await ReadRunsAsync(command, cancellationToken);
    }

    private async Task<int> CountRunsAsync(string dagId, string condition, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT COUNT(*) FROM dag_runs WHERE dag_id = $dag AND {condition};");
        command.Parameters.AddWithValue("$dag", dagId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task<DagRunRecord?> ReadRunAsync(
        SqliteConnection connection, SqliteTransaction? tx, string where, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"SELECT {RunColumns} FROM dag_runs WHERE {where};", tx);
        bind(command.Parameters);
        return (await ReadRunsAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<DagRunRecord>> ReadRunsAsync(SqliteCommand command, CancellationToken cancellationToken)
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
                DbTime.FromDb(reader.GetInt64(4)),
                DbTime.FromDb(reader.GetInt64(5)),
                DbTime.FromDb(reader.GetInt64(6)),
                StateNames.ParseRunState(reader.GetString(7)),
                reader.GetString(8),
                DbTime.FromDb(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : DbTime.FromDb(reader.GetInt64(10)),
                reader.IsDBNull(11) ? null : DbTime.FromDb(reader.GetInt64(11))));
        }
        return runs;
    }
}
