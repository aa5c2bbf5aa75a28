using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore : IAccessStore
{
    private const string TokenColumns = "name, role, token_hash, created_at, revoked_at";

    public async Task<bool> CreateTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, """
            INSERT INTO api_tokens (name, role, token_hash, created_at)
            SELECT $name, $role, $hash, $at
            WHERE NOT EXISTS (SELECT 1 FROM api_tokens WHERE name = $name AND revoked_at IS NULL);
            """);
        command.Parameters.AddWithValue("$name", token.Name);
        command.Parameters.AddWithValue("$role", token.Role);
        command.Parameters.AddWithValue("$hash", token.TokenHash);
        command.Parameters.AddWithValue("$at", DbTime.ToDb(token.CreatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RevokeTokenAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, "UPDATE api_tokens SET revoked_at = $now WHERE name = $name AND revoked_at IS NULL;");
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(CancellationToken cancellationToken) =>
        QueryTokensAsync("1 = 1", _ => { }, cancellationToken);

    public async Task<ApiTokenRecord?> FindActiveTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        (await QueryTokensAsync("token_hash = $hash AND revoked_at IS NULL", p => p.AddWithValue("$hash", tokenHash), cancellationToken))
            .SingleOrDefault();

    public async Task<bool> HasAnyTokensAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT EXISTS (SELECT 1 FROM api_tokens);");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection,
            "INSERT INTO audit_log (at, who, method, details, peer) VALUES ($at, $who, $method, $details, $peer);");
        command.Parameters.AddWithValue("$at", DbTime.ToDb(entry.At));
        command.Parameters.AddWithValue("$who", entry.Who);
        command.Parameters.AddWithValue("$method", entry.Method);
        command.Parameters.AddWithValue("$details", entry.Details);
        command.Parameters.AddWithValue("$peer", entry.Peer);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT at, who, method, details, peer FROM audit_log ORDER BY id DESC LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(DbTime.FromDb(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }
        return entries;
    }

    private async Task<IReadOnlyList<ApiTokenRecord>> QueryTokensAsync(string where, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {TokenColumns} FROM api_tokens WHERE {where} ORDER BY id;");
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tokens = new List<ApiTokenRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new ApiTokenRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), DbTime.FromDb(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : DbTime.FromDb(reader.GetInt64(4))));
        }
        return tokens;
    }
}
