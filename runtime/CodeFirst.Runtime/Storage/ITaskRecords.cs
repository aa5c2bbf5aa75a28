namespace CodeFirst.Runtime.Storage;

/// <summary>Reads of task instances, XCom and logs.</summary>
public interface ITaskRecords
{
    Task<IReadOnlyList<TaskInstanceRecord>> ListTaskInstancesAsync(long runPk, CancellationToken cancellationToken);

    /// <summary>
    /// The return values of the given tasks in a run, by task id (tasks without one are absent). A
    /// mapped task's value is the JSON array of its instances' values in map-index order.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> GetReturnValuesAsync(long runPk, IReadOnlyList<string> taskIds, CancellationToken cancellationToken);

    /// <summary>A task's XCom value; for a mapped task, the JSON array of its instances' values in map-index order (Airflow's lazy sequence).</summary>
    Task<string?> GetXComAsync(long runPk, string taskId, string key, CancellationToken cancellationToken);

    /// <summary>The XCom value of one instance: <paramref name="mapIndex"/> -1 for an unmapped task.</summary>
    Task<string?> GetXComAsync(long runPk, string taskId, int mapIndex, string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, CancellationToken cancellationToken) =>
        ListXComAsync(runPk, taskId, -1, cancellationToken);

    Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, int mapIndex, CancellationToken cancellationToken);

    Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int tryNumber, CancellationToken cancellationToken) =>
        GetLogAsync(runPk, taskId, -1, tryNumber, cancellationToken);

    Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int mapIndex, int tryNumber, CancellationToken cancellationToken);

    /// <summary>The recorded (finished) tries of one instance, oldest first; the try running now is not among them.</summary>
    Task<IReadOnlyList<TaskTryRecord>> ListTriesAsync(long runPk, string taskId, int mapIndex, CancellationToken cancellationToken);
}
