using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Operations;

/// <summary>A task instance an operation changed (or, in a dry run, would change), with the state it had.</summary>
public sealed record AffectedTaskInstance(string DagId, string RunId, string TaskId, TaskInstanceState PreviousState);
