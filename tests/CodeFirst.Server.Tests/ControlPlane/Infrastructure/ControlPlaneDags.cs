using System.Collections.Concurrent;
using CodeFirst.Definitions;
using CodeFirst.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Tests.ControlPlane.Infrastructure;

/// <summary>
/// Hand-built DAGs for the control-plane tests: <c>passing</c> and <c>failing</c> from
/// <see cref="TestDags"/>, <c>flaky</c> (its first try fails, later ones succeed: clear makes it
/// pass) and <c>gated</c> (its task waits until the test opens the gate of that run); apart from
/// them, <c>mapped</c> (<c>process</c> maps over a list of three; <c>collect</c> runs after them).
/// </summary>
internal static class ControlPlaneDags
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static DagDefinition Flaky { get; } = new()
    {
        DagId = "flaky",
        Tags = ["repair"],
        Tasks =
        [
            Task("work", invocation =>
            {
                invocation.Logger.LogInformation("try {Try} working", invocation.Context.TryNumber);
                return invocation.Context.TryNumber == 1 ? throw new InvalidOperationException("first try always fails") : ValueTask.FromResult<string?>("\"done\"");
            }),
            Task("report", _ => ValueTask.FromResult<string?>(null), upstream: ["work"]),
        ],
    };

    public static DagDefinition Gated { get; } = new()
    {
        DagId = "gated",
        Tasks =
        [
            Task("wait", async invocation =>
            {
                invocation.Logger.LogInformation("waiting for the gate");
                await Gate(invocation.Context.RunId).Task.WaitAsync(invocation.CancellationToken);
                return null;
            }),
        ],
    };

    public static DagDefinition Mapped { get; } = new()
    {
        DagId = "mapped",
        Tasks =
        [
            Task("list", invocation => ValueTask.FromResult<string?>(invocation.Serialize(new[] { "a", "b", "c" }))),
            new TaskDefinition
            {
                TaskId = "process",
                MethodName = "process",
                Upstream = ["list"],
                XComInputs = ["list"],
                MapOver = "list",
                Invoke = invocation => ValueTask.FromResult<string?>(invocation.Serialize(invocation.GetMappedInput<string>("list").ToUpperInvariant())),
            },
            Task("collect", _ => ValueTask.FromResult<string?>(null), upstream: ["process"]),
        ],
    };

    public static IReadOnlyList<DagDefinition> All { get; } = [TestDags.Failing, TestDags.Passing, Flaky, Gated];

    /// <summary>Lets the gated run with this run id finish.</summary>
    public static void Open(string runId) => Gate(runId).TrySetResult();

    private static TaskCompletionSource Gate(string runId) =>
        Gates.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static TaskDefinition Task(string id, TaskInvoker body, string[]? upstream = null) => new()
    {
        TaskId = id,
        MethodName = id,
        Upstream = upstream ?? [],
        RetryDelay = TimeSpan.FromMilliseconds(10),
        Invoke = body,
    };
}
