namespace CodeFirst.Runtime.Storage;

/// <summary>
/// Control-plane access: API tokens (stored as hashes only) and the audit log of mutating calls.
/// Kept apart from <see cref="IStore"/> so stores can add it without touching the run machinery.
/// </summary>
public interface IAccessStore
{
    /// <summary>Stores a new active token; false when an active token already has that name.</summary>
    Task<bool> CreateTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken);

    /// <summary>Revokes the active token with this name; false when there is none.</summary>
    Task<bool> RevokeTokenAsync(string name, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every token, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(CancellationToken cancellationToken);

    /// <summary>The active (not revoked) token with this hash, or null.</summary>
    Task<ApiTokenRecord?> FindActiveTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Whether any token was ever created (revoked ones count): auth is enforced from the first
    /// token on, so revoking the last one does not reopen the server.
    /// </summary>
    Task<bool> HasAnyTokensAsync(CancellationToken cancellationToken);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="limit"/> audit entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken);
}
