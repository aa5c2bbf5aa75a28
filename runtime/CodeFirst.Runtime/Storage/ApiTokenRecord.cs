namespace CodeFirst.Runtime.Storage;

/// <summary>An API token as stored: its name, role ("viewer", "operator", "admin") and the SHA-256 hash of its secret.</summary>
public sealed record ApiTokenRecord(string Name, string Role, string TokenHash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null);
