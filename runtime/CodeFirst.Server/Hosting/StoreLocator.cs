using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Runtime.Storage.Sqlite;
using CodeFirst.Server.Cli;

namespace CodeFirst.Server.Hosting;

/// <summary>
/// Opens the database named by <c>--db</c>, then <c>CODEFIRST_DB</c>, then the embedded default:
/// a PostgreSQL connection string or URL selects PostgreSQL, anything else is a SQLite file path.
/// </summary>
internal static class StoreLocator
{
    public const string DefaultPath = "./.codefirst/codefirst.db";

    public static string Resolve(string? db) =>
        !string.IsNullOrWhiteSpace(db) ? db
        : Environment.GetEnvironmentVariable("CODEFIRST_DB") is { Length: > 0 } fromEnv ? fromEnv
        : DefaultPath;

    public static async Task<IStore> OpenAsync(string? db, CancellationToken cancellationToken)
    {
        var resolved = Resolve(db);
        IStore? store = null;
        try
        {
            store = PostgresConnectionString.IsPostgres(resolved)
                ? new PostgresStore(PostgresConnectionString.Normalize(resolved))
                : new SqliteStore(resolved);
            await store.MigrateAsync(cancellationToken);
            return store;
        }
        catch (Exception e) when (e is not OperationCanceledException and not CliException)
        {
            if (store is not null) await store.DisposeAsync();
            throw new CliException($"cannot open the database {PostgresConnectionString.Redact(resolved)}: {e.Message}", ExitCodes.Failed);
        }
    }
}
