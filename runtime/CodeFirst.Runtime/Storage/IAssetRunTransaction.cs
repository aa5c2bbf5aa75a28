namespace CodeFirst.Runtime.Storage;

/// <summary>
/// A run transaction that can also record asset events, so a task's outlet events commit together
/// with its success (or not at all).
/// </summary>
public interface IAssetRunTransaction
{
    Task RecordAssetEventAsync(NewAssetEvent assetEvent, DateTimeOffset now, CancellationToken cancellationToken);
}
