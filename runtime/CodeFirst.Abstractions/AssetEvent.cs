namespace CodeFirst;

/// <summary>An update of an asset: what triggered an asset-scheduled run.</summary>
/// <param name="Uri">The asset's URI, e.g. <c>s3://lake/orders</c>.</param>
/// <param name="Timestamp">When the event was recorded (UTC).</param>
/// <param name="PayloadJson">Extra data the producer attached (a JSON object).</param>
/// <param name="SourceDagId">The producing DAG, or null for an event posted from outside.</param>
/// <param name="SourceRunId">The producing run, or null for an event posted from outside.</param>
/// <param name="SourceTaskId">The producing task, or null for an event posted from outside.</param>
public sealed record AssetEvent(string Uri, DateTimeOffset Timestamp, string PayloadJson, string? SourceDagId, string? SourceRunId, string? SourceTaskId);
