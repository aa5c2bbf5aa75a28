using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task AppendLogsAsync(IReadOnlyList<TaskLogChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.All(c => c.Lines.Count == 0)) return;
        await using var lease = await WriteAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
        await InsertLogLinesAsync(lease.Connection, tx, chunks, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Stores log lines in their order inside the caller's write transaction (every writer of task_logs uses it): one prepared insert run per line.</summary>
    internal static async Task InsertLogLinesAsync(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<TaskLogChunk> chunks, CancellationToken cancellationToken)
    {
        if (chunks.All(c => c.Lines.Count == 0)) return;
        await using var append = Command(connection,
            "INSERT INTO task_logs (run_pk, task_id, map_index, try_number, ts, level, message) VALUES ($pk, $task, $mapIndex, $try, $ts, $level, $message);", tx);
        var pk = append.Parameters.Add("$pk", SqliteType.Integer);
        var task = append.Parameters.Add("$task", SqliteType.Text);
        var mapIndex = append.Parameters.Add("$mapIndex", SqliteType.Integer);
        var tryNumber = append.Parameters.Add("$try", SqliteType.Integer);
        var ts = append.Parameters.Add("$ts", SqliteType.Integer);
        var level = append.Parameters.Add("$level", SqliteType.Text);
        var message = append.Parameters.Add("$message", SqliteType.Text);
        foreach (var chunk in chunks)
        {
            (pk.Value, task.Value, mapIndex.Value, tryNumber.Value) = (chunk.RunPk, chunk.TaskId, chunk.MapIndex, chunk.TryNumber);
            foreach (var line in chunk.Lines)
            {
                (ts.Value, level.Value, message.Value) = (DbTime.ToDb(line.Timestamp), line.Level, line.Message);
                await append.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
