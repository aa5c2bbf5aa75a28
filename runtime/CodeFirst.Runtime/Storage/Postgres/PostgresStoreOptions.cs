using System.Text.RegularExpressions;

namespace CodeFirst.Runtime.Storage.Postgres;

/// <summary>Settings of a <see cref="PostgresStore"/>.</summary>
public sealed partial class PostgresStoreOptions
{
    /// <summary>
    /// The schema holding CodeFirst's tables (created by the first migration). Lower-case letters,
    /// digits and underscores only, so it never needs quoting (and not <c>pg_…</c>, which PostgreSQL reserves).
    /// </summary>
    public string Schema { get; init; } = "codefirst";

    /// <summary>
    /// How long the listener connection may stay silent before it is pinged; a ping that does not
    /// answer within the same time counts as a lost connection and the listener reconnects.
    /// </summary>
    public TimeSpan ListenerKeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause between two reconnect attempts of the listener (it starts at 100 ms and doubles).</summary>
    public TimeSpan ListenerMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether a claim's commit waits for its WAL flush (PostgreSQL's <c>synchronous_commit</c> for that
    /// transaction only; default false: it does not). A claim lost in a database crash leaves its task instance
    /// queued, so it runs again: at-least-once, as after a worker crash. Results, XComs, runs and every other
    /// write keep the server's setting, and a result's commit makes the claim before it durable too.
    /// See docs/decisions.md.
    /// </summary>
    public bool DurableClaims { get; init; }

    internal void Validate()
    {
        if (!SchemaName().IsMatch(Schema) || Schema.StartsWith("pg_", StringComparison.Ordinal))
            throw new ArgumentException($"Schema '{Schema}' is not a plain lower-case identifier ([a-z_][a-z0-9_]*, at most 63 characters, not starting with pg_).", nameof(Schema));
        if (ListenerKeepAlive <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ListenerKeepAlive), "Must be positive.");
        if (ListenerMaxBackoff <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ListenerMaxBackoff), "Must be positive.");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
