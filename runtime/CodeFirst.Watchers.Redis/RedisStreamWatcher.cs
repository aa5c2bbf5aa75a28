using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CodeFirst.Watchers;

/// <summary>
/// Watches a Redis stream through a consumer group: reads with <c>XREADGROUP</c> and <c>XACK</c>s an
/// entry only once the runtime has committed its asset event; the entry id is the message id. The
/// consumer name is stable, so after a crash the triggerer that takes the watcher over first reads
/// the entries delivered but never acknowledged (this consumer's pending list), then new ones.
/// An entry's <c>body</c> field is the message body; an entry without one becomes a JSON object of its fields.
/// </summary>
public sealed class RedisStreamWatcher(string configuration, string stream, string group) : AssetWatcher
{
    /// <summary>The consumer name in the group; one triggerer at a time holds the watcher, so one name serves them all.</summary>
    public string Consumer { get; init; } = "codefirst";

    public int BatchSize { get; init; } = 100;

    /// <summary>How long an idle watcher waits before reading again (the client cannot block on XREADGROUP).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public override async IAsyncEnumerable<WatchedMessage> ReadAsync(ILogger log, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var db = redis.GetDatabase();
        try
        {
            // From the beginning: entries added before the first watcher started are not lost.
            await db.StreamCreateConsumerGroupAsync(stream, group, StreamPosition.Beginning, createStream: true).WaitAsync(cancellationToken);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
        RedisValue position = StreamPosition.Beginning; // our pending list first, then '>' (new entries)
        while (true)
        {
            var entries = await db.StreamReadGroupAsync(stream, group, Consumer, position, BatchSize).WaitAsync(cancellationToken);
            foreach (var entry in entries)
            {
                var id = entry.Id;
                // A pending entry deleted from the stream comes back without values: nothing to record, just acknowledge it.
                if (entry.IsNull || entry.Values.Length == 0)
                {
                    await db.StreamAcknowledgeAsync(stream, group, id).WaitAsync(cancellationToken);
                    continue;
                }
                yield return new WatchedMessage(id.ToString(), Body(entry), ct => db.StreamAcknowledgeAsync(stream, group, id).WaitAsync(ct));
            }
            if (entries.Length > 0) continue;
            if (position == StreamPosition.Beginning) position = StreamPosition.NewMessages;
            else await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static string Body(StreamEntry entry)
    {
        var body = entry["body"];
        return body.HasValue ? body.ToString() : JsonSerializer.Serialize(entry.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString()));
    }
}
