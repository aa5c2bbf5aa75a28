using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

/// <summary>
/// One statement that records the tries of several task instances of a run (Airflow's task_instance_history
/// rows), each copied from its instance row as the transaction has left it. Tries recorded one after another
/// (the results of a group commit) join the same statement instead of costing a statement each. A try already
/// in it (the same instance and try number) is refused: one INSERT … ON CONFLICT cannot touch a row twice.
/// </summary>
internal sealed class PostgresTryRows
{
    private readonly List<string> _tasks = [];
    private readonly List<int> _mapIndexes = [];
    private readonly List<int> _tries = [];
    private readonly List<string?> _workers = [];
    private readonly HashSet<(string, int, int)> _keys = [];

    public PostgresTryRows(long runPk)
    {
        Command = new NpgsqlBatchCommand("""
            INSERT INTO task_instance_tries (run_pk, task_id, map_index, try_number, state, start_date, end_date, worker_id)
            SELECT ti.run_pk, ti.task_id, ti.map_index, x.try_number, ti.state, ti.start_date, ti.end_date, x.worker_id
            FROM unnest(@tasks, @mapIndexes, @tries, @workers) AS x (task_id, map_index, try_number, worker_id)
            JOIN task_instances ti ON ti.run_pk = @pk AND ti.task_id = x.task_id AND ti.map_index = x.map_index
            ON CONFLICT (run_pk, task_id, map_index, try_number) DO UPDATE SET
                state = excluded.state, start_date = excluded.start_date, end_date = excluded.end_date, worker_id = excluded.worker_id;
            """);
        // The lists themselves are the array parameters: what is added before the batch is sent goes with it.
        Command.Parameters.AddWithValue("pk", runPk);
        Command.Parameters.Add(new NpgsqlParameter("tasks", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _tasks });
        Command.Parameters.Add(new NpgsqlParameter("mapIndexes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = _mapIndexes });
        Command.Parameters.Add(new NpgsqlParameter("tries", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = _tries });
        Command.Parameters.Add(new NpgsqlParameter("workers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _workers });
    }

    public NpgsqlBatchCommand Command { get; }

    /// <summary>Adds a try; false when this statement already records it.</summary>
    public bool TryAdd(string taskId, int mapIndex, int tryNumber, string? worker)
    {
        if (!_keys.Add((taskId, mapIndex, tryNumber))) return false;
        _tasks.Add(taskId);
        _mapIndexes.Add(mapIndex);
        _tries.Add(tryNumber);
        _workers.Add(worker);
        return true;
    }
}
