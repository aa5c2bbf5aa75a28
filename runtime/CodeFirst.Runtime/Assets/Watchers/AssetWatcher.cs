using Microsoft.Extensions.Logging;

namespace CodeFirst.Watchers;

/// <summary>
/// A message-queue consumer whose every message becomes an asset event (Airflow 3's
/// <c>AssetWatcher</c> with its <c>BaseEventTrigger</c>). It runs in the triggerer role, held by one
/// triggerer at a time under a lease. The runtime records each message's event and only then calls
/// <see cref="WatchedMessage.AcknowledgeAsync"/>: a message is never acknowledged before its event is
/// committed, and a message redelivered after a crash is recognised by its
/// <see cref="WatchedMessage.MessageId"/> and does not become a second event.
/// </summary>
/// <remarks>
/// <see cref="ReadAsync"/> yields messages until its token is cancelled (the triggerer stopping or
/// losing the lease); it should leave unacknowledged messages to the queue's redelivery. When it
/// throws, the runtime logs the error and calls it again after a back-off.
/// </remarks>
public abstract class AssetWatcher
{
    /// <summary>The queue's messages, oldest first, as they arrive.</summary>
    public abstract IAsyncEnumerable<WatchedMessage> ReadAsync(ILogger log, CancellationToken cancellationToken);
}
