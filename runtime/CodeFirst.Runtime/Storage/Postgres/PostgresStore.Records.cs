using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<IReadOnlyList<TaskInstanceRecord>> ListTaskInstancesAsync(long runPk, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("""
            SELECT id, run_pk, dag_id, run_id, task_id, state, try_number, max_tries, start_date, end_date, worker_id
            FROM task_instances WHERE run_pk = @pk ORDER BY id;
            """);
        command.Parameters.AddWithValue("pk", runPk);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<TaskInstanceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new TaskInstanceRecord(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                StateNames.ParseTaskState(reader.GetString(5)), reader.GetInt32(6), reader.GetInt32(7),
                reader.GetTimeOrNull(8), reader.GetTimeOrNull(9), reader.GetStringOrNull(10)));
        }
        return list;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetReturnValuesAsync(long runPk, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (taskIds.Count == 0) return values;
        await using var command = _data.CreateCommand("SELECT task_id, value FROM xcom WHERE run_pk = @pk AND key = @key AND task_id = ANY(@tasks);");
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddWithValue("key", XComJson.ReturnValueKey);
        command.Parameters.AddTextArray("tasks", taskIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values[reader.GetString(0)] = reader.GetString(1);
        return values;
    }

    public async Task<string?> GetXComAsync(long runPk, string taskId, string key, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("SELECT value FROM xcom WHERE run_pk = @pk AND task_id = @task AND key = @key;");
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddWithValue("task", taskId);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("SELECT key, value FROM xcom WHERE run_pk = @pk AND task_id = @task ORDER BY key COLLATE \"C\";");
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddWithValue("task", taskId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken)) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    public async Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int tryNumber, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(
            "SELECT ts, level, message FROM task_logs WHERE run_pk = @pk AND task_id = @task AND try_number = @try ORDER BY id;");
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddWithValue("task", taskId);
        command.Parameters.AddWithValue("try", tryNumber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<LogLine>();
        while (await reader.ReadAsync(cancellationToken)) lines.Add(new LogLine(reader.GetTime(0), reader.GetString(1), reader.GetString(2)));
        return lines;
    }
}
