using System.Text.Json;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task AppendLogsAsync(IReadOnlyList<TaskLogChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.All(c => c.Lines.Count == 0)) return;
        // One statement however many tries and lines: the rows travel as one JSON array, inserted in its order.
        var rows = chunks.SelectMany(c => c.Lines.Select(l => new object[] { c.RunPk, c.TaskId, c.MapIndex, c.TryNumber, DbTime.ToDb(l.Timestamp), l.Level, l.Message }));
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, """
            INSERT INTO task_logs (run_pk, task_id, map_index, try_number, ts, level, message)
            SELECT json_extract(r.value, '$[0]'), json_extract(r.value, '$[1]'), json_extract(r.value, '$[2]'), json_extract(r.value, '$[3]'),
                json_extract(r.value, '$[4]'), json_extract(r.value, '$[5]'), json_extract(r.value, '$[6]')
            FROM json_each($rows) AS r ORDER BY r.key;
            """);
        command.Parameters.AddWithValue("$rows", JsonSerializer.Serialize(rows));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
