using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<IReadOnlyList<TaskTryRecord>> ListTriesAsync(long runPk, string taskId, int mapIndex, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("""
            SELECT try_number, state, start_date, end_date, worker_id FROM task_instance_tries
            WHERE run_pk = @pk AND task_id = @task AND map_index = @mapIndex ORDER BY try_number;
            """);
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddWithValue("task", taskId);
        command.Parameters.AddWithValue("mapIndex", mapIndex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tries = new List<TaskTryRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tries.Add(new TaskTryRecord(reader.GetInt32(0), StateNames.ParseTaskState(reader.GetString(1)),
                reader.GetTimeOrNull(2), reader.GetTimeOrNull(3), reader.GetStringOrNull(4)));
        }
        return tries;
    }
}
