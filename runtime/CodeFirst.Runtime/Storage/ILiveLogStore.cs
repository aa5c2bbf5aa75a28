namespace CodeFirst.Runtime.Storage;

/// <summary>Log lines of tries still running, stored while they run so any process can follow them.</summary>
public interface ILiveLogStore
{
    /// <summary>
    /// Appends every chunk to its try's log in one statement, outside any run transaction: the lines
    /// keep their order and follow what the try's log already holds. Nothing else of the try changes.
    /// </summary>
    Task AppendLogsAsync(IReadOnlyList<TaskLogChunk> chunks, CancellationToken cancellationToken);
}
