namespace CodeFirst.Grpc.Tests.Infrastructure;

/// <summary>One server for all wire tests; each test keys what it observes by its own id.</summary>
[CollectionDefinition(Name)]
public sealed class GrpcCollection : ICollectionFixture<GrpcServerFixture>
{
    public const string Name = "grpc-wire";
}
