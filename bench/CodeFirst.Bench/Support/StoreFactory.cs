using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;

namespace CodeFirst.Bench.Support;

/// <summary>
/// The one place that turns <c>--db</c> into a store. <c>sqlite:&lt;path&gt;</c> (or a bare path)
/// is SQLite; <c>postgres://…</c>, <c>postgresql://…</c> and <c>Host=…</c> strings are PostgreSQL.
/// </summary>
internal static class StoreFactory
{
    public static DbTarget Parse(string? db)
    {
        if (string.IsNullOrWhiteSpace(db)) return DbTarget.TempSqlite();
        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || db.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return new DbTarget(DbKind.Postgres, db, Temporary: false);
        var path = db.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? db["sqlite:".Length..] : db;
        return string.IsNullOrWhiteSpace(path) ? DbTarget.TempSqlite() : new DbTarget(DbKind.Sqlite, Path.GetFullPath(path), Temporary: false);
    }

    public static IStore Create(DbTarget target) => target.Kind switch
    {
        DbKind.Sqlite => new SqliteStore(target.Location),
        DbKind.Postgres => new CodeFirst.Runtime.Storage.Postgres.PostgresStore(
            CodeFirst.Runtime.Storage.Postgres.PostgresConnectionString.Normalize(target.Location),
            target.Schema is null ? null : new CodeFirst.Runtime.Storage.Postgres.PostgresStoreOptions { Schema = target.Schema }),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };
}

internal enum DbKind
{
    Sqlite,
    Postgres,
}

/// <summary>Where a scenario stores its data; temporary SQLite files are deleted afterwards.</summary>
/// <param name="Schema">PostgreSQL only: a schema instead of the store's default, so one database can hold several fresh stores.</param>
internal sealed record DbTarget(DbKind Kind, string Location, bool Temporary, string? Schema = null)
{
    public static DbTarget TempSqlite() =>
        new(DbKind.Sqlite, Path.Combine(Directory.CreateTempSubdirectory("codefirst-bench-").FullName, "bench.db"), Temporary: true);

    /// <summary>What the JSON line says: the kind, and the path for SQLite (never a connection string's password).</summary>
    public string Label => Kind == DbKind.Sqlite ? $"sqlite:{Location}" : "postgres";

    /// <summary>
    /// A fresh database of the same kind for scenarios that need several: a SQLite file beside this one, or
    /// a PostgreSQL schema named after the suffix and the process (left behind: benchmark databases are thrown away).
    /// </summary>
    public DbTarget Fresh(string suffix) => Kind == DbKind.Sqlite
        ? this with { Location = Path.Combine(Path.GetDirectoryName(Location)!, $"{Path.GetFileNameWithoutExtension(Location)}-{suffix}.db"), Temporary = true }
        : this with { Schema = $"bench_{suffix.Replace('-', '_')}_{Environment.ProcessId}" };

    public void Cleanup()
    {
        if (Kind != DbKind.Sqlite || !Temporary) return;
        foreach (var file in new[] { Location, Location + "-wal", Location + "-shm" })
        {
            try { File.Delete(file); } catch (IOException) { }
        }
        var directory = Path.GetDirectoryName(Location)!;
        if (Path.GetFileName(directory).StartsWith("codefirst-bench-", StringComparison.Ordinal)
            && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            try { Directory.Delete(directory); } catch (IOException) { }
        }
    }
}
