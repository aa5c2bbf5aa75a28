namespace CodeFirst.Generators.Model;

/// <summary>A DAG's execution settings: its running-task limit and run callbacks.</summary>
internal sealed record DagExecutionSpec(int? MaxActiveTasks, CallbackSpec? OnSuccess, CallbackSpec? OnFailure);
