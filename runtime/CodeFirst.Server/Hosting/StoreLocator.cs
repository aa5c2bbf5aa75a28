using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;

namespace CodeFirst.Server.Hosting;

/// <summary>Opens the database named by <c>--db</c>, then <c>CODEFIRST_DB</c>, then the embedded default.</summary>
internal static class StoreLocator
{
    public const string DefaultPath = "./.codefirst/codefirst.db";

    public static string Resolve(string? db) =>
        !string.IsNullOrWhiteSpace(db) ? db
        : Environment.GetEnvironmentVariable("CODEFIRST_DB") is { Length: > 0 } fromEnv ? fromEnv
        : DefaultPath;

    public static async Task<IStore> OpenAsync(string? db, CancellationToken cancellationToken)
    {
        var store = new SqliteStore(Resolve(db));
        await store.MigrateAsync(cancellationToken);
        return store;
    }
}
