using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string TaskInstanceColumns = "id, run_pk, dag_id, run_id, task_id, state, try_number, max_tries, start_date, end_date, worker_id, map_index";

    public async Task<IReadOnlyList<TaskInstanceRecord>> ListTaskInstancesAsync(long runPk, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"""
            SELECT {TaskInstanceColumns}
            FROM task_instances WHERE run_pk = @pk
            -- A task's expanded instances stay together, in map-index order, where the task was created.
            ORDER BY MIN(id) OVER (PARTITION BY task_id), map_index;
            """);
        command.Parameters.AddWithValue("pk", runPk);
        return await ReadTaskInstancesAsync(command, cancellationToken);
    }

    /// <summary>Reads rows selected as <see cref="TaskInstanceColumns"/>.</summary>
    private static async Task<IReadOnlyList<TaskInstanceRecord>> ReadTaskInstancesAsync(Npgsql.NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<TaskInstanceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new TaskInstanceRecord(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                StateNames.ParseTaskState(reader.GetString(5)), reader.GetInt32(6), reader.GetInt32(7),
                reader.GetTimeOrNull(8), reader.GetTimeOrNull(9), reader.GetStringOrNull(10), reader.GetInt32(11)));
        }
        return list;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetReturnValuesAsync(long runPk, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0) return new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = _data.CreateCommand("SELECT task_id, map_index, value FROM xcom WHERE run_pk = @pk AND key = @key AND task_id = ANY(@tasks);");
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddWithValue("key", XComJson.ReturnValueKey);
        command.Parameters.AddTextArray("tasks", taskIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, int, string)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
        return XComValues.AssembleByTask(rows);
    }

    public Task<string?> GetXComAsync(long runPk, string taskId, string key, CancellationToken cancellationToken) =>
        ReadXComAsync(runPk, taskId, null, key, cancellationToken);

    public Task<string?> GetXComAsync(long runPk, string taskId, int mapIndex, string key, CancellationToken cancellationToken) =>
        ReadXComAsync(runPk, taskId, mapIndex, key, cancellationToken);

    private async Task<string?> ReadXComAsync(long runPk, string taskId, int? mapIndex, string key, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(
            "SELECT map_index, value FROM xcom WHERE run_pk = @pk AND task_id = @task AND key = @key AND (@mapIndex::integer IS NULL OR map_index = @mapIndex::integer) ORDER BY map_index;");
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddWithValue("task", taskId);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("mapIndex", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)mapIndex ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt32(0), reader.GetString(1)));
        return mapIndex is null ? XComValues.Assemble(rows) : rows.Select(r => r.Item2).FirstOrDefault();
    }

    public Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, CancellationToken cancellationToken) =>
        ListXComAsync(runPk, taskId, -1, cancellationToken);

    public async Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, int mapIndex, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("SELECT key, value FROM xcom WHERE run_pk = @pk AND task_id = @task AND map_index = @mapIndex ORDER BY key COLLATE \"C\";");
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddWithValue("task", taskId);
        command.Parameters.AddWithValue("mapIndex", mapIndex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken)) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    public Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int tryNumber, CancellationToken cancellationToken) =>
        GetLogAsync(runPk, taskId, -1, tryNumber, cancellationToken);

    public async Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int mapIndex, int tryNumber, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(
            "SELECT ts, level, message FROM task_logs WHERE run_pk = @pk AND task_id = @task AND map_index = @mapIndex AND try_number = @try ORDER BY id;");
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddWithValue("task", taskId);
        command.Parameters.AddWithValue("mapIndex", mapIndex);
        command.Parameters.AddWithValue("try", tryNumber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<LogLine>();
        while (await reader.ReadAsync(cancellationToken)) lines.Add(new LogLine(reader.GetTime(0), reader.GetString(1), reader.GetString(2)));
        return lines;
    }
}
