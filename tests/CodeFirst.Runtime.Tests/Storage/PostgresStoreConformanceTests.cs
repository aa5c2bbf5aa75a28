using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Runtime.Tests.Support;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>The conformance suite on PostgreSQL: one database for the class, a fresh schema per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreConformanceTests(PostgresServer server) : StoreConformanceTests
{
    private static int _nextSchema;
    private string _connectionString = "";
    private string _schema = "";

    protected override async Task<IStore> CreateStoreAsync()
    {
        _connectionString = await server.GetDatabaseAsync(nameof(PostgresStoreConformanceTests));
        _schema = $"conformance_{Interlocked.Increment(ref _nextSchema)}";
        return OpenSameDatabase();
    }

    protected override IStore OpenSameDatabase() => new PostgresStore(_connectionString, new PostgresStoreOptions { Schema = _schema });
}
