using CodeFirst.Definitions;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Dashboard.Tests.Infrastructure;

/// <summary>
/// Hand-built DAGs: <c>passing</c> (a value through XCom), <c>flaky</c> (its first try fails, later
/// tries succeed: clearing it makes it pass), <c>failing</c> (always fails), <c>gated</c> (runs until the test opens its gate,
/// in queue slow_lane and pool gates) and <c>zoned</c> (scheduled in Berlin, paused).
/// </summary>
internal static class DashboardDags
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static DagDefinition Passing { get; } = new()
    {
        DagId = "passing",
        Tags = ["demo"],
        Description = "Two tasks passing a value",
        Tasks =
        [
            Task("produce", i =>
            {
                i.Logger.LogInformation("producing 41");
                return ValueTask.FromResult<string?>(i.Serialize(41));
            }),
            Task("consume", i => ValueTask.FromResult<string?>(i.Serialize(i.GetInput<int>("produce") + 1)), upstream: ["produce"], inputs: ["produce"]),
        ],
    };

    public static DagDefinition Flaky { get; } = new()
    {
        DagId = "flaky",
        Tags = ["repair"],
        Tasks =
        [
            Task("work", i =>
            {
                i.Logger.LogInformation("try {Try} working", i.Context.TryNumber);
                return i.Context.TryNumber == 1 ? throw new InvalidOperationException("first try always fails") : ValueTask.FromResult<string?>("\"done\"");
            }),
            Task("report", _ => ValueTask.FromResult<string?>(null), upstream: ["work"]),
        ],
    };

    public static DagDefinition Failing { get; } = new()
    {
        DagId = "failing",
        Tasks = [Task("extract", _ => throw new InvalidOperationException("source is down")), Task("load", _ => ValueTask.FromResult<string?>(null), upstream: ["extract"])],
    };

    /// <summary>Daily at 06:00 in Berlin, paused: its next runs read in the DAG's own zone.</summary>
    public static DagDefinition Zoned { get; } = new()
    {
        DagId = "zoned",
        Schedule = "0 6 * * *",
        Timezone = "Europe/Berlin",
        StartDate = new DateTime(2024, 1, 1),
        IsPausedUponCreation = true,
        Tasks = [Task("noop", _ => ValueTask.FromResult<string?>(null))],
    };

    /// <summary>Its task runs until the test opens the gate of its run (<see cref="Open"/>), in queue <c>slow_lane</c> and pool <c>gates</c>.</summary>
    public static DagDefinition Gated { get; } = new()
    {
        DagId = "gated",
        Tasks =
        [
            new TaskDefinition
            {
                TaskId = "wait",
                MethodName = "wait",
                Queue = "slow_lane",
                Pool = "gates",
                PoolSlots = 2,
                Invoke = async i =>
                {
                    i.Logger.LogInformation("waiting at the gate");
                    await Gates.GetOrAdd(i.Context.RunId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(i.CancellationToken);
                    return null;
                },
            },
        ],
    };

    /// <summary>Lets the gated run with this run id finish.</summary>
    public static void Open(string runId) => Gates.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public static IReadOnlyList<DagDefinition> All { get; } = [Failing, Flaky, Gated, Passing, Zoned];

    private static TaskDefinition Task(string id, TaskInvoker body, string[]? upstream = null, string[]? inputs = null) => new()
    {
        TaskId = id,
        MethodName = id,
        Upstream = upstream ?? [],
        XComInputs = inputs ?? [],
        RetryDelay = TimeSpan.FromMilliseconds(10),
        Invoke = body,
    };
}
