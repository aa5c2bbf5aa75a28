using System.Text.Json;
using CodeFirst.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// Calls one task's invoker outside any run, as <c>tasks test</c> and <c>DagTestHost.RunTaskAsync</c>
/// do: no store, no dependency checks, nothing recorded; upstream return values are what the caller
/// gives (XCom JSON by task id), anything else pulls as null.
/// </summary>
internal static class IsolatedTask
{
    public static TaskContext Context(DagDefinition dag, TaskDefinition task, DateTimeOffset logicalDate, string? conf, ILogger log,
        IReadOnlyDictionary<string, string> returnValues, int mapIndex = -1)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(conf) ? "{}" : conf);
        return new TaskContext
        {
            DagId = dag.DagId,
            RunId = $"test__{logicalDate:yyyy-MM-ddTHH:mm:ss}",
            TaskId = task.TaskId,
            MapIndex = mapIndex,
            LogicalDate = logicalDate,
            DataIntervalStart = logicalDate,
            DataIntervalEnd = logicalDate,
            TryNumber = 1,
            MaxTries = task.Retries + 1,
            Conf = document.RootElement.Clone(),
            Log = log,
            XCom = new GivenXCom(returnValues),
        };
    }

    /// <summary>The task's return value as XCom JSON; exceptions propagate as the task threw them.</summary>
    public static async Task<string?> InvokeAsync(TaskDefinition task, TaskContext context, IServiceProvider services,
        IReadOnlyDictionary<string, string> returnValues, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await task.Invoke(new Invocation(context, scope.ServiceProvider, context.Log, returnValues, cancellationToken));
    }

    private sealed class Invocation(TaskContext context, IServiceProvider services, ILogger logger, IReadOnlyDictionary<string, string> inputs, CancellationToken token) : TaskInvocation
    {
        public override TaskContext Context => context;
        public override IServiceProvider Services => services;
        public override ILogger Logger => logger;
        public override CancellationToken CancellationToken => token;
        protected override string? GetInputJson(string upstreamTaskId) => inputs.GetValueOrDefault(upstreamTaskId);
    }

    /// <summary>Pulls read the given return values; pushes go nowhere (nothing is recorded).</summary>
    private sealed class GivenXCom(IReadOnlyDictionary<string, string> returnValues) : IXCom
    {
        public ValueTask<T?> PullAsync<T>(string taskId, string key = XComJson.ReturnValueKey, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(key == XComJson.ReturnValueKey && returnValues.TryGetValue(taskId, out var json) ? XComJson.Deserialize<T>(json) : default);

        public void Push<T>(string key, T value)
        {
        }
    }
}
