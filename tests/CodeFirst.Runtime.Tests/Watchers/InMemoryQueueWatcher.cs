using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CodeFirst.Watchers;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Tests.Watchers;

/// <summary>
/// A queue with redelivery, in memory: each read (a new consumer) gets every unacknowledged message
/// again, as a broker redelivers after a consumer died. <see cref="OnAcknowledge"/> runs before a
/// message counts as acknowledged; when it throws the message stays unacknowledged.
/// </summary>
internal sealed class InMemoryQueueWatcher : AssetWatcher
{
    private readonly List<(string Id, string Body)> _unacked = [];
    private readonly Channel<bool> _arrived = Channel.CreateUnbounded<bool>();

    public Func<string, CancellationToken, Task> OnAcknowledge { get; init; } = (_, _) => Task.CompletedTask;

    public int Reads { get; private set; }

    public void Publish(string id, string body)
    {
        lock (_unacked) _unacked.Add((id, body));
        _arrived.Writer.TryWrite(true);
    }

    public int Unacknowledged
    {
        get { lock (_unacked) return _unacked.Count; }
    }

    public override async IAsyncEnumerable<WatchedMessage> ReadAsync(ILogger log, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Reads++;
        var delivered = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            (string Id, string Body)[] pending;
            lock (_unacked) pending = _unacked.Where(m => !delivered.Contains(m.Id)).ToArray();
            foreach (var (id, body) in pending)
            {
                delivered.Add(id);
                yield return new WatchedMessage(id, body, async ct =>
                {
                    await OnAcknowledge(id, ct);
                    lock (_unacked) _unacked.RemoveAll(m => m.Id == id);
                });
            }
            await _arrived.Reader.ReadAsync(cancellationToken);
        }
    }
}
