using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<IReadOnlyList<string>> ClaimWatchersAsync(string triggerer, IReadOnlyList<(string Name, string Uri)> watchers, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (watchers.Count == 0) return [];
        await using var lease = await WriteAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
        foreach (var (name, uri) in watchers)
        {
            await using var add = Command(lease.Connection, "INSERT INTO asset_watchers (name, uri) VALUES ($name, $uri) ON CONFLICT (name) DO UPDATE SET uri = excluded.uri;", tx);
            add.Parameters.AddWithValue("$name", name);
            add.Parameters.AddWithValue("$uri", uri);
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var claim = Command(lease.Connection, """
            UPDATE asset_watchers SET triggerer_id = $triggerer, lease_until = $lease
            WHERE name IN (SELECT value FROM json_each($names)) AND (triggerer_id IS NULL OR lease_until < $now)
            RETURNING name;
            """, tx);
        claim.Parameters.AddWithValue("$triggerer", triggerer);
        claim.Parameters.AddWithValue("$lease", DbTime.ToDb(leaseUntil));
        claim.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        claim.Parameters.AddWithValue("$names", JsonSerializer.Serialize(watchers.Select(w => w.Name)));
        var claimed = await ReadNamesAsync(claim, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task<IReadOnlyCollection<string>> HeartbeatWatchersAsync(string triggerer, IReadOnlyCollection<string> names, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (names.Count == 0) return [];
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection,
            "UPDATE asset_watchers SET lease_until = $lease WHERE triggerer_id = $triggerer AND name IN (SELECT value FROM json_each($names)) RETURNING name;");
        command.Parameters.AddWithValue("$triggerer", triggerer);
        command.Parameters.AddWithValue("$lease", DbTime.ToDb(leaseUntil));
        command.Parameters.AddWithValue("$names", JsonSerializer.Serialize(names));
        return await ReadNamesAsync(command, cancellationToken);
    }

    public async Task ReleaseWatchersAsync(string triggerer, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0) return;
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection,
            "UPDATE asset_watchers SET triggerer_id = NULL, lease_until = NULL WHERE triggerer_id = $triggerer AND name IN (SELECT value FROM json_each($names));");
        command.Parameters.AddWithValue("$triggerer", triggerer);
        command.Parameters.AddWithValue("$names", JsonSerializer.Serialize(names));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<string>> ReadNamesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        return names;
    }
}
