using System.Text.Json;
using CodeFirst.Definitions;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Generators.Tests.Execution;

/// <summary>A <see cref="TaskInvocation"/> with canned inputs and services, recording what the invoker asked for.</summary>
internal sealed class FakeInvocation : TaskInvocation
{
    private readonly IReadOnlyDictionary<string, string?> _inputs;

    public FakeInvocation(string taskId, IServiceProvider services, IReadOnlyDictionary<string, string?>? inputs = null)
    {
        _inputs = inputs ?? new Dictionary<string, string?>();
        Services = services;
        Context = new TaskContext
        {
            DagId = "execution_sample",
            RunId = "run-42",
            TaskId = taskId,
            LogicalDate = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            DataIntervalStart = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            DataIntervalEnd = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero),
            TryNumber = 1,
            MaxTries = 1,
            Conf = JsonDocument.Parse("{}").RootElement,
            Log = Logger,
            XCom = new NoXCom(),
        };
    }

    public RecordingLogger Log { get; } = new();
    public List<string> RequestedInputs { get; } = [];
    public override TaskContext Context { get; }
    public override IServiceProvider Services { get; }
    public override ILogger Logger => Log;
    public override CancellationToken CancellationToken => CancellationToken.None;

    protected override string? GetInputJson(string upstreamTaskId)
    {
        RequestedInputs.Add(upstreamTaskId);
        return _inputs.TryGetValue(upstreamTaskId, out var json) ? json : throw new KeyNotFoundException(upstreamTaskId);
    }

    private sealed class NoXCom : IXCom
    {
        public ValueTask<T?> PullAsync<T>(string taskId, string key = XComJson.ReturnValueKey, CancellationToken cancellationToken = default) => default;
        public void Push<T>(string key, T value) { }
    }
}
