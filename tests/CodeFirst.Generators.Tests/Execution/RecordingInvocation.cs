using System.Text.Json;
using CodeFirst.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeFirst.Generators.Tests.Execution;

/// <summary>An invocation that records XCom pushes and serves return values and, optionally, stored keys.</summary>
internal sealed class RecordingInvocation : TaskInvocation
{
    private readonly IReadOnlyDictionary<string, string> _returnValues;
    private readonly IReadOnlyDictionary<(string, string), string>? _keys;
    private readonly RecordingXCom _xcom = new();

    public RecordingInvocation(string taskId, IReadOnlyDictionary<string, string>? returnValues = null, IReadOnlyDictionary<(string, string), string>? keys = null)
    {
        _returnValues = returnValues ?? new Dictionary<string, string>();
        _keys = keys;
        Context = new TaskContext
        {
            DagId = "authoring",
            RunId = "run-1",
            TaskId = taskId,
            LogicalDate = DateTimeOffset.UnixEpoch,
            DataIntervalStart = DateTimeOffset.UnixEpoch,
            DataIntervalEnd = DateTimeOffset.UnixEpoch,
            TryNumber = 1,
            MaxTries = 1,
            Conf = JsonDocument.Parse("{}").RootElement,
            Log = NullLogger.Instance,
            XCom = _xcom,
        };
    }

    public IReadOnlyList<(string Key, string Json)> Pushed => _xcom.Pushed;
    public override TaskContext Context { get; }
    public override IServiceProvider Services { get; } = new FakeServices();
    public override ILogger Logger => NullLogger.Instance;
    public override CancellationToken CancellationToken => CancellationToken.None;

    protected override string? GetInputJson(string upstreamTaskId) => _returnValues.GetValueOrDefault(upstreamTaskId);

    protected override string? GetInputJson(string upstreamTaskId, string key) =>
        _keys is null ? base.GetInputJson(upstreamTaskId, key) : _keys.GetValueOrDefault((upstreamTaskId, key));

    private sealed class RecordingXCom : IXCom
    {
        public List<(string Key, string Json)> Pushed { get; } = [];

        public ValueTask<T?> PullAsync<T>(string taskId, string key = XComJson.ReturnValueKey, CancellationToken cancellationToken = default) => default;

        public void Push<T>(string key, T value) => Pushed.Add((key, XComJson.Serialize(value)));
    }
}
