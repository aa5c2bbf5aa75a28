using CodeFirst.Runtime.Tests.Support;

namespace CodeFirst.Watchers.Tests.Support;

/// <summary>One PostgreSQL, Redis and RabbitMQ for the whole test run; the classes in it run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class QueueServers : ICollectionFixture<PostgresServer>, ICollectionFixture<RedisServer>, ICollectionFixture<RabbitMqServer>
{
    public const string Name = "Queue servers";
}
