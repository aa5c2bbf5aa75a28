namespace CodeFirst.Tasks.Tests;

internal sealed class FakeXCom : IXCom
{
    public ValueTask<T?> PullAsync<T>(string taskId, string key = XComJson.ReturnValueKey, CancellationToken cancellationToken = default) => ValueTask.FromResult(default(T));

    public void Push<T>(string key, T value)
    {
    }
}
