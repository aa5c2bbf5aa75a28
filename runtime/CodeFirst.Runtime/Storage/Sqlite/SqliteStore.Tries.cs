using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<IReadOnlyList<TaskTryRecord>> ListTriesAsync(long runPk, string taskId, int mapIndex, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, """
            SELECT try_number, state, start_date, end_date, worker_id FROM task_instance_tries
            WHERE run_pk = $pk AND task_id = $task AND map_index = $mapIndex ORDER BY try_number;
            """);
        command.Parameters.AddWithValue("$pk", runPk);
        command.Parameters.AddWithValue("$task", taskId);
        command.Parameters.AddWithValue("$mapIndex", mapIndex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tries = new List<TaskTryRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tries.Add(new TaskTryRecord(reader.GetInt32(0), StateNames.ParseTaskState(reader.GetString(1)),
                reader.IsDBNull(2) ? null : DbTime.FromDb(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : DbTime.FromDb(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return tries;
    }
}
