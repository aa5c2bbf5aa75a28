using System.Text;
using CodeFirst.Watchers.Tests.Support;
using RabbitMQ.Client;

namespace CodeFirst.Watchers.Tests.Queues;

[Collection(QueueServers.Name)]
public sealed class RabbitMqWatcherTests(RabbitMqServer rabbit)
{
    [Fact]
    public async Task ReadAsync_ConsumerGoneBeforeAcknowledging_BrokerRedeliversWithTheSameMessageId()
    {
        var factory = new ConnectionFactory { Uri = new Uri(await rabbit.GetUriAsync()) };
        var queue = $"q-{Guid.NewGuid():N}";
        var watcher = new RabbitMqWatcher(factory, queue);
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", queue, mandatory: false, new BasicProperties { MessageId = "m-1" }, Encoding.UTF8.GetBytes("""{"n":1}"""));
            await channel.BasicPublishAsync("", queue, mandatory: false, new BasicProperties(), Encoding.UTF8.GetBytes("no id"));
        }

        var crashed = await WatcherReading.TakeAsync(watcher, 1, acknowledge: false);
        var again = await WatcherReading.TakeAsync(watcher, 2, acknowledge: true);

        Assert.Equal("m-1", crashed.Single().MessageId);
        Assert.Equal(["m-1", null], again.Select(m => m.MessageId));
        Assert.Equal(["""{"n":1}""", "no id"], again.Select(m => m.Body));
    }
}
