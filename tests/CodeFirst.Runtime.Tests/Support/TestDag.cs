using CodeFirst.Definitions;

namespace CodeFirst.Runtime.Tests.Support;

/// <summary>Hand-built DAG definitions, so runtime tests do not depend on the generator.</summary>
internal static class TestDag
{
    public static DagDefinition Of(string dagId, params TaskDefinition[] tasks) => new() { DagId = dagId, Tasks = tasks };

    public static TaskDefinition Task(
        string id,
        Func<TaskInvocation, string?> body,
        string[]? upstream = null,
        string[]? inputs = null,
        int retries = 0,
        TriggerRule rule = TriggerRule.AllSuccess,
        string? mapOver = null,
        int? maxMapLength = null,
        string pool = TaskDefinition.DefaultPool) => new()
        {
            TaskId = id,
            Pool = pool,
            MethodName = id,
            Upstream = upstream ?? inputs ?? [],
            XComInputs = inputs ?? [],
            Retries = retries,
            RetryDelay = TimeSpan.Zero,
            TriggerRule = rule,
            MapOver = mapOver,
            MaxMapLength = maxMapLength,
            Invoke = invocation => new ValueTask<string?>(body(invocation)),
        };

    /// <summary>A sensor whose poke is <paramref name="poke"/>: it returns the poke's JSON (<c>true</c>, <c>false</c> or a SensorResult).</summary>
    public static TaskDefinition Sensor(string id, Func<TaskInvocation, object> poke, SensorSpec sensor, int retries = 0, string[]? upstream = null) => new()
    {
        TaskId = id,
        MethodName = id,
        Upstream = upstream ?? [],
        Retries = retries,
        RetryDelay = TimeSpan.Zero,
        Kind = TaskKind.Sensor,
        Sensor = sensor,
        Invoke = invocation => new ValueTask<string?>(XComJson.Serialize(poke(invocation))),
    };
}
