using System.Collections.Concurrent;
using CodeFirst.Definitions;
using CodeFirst.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Tests.ControlPlane.Infrastructure;

/// <summary>
/// Hand-built DAGs for the control-plane tests: <c>passing</c> and <c>failing</c> from
/// <see cref="TestDags"/>, <c>flaky</c> (its first try fails, later ones succeed: clear makes it
/// pass), <c>gated</c> (its task waits until the test opens the gate of that run) and
/// <c>nightly</c> (daily, with params, for backfills) and <c>berlin</c> (02:00 in Europe/Berlin,
/// for next-execution).
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

    /// <summary>
    /// A daily DAG whose start date lies far ahead, so the scheduler makes no runs of it on its own:
    /// only backfills (which may cover any range) do. Its params: <c>batch_size</c> (integer, default
    /// 100) and <c>hold</c> (boolean, default false: true makes each run wait for its gate).
    /// </summary>
    public static DagDefinition Nightly { get; } = new()
    {
        DagId = "nightly",
        Schedule = "@daily",
        StartDate = new DateTime(2100, 1, 1),
        Params = new DagParams
        {
            Type = typeof(NightlyParams),
            Properties =
            [
                new DagParam("BatchSize", DagParamKind.Integer, Nullable: false, HasDefault: true, "100"),
                new DagParam("Hold", DagParamKind.Boolean, Nullable: false, HasDefault: true, "false"),
            ],
        },
        Tasks =
        [
            Task("load", async invocation =>
            {
                if (invocation.Context.GetParams<NightlyParams>().Hold) await Gate(invocation.Context.RunId).Task.WaitAsync(invocation.CancellationToken);
                return null;
            }),
        ],
    };

    /// <summary>Every day at 02:00 in Berlin, from 2100 on: the scheduler never runs it during a test.</summary>
    public static DagDefinition Berlin { get; } = new()
    {
        DagId = "berlin",
        Schedule = "0 2 * * *",
        Timezone = "Europe/Berlin",
        StartDate = new DateTime(2100, 1, 1),
        Tasks = [Task("noop", _ => ValueTask.FromResult<string?>(null))],
    };

    public static IReadOnlyList<DagDefinition> All { get; } = [TestDags.Failing, TestDags.Passing, Flaky, Gated, Nightly, Berlin];

    /// <summary>Lets the gated run with this run id finish.</summary>
    public static void Open(string runId) => Gate(runId).TrySetResult();

    private static TaskCompletionSource Gate(string runId) =>
        Gates.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed record NightlyParams(int BatchSize = 100, bool Hold = false);

    private static TaskDefinition Task(string id, TaskInvoker body, string[]? upstream = null) => new()
    {
        TaskId = id,
        MethodName = id,
        Upstream = upstream ?? [],
        RetryDelay = TimeSpan.FromMilliseconds(10),
        Invoke = body,
    };
}
