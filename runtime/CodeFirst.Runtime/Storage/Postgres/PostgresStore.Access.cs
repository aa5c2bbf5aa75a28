using Npgsql;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore : IAccessStore
{
    private const string TokenColumns = "name, role, token_hash, created_at, revoked_at";

    public async Task<bool> CreateTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        // The partial unique index on active names makes a concurrent duplicate a no-op, not an error.
        await using var command = _data.CreateCommand("""
            INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (@name, @role, @hash, @at)
            ON CONFLICT DO NOTHING;
            """);
        command.Parameters.AddText("name", token.Name);
        command.Parameters.AddText("role", token.Role);
        command.Parameters.AddText("hash", token.TokenHash);
        command.Parameters.AddTime("at", token.CreatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RevokeTokenAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("UPDATE api_tokens SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL;");
        command.Parameters.AddText("name", name);
        command.Parameters.AddTime("now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(CancellationToken cancellationToken) =>
        QueryTokensAsync("TRUE", _ => { }, cancellationToken);

    public async Task<ApiTokenRecord?> FindActiveTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        (await QueryTokensAsync("token_hash = @hash AND revoked_at IS NULL", p => p.AddText("hash", tokenHash), cancellationToken)).SingleOrDefault();

    public async Task<bool> HasAnyTokensAsync(CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("SELECT EXISTS (SELECT 1 FROM api_tokens);");
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = _data.CreateCommand(
            "INSERT INTO audit_log (at, who, method, details, peer) VALUES (@at, @who, @method, @details, @peer);");
        command.Parameters.AddTime("at", entry.At);
        command.Parameters.AddText("who", entry.Who);
        command.Parameters.AddText("method", entry.Method);
        command.Parameters.AddText("details", entry.Details);
        command.Parameters.AddText("peer", entry.Peer);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("SELECT at, who, method, details, peer FROM audit_log ORDER BY id DESC LIMIT @limit;");
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new AuditEntry(reader.GetTime(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        return entries;
    }

    private async Task<IReadOnlyList<ApiTokenRecord>> QueryTokensAsync(string where, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"SELECT {TokenColumns} FROM api_tokens WHERE {where} ORDER BY id;");
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tokens = new List<ApiTokenRecord>();
        while (await reader.ReadAsync(cancellationToken))
            tokens.Add(new ApiTokenRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetTime(3), reader.GetTimeOrNull(4)));
        return tokens;
    }
}
