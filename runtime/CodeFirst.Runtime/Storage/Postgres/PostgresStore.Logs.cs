using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task AppendLogsAsync(IReadOnlyList<TaskLogChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (AppendLogsCommand(chunks) is not { } append) return;
        await using var batch = _data.CreateBatch();
        batch.BatchCommands.Add(append);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The one statement that stores log lines, however many tries and lines (every writer of task_logs uses it);
    /// WITH ORDINALITY keeps the lines' order in their ids, the order they are read back in. Null when there is no line.
    /// </summary>
    internal static NpgsqlBatchCommand? AppendLogsCommand(IReadOnlyList<TaskLogChunk> chunks)
    {
        var rows = chunks.SelectMany(c => c.Lines.Select(l => (Chunk: c, Line: l))).ToArray();
        if (rows.Length == 0) return null;
        var command = new NpgsqlBatchCommand("""
            INSERT INTO task_logs (run_pk, task_id, map_index, try_number, ts, level, message)
            SELECT l.run_pk, l.task_id, l.map_index, l.try_number, l.ts, l.level, l.message
            FROM unnest(@pks, @tasks, @mapIndexes, @tries, @ts, @levels, @messages)
                WITH ORDINALITY AS l (run_pk, task_id, map_index, try_number, ts, level, message, n)
            ORDER BY l.n;
            """);
        command.Parameters.Add(new NpgsqlParameter("pks", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Chunk.RunPk).ToArray() });
        command.Parameters.AddTextArray("tasks", rows.Select(r => r.Chunk.TaskId));
        command.Parameters.Add(new NpgsqlParameter("mapIndexes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.Chunk.MapIndex).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("tries", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.Chunk.TryNumber).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.Line.Timestamp.ToUniversalTime()).ToArray() });
        command.Parameters.AddTextArray("levels", rows.Select(r => r.Line.Level));
        command.Parameters.AddTextArray("messages", rows.Select(r => r.Line.Message));
        return command;
    }
}
