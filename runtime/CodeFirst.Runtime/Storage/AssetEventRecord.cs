namespace CodeFirst.Runtime.Storage;

/// <summary>One stored asset event; <see cref="MessageId"/> is set for events an asset watcher recorded.</summary>
public sealed record AssetEventRecord(long Id, string Uri, string PayloadJson, string? SourceDagId, string? SourceRunId, string? SourceTaskId, DateTimeOffset CreatedAt, string? MessageId = null)
{
    public AssetEvent ToAssetEvent() => new(Uri, CreatedAt, PayloadJson, SourceDagId, SourceRunId, SourceTaskId);
}
