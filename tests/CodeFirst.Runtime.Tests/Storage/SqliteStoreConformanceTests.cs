using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;

namespace CodeFirst.Runtime.Tests.Storage;

public sealed class SqliteStoreConformanceTests : StoreConformanceTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-store-").FullName;

    private string DatabasePath => Path.Combine(_dir, "db.sqlite");

    protected override Task<IStore> CreateStoreAsync() => Task.FromResult<IStore>(new SqliteStore(DatabasePath));

    protected override IStore OpenSameDatabase() => new SqliteStore(DatabasePath);

    protected override Task CleanupAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
