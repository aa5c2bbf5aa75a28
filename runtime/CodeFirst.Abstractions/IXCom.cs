namespace CodeFirst;

/// <summary>Cross-communication between the task instances of one run, stored as JSON.</summary>
public interface IXCom
{
    /// <summary>The value <paramref name="taskId"/> pushed under <paramref name="key"/> in this run, or default when it pushed none.</summary>
    ValueTask<T?> PullAsync<T>(string taskId, string key = XComJson.ReturnValueKey, CancellationToken cancellationToken = default);

    /// <summary>Stores a value under <paramref name="key"/> for this task instance; written with the try's result.</summary>
    void Push<T>(string key, T value);
}
