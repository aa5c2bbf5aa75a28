using CodeFirst.Watchers.Tests.Support;
using StackExchange.Redis;

namespace CodeFirst.Watchers.Tests.Queues;

[Collection(QueueServers.Name)]
public sealed class RedisStreamWatcherTests(RedisServer redis)
{
    [Fact]
    public async Task ReadAsync_EntriesDeliveredButNeverAcknowledged_ReadFirstThenNewOnes()
    {
        var configuration = await redis.GetConfigurationAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        var db = connection.GetDatabase();
        var stream = $"s-{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var n = 0; n < 3; n++) ids.Add((await db.StreamAddAsync(stream, "body", $$"""{"n":{{n}}}"""))!);
        await db.StreamAddAsync(stream, [new NameValueEntry("sensor", "t1"), new NameValueEntry("celsius", "21")]);

        // A triggerer read two entries and died before acknowledging them.
        var crashed = await WatcherReading.TakeAsync(new RedisStreamWatcher(configuration, stream, "g"), 2, acknowledge: false);
        var next = await WatcherReading.TakeAsync(new RedisStreamWatcher(configuration, stream, "g"), 4, acknowledge: true);

        Assert.Equal(ids[..2], crashed.Select(m => m.MessageId));
        Assert.Equal([ids[0], ids[1], ids[2]], next.Take(3).Select(m => m.MessageId));
        Assert.Equal("""{"n":0}""", next[0].Body);
        Assert.Equal("""{"sensor":"t1","celsius":"21"}""", next[3].Body);
        Assert.Equal(0, (await db.StreamPendingAsync(stream, "g")).PendingMessageCount);
    }
}
