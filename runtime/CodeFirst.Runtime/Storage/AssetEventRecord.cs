namespace CodeFirst.Runtime.Storage;

/// <summary>One stored asset event.</summary>
public sealed record AssetEventRecord(long Id, string Uri, string PayloadJson, string? SourceDagId, string? SourceRunId, string? SourceTaskId, DateTimeOffset CreatedAt)
{
    public AssetEvent ToAssetEvent() => new(Uri, CreatedAt, PayloadJson, SourceDagId, SourceRunId, SourceTaskId);
}
