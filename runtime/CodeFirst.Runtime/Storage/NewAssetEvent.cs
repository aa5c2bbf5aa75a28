namespace CodeFirst.Runtime.Storage;

/// <summary>An asset event to record; the source is null for events posted from outside.</summary>
public sealed record NewAssetEvent(string Uri, string PayloadJson, string? SourceDagId = null, string? SourceRunId = null, string? SourceTaskId = null);
