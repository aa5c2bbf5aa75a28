namespace CodeFirst.Runtime.Tests.Support;

/// <summary>Test classes in this collection share one PostgreSQL cluster (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
