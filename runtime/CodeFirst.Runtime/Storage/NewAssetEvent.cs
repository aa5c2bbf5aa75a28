namespace CodeFirst.Runtime.Storage;

/// <summary>
/// An asset event to record; the source is null for events posted from outside. A
/// <see cref="MessageId"/> (an asset watcher's message) is recorded once per URI: recording it
/// again returns the first event and queues nothing.
/// </summary>
public sealed record NewAssetEvent(string Uri, string PayloadJson, string? SourceDagId = null, string? SourceRunId = null, string? SourceTaskId = null, string? MessageId = null);
