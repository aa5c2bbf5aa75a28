namespace CodeFirst.Watchers;

/// <summary>
/// One message of an <see cref="AssetWatcher"/>. <paramref name="MessageId"/> is the queue's stable id
/// for the message (the same when it is redelivered); null disables de-duplication for it.
/// <paramref name="Body"/> becomes the event's payload: a JSON object as it is, anything else as
/// <c>{"body": "…"}</c>.
/// </summary>
public sealed record WatchedMessage(string? MessageId, string Body, Func<CancellationToken, Task> AcknowledgeAsync);
