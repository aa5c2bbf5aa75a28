using System.Globalization;
using System.Text;
using CodeFirst.EventDags;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Watchers.Tests.Support;
using RabbitMQ.Client;

namespace CodeFirst.Watchers.Tests.Acceptance;

[Collection(QueueServers.Name)]
public sealed class RabbitMqKillTests(PostgresServer postgres, RabbitMqServer rabbit) : TriggererKillTests(postgres)
{
    private IConnection _connection = null!;
    private IChannel _channel = null!;

    protected override (string Kind, string WatcherName) Watcher => ("rabbitmq", "rabbit");

    protected override async Task<string> PrepareQueueAsync(string db)
    {
        var uri = await rabbit.GetUriAsync();
        _connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        _channel = await _connection.CreateChannelAsync();
        // Declared as the watcher declares it, so messages published before it starts are kept.
        await _channel.QueueDeclareAsync(TestWatchers.Queue, durable: true, exclusive: false, autoDelete: false);
        await _channel.QueuePurgeAsync(TestWatchers.Queue);
        return uri;
    }

    protected override async Task<string> PublishAsync(int n)
    {
        var id = $"m-{n.ToString("0000", CultureInfo.InvariantCulture)}";
        var properties = new BasicProperties { MessageId = id, Persistent = true };
        await _channel.BasicPublishAsync("", TestWatchers.Queue, mandatory: false, properties, Encoding.UTF8.GetBytes($$"""{"n":{{n}}}"""));
        return id;
    }

    protected override async Task<long> OutstandingAsync()
    {
        await using var channel = await _connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(TestWatchers.Queue)).MessageCount;
    }

    [Fact]
    public Task KillNineTriggerer_ThousandMessages_EachExactlyOneRun() => KillTriggererWhileConsuming_EveryMessageBecomesExactlyOneRun();

    protected override async ValueTask DisposeQueueAsync()
    {
        if (_channel is not null) await _channel.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
