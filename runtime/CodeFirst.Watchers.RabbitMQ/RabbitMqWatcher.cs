using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CodeFirst.Watchers;

/// <summary>
/// Watches a RabbitMQ queue: consumes with manual acknowledgement and a prefetch window, and acks a
/// delivery only once the runtime has committed its asset event. When the triggerer dies its
/// connection drops and RabbitMQ redelivers the unacknowledged messages to the next consumer; the
/// publisher's <c>message_id</c> property is the message id that keeps a redelivery from becoming a
/// second event (without one, a redelivered message is a new event: set it).
/// </summary>
public sealed class RabbitMqWatcher(ConnectionFactory factory, string queue) : AssetWatcher
{
    /// <summary>Deliveries in flight before an acknowledgement (RabbitMQ's <c>basic.qos</c> prefetch count).</summary>
    public ushort Prefetch { get; init; } = 100;

    /// <summary>Declares the queue (durable) if it does not exist; false when the queue is managed elsewhere.</summary>
    public bool DeclareQueue { get; init; } = true;

    public override async IAsyncEnumerable<WatchedMessage> ReadAsync(ILogger log, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        if (DeclareQueue) await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.BasicQosAsync(0, Prefetch, global: false, cancellationToken);
        // Bounded by the prefetch window already: the broker sends no more until we ack.
        var inbox = Channel.CreateUnbounded<WatchedMessage>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = new AsyncEventingBasicConsumer(channel);
        var warnedNoId = false;
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            if (delivery.BasicProperties.MessageId is null && !warnedNoId)
            {
                warnedNoId = true;
                log.LogWarning("Queue {Queue} has messages without a message_id: a redelivered one becomes a second event. Publishers should set it.", queue);
            }
            // The body's memory belongs to the client only during this handler: copy it out.
            var body = Encoding.UTF8.GetString(delivery.Body.Span);
            var tag = delivery.DeliveryTag;
            await inbox.Writer.WriteAsync(new WatchedMessage(delivery.BasicProperties.MessageId, body,
                ct => channel.BasicAckAsync(tag, multiple: false, ct).AsTask()), CancellationToken.None);
        };
        consumer.ShutdownAsync += (_, shutdown) =>
        {
            inbox.Writer.TryComplete(new IOException($"The RabbitMQ channel of queue '{queue}' closed: {shutdown.ReplyText}"));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
        await foreach (var message in inbox.Reader.ReadAllAsync(cancellationToken)) yield return message;
    }
}
