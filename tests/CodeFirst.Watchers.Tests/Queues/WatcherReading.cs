using CodeFirst.Watchers;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeFirst.Watchers.Tests.Queues;

/// <summary>Reads a watcher directly, as the triggerer would, without acknowledging anything unless asked.</summary>
internal static class WatcherReading
{
    /// <summary>The first <paramref name="count"/> messages; the enumeration is then disposed (the consumer goes away).</summary>
    public static async Task<List<WatchedMessage>> TakeAsync(AssetWatcher watcher, int count, bool acknowledge)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var messages = new List<WatchedMessage>();
        await foreach (var message in watcher.ReadAsync(NullLogger.Instance, limit.Token))
        {
            if (acknowledge) await message.AcknowledgeAsync(limit.Token);
            messages.Add(message);
            if (messages.Count == count) break;
        }
        return messages;
    }
}
