using CodeFirst.Runtime.State;
using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

/// <summary>
/// One UPDATE that ends several task instances of a run, each from the same expected states to its own
/// finished state at its own time, guarded by its own worker's lease: what a group of results sends instead of
/// a statement per result. It sets what the one-row transition sets for an ending try (state, end_date, no
/// ready_at, no worker or lease) and returns the instances it moved.
/// </summary>
internal sealed class PostgresFinishingRows
{
    private PostgresFinishingRows(NpgsqlBatchCommand command) => Command = command;

    public NpgsqlBatchCommand Command { get; }

    /// <summary>
    /// The statement for <paramref name="transitions"/>, or null when one of them needs more than ending a try
    /// (clearing, retries, a due time, every map index of a task, other expected states, the same instance twice).
    /// </summary>
    public static PostgresFinishingRows? TryCreate(long runPk, IReadOnlyList<PlannedTransition> transitions)
    {
        var expected = transitions[0].Expected.Select(s => s.Name()).Order(StringComparer.Ordinal).ToArray();
        var instances = new HashSet<(string, int)>();
        foreach (var planned in transitions)
        {
            var details = planned.Details;
            if (details.Clears || details.TriesFromNow is not null || details.UndoTry || details.ReadyAt is not null
                || details.MapIndex is not { } mapIndex || !instances.Add((planned.TaskId, mapIndex))
                || !planned.Expected.Select(s => s.Name()).Order(StringComparer.Ordinal).SequenceEqual(expected))
                return null;
        }
        var command = new NpgsqlBatchCommand("""
            UPDATE task_instances t SET
                state = x.to_state,
                ready_at = NULL,
                end_date = CASE WHEN x.ends THEN x.at ELSE t.end_date END,
                worker_id = NULL,
                lease_until = NULL
            FROM unnest(@tasks, @mapIndexes, @states, @times, @ends, @workers) AS x (task_id, map_index, to_state, at, ends, worker)
            WHERE t.run_pk = @pk AND t.task_id = x.task_id AND t.map_index = x.map_index AND t.state = ANY(@expected)
                AND (x.worker IS NULL OR t.worker_id = x.worker)
            RETURNING t.task_id, t.map_index;
            """);
        command.Parameters.AddWithValue("pk", runPk);
        command.Parameters.AddTextArray("expected", expected);
        command.Parameters.AddTextArray("tasks", transitions.Select(t => t.TaskId));
        command.Parameters.Add(new NpgsqlParameter("mapIndexes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = transitions.Select(t => t.Details.MapIndex!.Value).ToArray() });
        command.Parameters.AddTextArray("states", transitions.Select(t => t.To.Name()));
        command.Parameters.Add(new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = transitions.Select(t => t.Details.Now.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ends", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = transitions.Select(t => t.Details.Ends).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("workers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = transitions.Select(t => t.Details.RequireWorker).ToArray() });
        return new PostgresFinishingRows(command);
    }

    /// <summary>Whether each transition moved its instance, in order, from the rows the statement returned.</summary>
    public static async Task<bool[]> ReadMovedAsync(NpgsqlDataReader reader, IReadOnlyList<PlannedTransition> transitions, CancellationToken cancellationToken)
    {
        var moved = new HashSet<(string, int)>();
        while (await reader.ReadAsync(cancellationToken)) moved.Add((reader.GetString(0), reader.GetInt32(1)));
        return [.. transitions.Select(t => moved.Contains((t.TaskId, t.Details.MapIndex!.Value)))];
    }
}
