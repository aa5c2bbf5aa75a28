using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>State name lists as SQL literals, derived from the state machine so both stores agree with it.</summary>
internal static class StateSql
{
    /// <summary>The finished task instance states, e.g. <c>'success', 'failed', …</c>.</summary>
    public static readonly string Finished =
        string.Join(", ", Enum.GetValues<TaskInstanceState>().Where(s => s.IsFinished()).Select(s => $"'{s.Name()}'"));
}
