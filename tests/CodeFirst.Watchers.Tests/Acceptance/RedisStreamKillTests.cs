using CodeFirst.EventDags;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Watchers.Tests.Support;
using StackExchange.Redis;

namespace CodeFirst.Watchers.Tests.Acceptance;

[Collection(QueueServers.Name)]
public sealed class RedisStreamKillTests(PostgresServer postgres, RedisServer redis) : TriggererKillTests(postgres)
{
    private ConnectionMultiplexer _connection = null!;

    protected override (string Kind, string WatcherName) Watcher => ("redis", "redis");

    protected override async Task<string> PrepareQueueAsync(string db)
    {
        var configuration = await redis.GetConfigurationAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        await _connection.GetDatabase().KeyDeleteAsync(TestWatchers.Queue);
        return configuration;
    }

    protected override async Task<string> PublishAsync(int n) =>
        (await _connection.GetDatabase().StreamAddAsync(TestWatchers.Queue, "body", $$"""{"n":{{n}}}"""))!;

    protected override async Task<long> OutstandingAsync()
    {
        var db = _connection.GetDatabase();
        var groups = await db.StreamGroupInfoAsync(TestWatchers.Queue);
        // Not yet read by the group (lag) plus read and not acknowledged (pending).
        return groups.Length == 0 ? long.MaxValue : groups[0].PendingMessageCount + (groups[0].Lag ?? long.MaxValue);
    }

    [Fact]
    public Task KillNineTriggerer_ThousandMessages_EachExactlyOneRun() => KillTriggererWhileConsuming_EveryMessageBecomesExactlyOneRun();

    protected override async ValueTask DisposeQueueAsync() => await (_connection?.DisposeAsync() ?? ValueTask.CompletedTask);
}
