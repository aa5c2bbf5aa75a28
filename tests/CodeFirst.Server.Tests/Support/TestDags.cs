using CodeFirst.Definitions;

namespace CodeFirst.Server.Tests.Support;

/// <summary>Hand-built DAGs: the CLI is tested apart from the generator.</summary>
internal static class TestDags
{
    public static DagDefinition Failing { get; } = new()
    {
        DagId = "failing",
        Tasks =
        [
            Task("extract", _ => throw new InvalidOperationException("source is down"), retries: 2),
            Task("load", _ => null, upstream: ["extract"]),
        ],
    };

    public static DagDefinition Passing { get; } = new()
    {
        DagId = "passing",
        Tags = ["demo"],
        Description = "Two tasks passing a value",
        Tasks =
        [
            Task("produce", i => i.Serialize(41)),
            Task("consume", i => i.Serialize(i.GetInput<int>("produce") + 1), upstream: ["produce"], inputs: ["produce"]),
        ],
    };

    public static IReadOnlyList<DagDefinition> All { get; } = [Failing, Passing];

    private static TaskDefinition Task(string id, Func<TaskInvocation, string?> body, string[]? upstream = null, string[]? inputs = null, int retries = 0) => new()
    {
        TaskId = id,
        MethodName = id,
        Upstream = upstream ?? [],
        XComInputs = inputs ?? [],
        Retries = retries,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        Invoke = invocation => new ValueTask<string?>(body(invocation)),
    };
}
