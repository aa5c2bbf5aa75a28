using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task SyncDagsAsync(IReadOnlyList<(string DagId, bool PausedOnCreation)> dags, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
        foreach (var (dagId, paused) in dags)
        {
            await using var command = Command(lease.Connection, "INSERT OR IGNORE INTO dags (dag_id, is_paused) VALUES ($id, $p);", tx);
            command.Parameters.AddWithValue("$id", dagId);
            command.Parameters.AddWithValue("$p", paused ? 1 : 0);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DagRecord>> ListDagsAsync(CancellationToken cancellationToken) =>
        await QueryDagsAsync("1 = 1", _ => { }, cancellationToken);

    public async Task<DagRecord?> GetDagAsync(string dagId, CancellationToken cancellationToken) =>
        (await QueryDagsAsync("dag_id = $id", p => p.AddWithValue("$id", dagId), cancellationToken)).SingleOrDefault();

    public async Task<bool> SetPausedAsync(string dagId, bool paused, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, "UPDATE dags SET is_paused = $p WHERE dag_id = $id;");
        command.Parameters.AddWithValue("$id", dagId);
        command.Parameters.AddWithValue("$p", paused ? 1 : 0);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<DagRecord>> QueryDagsAsync(string where, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            $"SELECT dag_id, is_paused, last_automated_start, last_automated_end FROM dags WHERE {where} ORDER BY dag_id;");
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dags = new List<DagRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            dags.Add(new DagRecord(
                reader.GetString(0),
                reader.GetInt64(1) != 0,
                reader.IsDBNull(2) ? null : DbTime.FromDb(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : DbTime.FromDb(reader.GetInt64(3))));
        }
        return dags;
    }
}
