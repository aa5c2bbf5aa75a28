namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string PoolQuery = """
        SELECT p.name, p.slots, p.description,
               COALESCE((SELECT SUM(pool_slots) FROM task_instances WHERE state = 'running' AND pool = p.name), 0),
               COALESCE((SELECT SUM(pool_slots) FROM task_instances WHERE state = 'queued' AND pool = p.name), 0),
               COALESCE((SELECT SUM(pool_slots) FROM task_instances WHERE state = 'deferred' AND pool = p.name), 0)
        , p.include_deferred
        FROM pools p
        """;

    public Task SetPoolAsync(string name, int slots, string? description, CancellationToken cancellationToken) =>
        SetPoolAsync(name, slots, description, null, cancellationToken);

    public async Task SetPoolAsync(string name, int slots, string? description, bool? includeDeferred, CancellationToken cancellationToken)
    {
        PoolRules.CheckSet(name, slots);
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, """
            INSERT INTO pools (name, slots, description, include_deferred) VALUES ($name, $slots, COALESCE($description, ''), COALESCE($deferred, 0))
            ON CONFLICT (name) DO UPDATE SET slots = excluded.slots, description = COALESCE($description, pools.description),
                include_deferred = COALESCE($deferred, pools.include_deferred);
            """);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$slots", slots);
        command.Parameters.AddWithValue("$description", (object?)description ?? DBNull.Value);
        command.Parameters.AddWithValue("$deferred", (object?)includeDeferred ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PoolRecord>> ListPoolsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, PoolQuery + " ORDER BY p.name;");
        return await ReadPoolsAsync(command, cancellationToken);
    }

    public async Task<PoolRecord?> GetPoolAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, PoolQuery + " WHERE p.name = $name;");
        command.Parameters.AddWithValue("$name", name);
        return (await ReadPoolsAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<bool> DeletePoolAsync(string name, CancellationToken cancellationToken)
    {
        if (name == IPoolStore.DefaultPool) PoolRules.CheckDelete(name, null);
        await using var lease = await WriteAsync(cancellationToken);
        await using var tx = (Microsoft.Data.Sqlite.SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
        await using var read = Command(lease.Connection, PoolQuery + " WHERE p.name = $name;", tx);
        read.Parameters.AddWithValue("$name", name);
        var pool = (await ReadPoolsAsync(read, cancellationToken)).SingleOrDefault();
        if (pool is null) return false;
        PoolRules.CheckDelete(name, pool);
        await using var delete = Command(lease.Connection, "DELETE FROM pools WHERE name = $name;", tx);
        delete.Parameters.AddWithValue("$name", name);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<IReadOnlyList<PoolRecord>> ReadPoolsAsync(Microsoft.Data.Sqlite.SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pools = new List<PoolRecord>();
        while (await reader.ReadAsync(cancellationToken))
            pools.Add(new PoolRecord(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetBoolean(6)));
        return pools;
    }
}
