using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Execution;

/// <summary>XCom for one try: pulls read the store, pushes are written with the try's result.</summary>
internal sealed class RuntimeXCom(ITaskRecords records, long runPk) : IXCom
{
    private readonly List<(string Key, string Value)> _pushed = [];

    public IReadOnlyList<(string Key, string Value)> Pushed => _pushed;

    public async ValueTask<T?> PullAsync<T>(string taskId, string key = XComJson.ReturnValueKey, CancellationToken cancellationToken = default)
    {
        var json = await records.GetXComAsync(runPk, taskId, key, cancellationToken);
        return json is null ? default : XComJson.Deserialize<T>(json);
    }

    public void Push<T>(string key, T value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_pushed) _pushed.Add((key, XComJson.Serialize(value)));
    }
}
