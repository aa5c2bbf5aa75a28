namespace CodeFirst.Runtime.Storage;

/// <summary>Reads of task instances, XCom and logs.</summary>
public interface ITaskRecords
{
    Task<IReadOnlyList<TaskInstanceRecord>> ListTaskInstancesAsync(long runPk, CancellationToken cancellationToken);

    /// <summary>The return values of the given tasks in a run, by task id (tasks without one are absent).</summary>
    Task<IReadOnlyDictionary<string, string>> GetReturnValuesAsync(long runPk, IReadOnlyList<string> taskIds, CancellationToken cancellationToken);

    Task<string?> GetXComAsync(long runPk, string taskId, string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, CancellationToken cancellationToken);

    Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int tryNumber, CancellationToken cancellationToken);
}
