using CodeFirst.Runtime.State;
using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string TaskInstanceColumns = "id, run_pk, dag_id, run_id, task_id, state, try_number, max_tries, start_date, end_date, worker_id, map_index";

    public async Task<IReadOnlyList<TaskInstanceRecord>> ListTaskInstancesAsync(long runPk, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT {TaskInstanceColumns}
            FROM task_instances ti WHERE run_pk = $pk
            -- A task's expanded instances stay together, in map-index order, where the task was created.
            ORDER BY (SELECT MIN(t.id) FROM task_instances t WHERE t.run_pk = ti.run_pk AND t.task_id = ti.task_id), map_index;
            """);
        command.Parameters.AddWithValue("$pk", runPk);
        return await ReadTaskInstancesAsync(command, cancellationToken);
    }

    /// <summary>Reads rows selected as <see cref="TaskInstanceColumns"/>.</summary>
    private static async Task<IReadOnlyList<TaskInstanceRecord>> ReadTaskInstancesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<TaskInstanceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new TaskInstanceRecord(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                StateNames.ParseTaskState(reader.GetString(5)), reader.GetInt32(6), reader.GetInt32(7),
                reader.IsDBNull(8) ? null : DbTime.FromDb(reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : DbTime.FromDb(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.GetInt32(11)));
        }
        return list;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetReturnValuesAsync(long runPk, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0) return new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT task_id, map_index, value FROM xcom
            WHERE run_pk = $pk AND key = '{XComJson.ReturnValueKey}' AND task_id IN ({string.Join(',', taskIds.Select((_, i) => $"$t{i}"))});
            """);
        command.Parameters.AddWithValue("$pk", runPk);
        for (var i = 0; i < taskIds.Count; i++) command.Parameters.AddWithValue($"$t{i}", taskIds[i]);
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT map_index, value FROM xcom WHERE run_pk = $pk AND task_id = $task AND key = $key AND ($mapIndex IS NULL OR map_index = $mapIndex) ORDER BY map_index;");
        command.Parameters.AddWithValue("$pk", runPk);
        command.Parameters.AddWithValue("$task", taskId);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$mapIndex", (object?)mapIndex ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt32(0), reader.GetString(1)));
        return mapIndex is null ? XComValues.Assemble(rows) : rows.Select(r => r.Item2).FirstOrDefault();
    }

    public Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, CancellationToken cancellationToken) =>
        ListXComAsync(runPk, taskId, -1, cancellationToken);

    public async Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, int mapIndex, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT key, value FROM xcom WHERE run_pk = $pk AND task_id = $task AND map_index = $mapIndex ORDER BY key;");
        command.Parameters.AddWithValue("$pk", runPk);
        command.Parameters.AddWithValue("$task", taskId);
        command.Parameters.AddWithValue("$mapIndex", mapIndex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken)) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    public Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int tryNumber, CancellationToken cancellationToken) =>
        GetLogAsync(runPk, taskId, -1, tryNumber, cancellationToken);

    public async Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int mapIndex, int tryNumber, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT ts, level, message FROM task_logs WHERE run_pk = $pk AND task_id = $task AND map_index = $mapIndex AND try_number = $try ORDER BY id;");
        command.Parameters.AddWithValue("$pk", runPk);
        command.Parameters.AddWithValue("$task", taskId);
        command.Parameters.AddWithValue("$mapIndex", mapIndex);
        command.Parameters.AddWithValue("$try", tryNumber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<LogLine>();
        while (await reader.ReadAsync(cancellationToken))
            lines.Add(new LogLine(DbTime.FromDb(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2)));
        return lines;
    }
}
