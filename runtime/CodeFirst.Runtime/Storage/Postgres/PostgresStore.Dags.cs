using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task SyncDagsAsync(IReadOnlyList<(string DagId, bool PausedOnCreation)> dags, CancellationToken cancellationToken)
    {
        if (dags.Count == 0) return;
        await using var command = _data.CreateCommand("""
            INSERT INTO dags (dag_id, is_paused)
            SELECT * FROM unnest(@ids, @paused)
            ON CONFLICT (dag_id) DO NOTHING;
            """);
        command.Parameters.AddTextArray("ids", dags.Select(d => d.DagId));
        command.Parameters.Add(new NpgsqlParameter("paused", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = dags.Select(d => d.PausedOnCreation).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DagRecord>> ListDagsAsync(CancellationToken cancellationToken) =>
        await QueryDagsAsync(null, cancellationToken);

    public async Task<DagRecord?> GetDagAsync(string dagId, CancellationToken cancellationToken) =>
        (await QueryDagsAsync(dagId, cancellationToken)).SingleOrDefault();

    public async Task<bool> SetPausedAsync(string dagId, bool paused, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE dags SET is_paused = @p WHERE dag_id = @id;", connection, tx);
        command.Parameters.AddWithValue("id", dagId);
        command.Parameters.AddWithValue("p", paused);
        var found = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        // An unpaused DAG may be due at once: schedulers elsewhere should look.
        await NotifyAsync(connection, tx, work: false, scheduler: found && !paused, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return found;
    }

    private async Task<IReadOnlyList<DagRecord>> QueryDagsAsync(string? dagId, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("""
            SELECT dag_id, is_paused, last_automated_start, last_automated_end FROM dags
            WHERE @id IS NULL OR dag_id = @id ORDER BY dag_id COLLATE "C";
            """);
        command.Parameters.AddText("id", dagId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dags = new List<DagRecord>();
        while (await reader.ReadAsync(cancellationToken))
            dags.Add(new DagRecord(reader.GetString(0), reader.GetBoolean(1), reader.GetTimeOrNull(2), reader.GetTimeOrNull(3)));
        return dags;
    }
}
