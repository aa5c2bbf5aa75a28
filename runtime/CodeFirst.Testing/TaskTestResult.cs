using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Testing;

/// <summary>One task instance after a test run.</summary>
public sealed record TaskTestResult(string TaskId, TaskInstanceState State, int Tries, string? ReturnJson, IReadOnlyList<LogLine> Log)
{
    public T? Output<T>() => ReturnJson is null ? default : XComJson.Deserialize<T>(ReturnJson);
}
