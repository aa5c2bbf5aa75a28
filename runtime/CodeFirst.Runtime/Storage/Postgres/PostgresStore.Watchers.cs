using Npgsql;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<IReadOnlyList<string>> ClaimWatchersAsync(string triggerer, IReadOnlyList<(string Name, string Uri)> watchers, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (watchers.Count == 0) return [];
        await using var command = _data.CreateCommand("""
            INSERT INTO asset_watchers (name, uri) SELECT * FROM unnest(@names, @uris)
            ON CONFLICT (name) DO UPDATE SET uri = excluded.uri WHERE asset_watchers.uri <> excluded.uri;
            UPDATE asset_watchers SET triggerer_id = @triggerer, lease_until = @lease
            WHERE name IN (
                SELECT name FROM asset_watchers WHERE name = ANY(@names) AND (triggerer_id IS NULL OR lease_until < @now)
                FOR UPDATE SKIP LOCKED)
            RETURNING name;
            """);
        command.Parameters.AddTextArray("names", watchers.Select(w => w.Name));
        command.Parameters.AddTextArray("uris", watchers.Select(w => w.Uri));
        command.Parameters.AddText("triggerer", triggerer);
        command.Parameters.AddTime("lease", leaseUntil);
        command.Parameters.AddTime("now", now);
        return await ReadNamesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyCollection<string>> HeartbeatWatchersAsync(string triggerer, IReadOnlyCollection<string> names, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (names.Count == 0) return [];
        await using var command = _data.CreateCommand(
            "UPDATE asset_watchers SET lease_until = @lease WHERE triggerer_id = @triggerer AND name = ANY(@names) RETURNING name;");
        command.Parameters.AddText("triggerer", triggerer);
        command.Parameters.AddTime("lease", leaseUntil);
        command.Parameters.AddTextArray("names", names);
        return await ReadNamesAsync(command, cancellationToken);
    }

    public async Task ReleaseWatchersAsync(string triggerer, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0) return;
        await using var command = _data.CreateCommand(
            "UPDATE asset_watchers SET triggerer_id = NULL, lease_until = NULL WHERE triggerer_id = @triggerer AND name = ANY(@names);");
        command.Parameters.AddText("triggerer", triggerer);
        command.Parameters.AddTextArray("names", names);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<string>> ReadNamesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        }
        while (await reader.NextResultAsync(cancellationToken));
        return names;
    }
}
