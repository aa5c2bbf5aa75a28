namespace CodeFirst.Runtime.Storage;

/// <summary>A run to create, with the task ids of its DAG (each gets a task instance in state none).</summary>
public sealed record NewDagRun(
    string DagId,
    string RunId,
    DagRunType RunType,
    DateTimeOffset LogicalDate,
    DateTimeOffset DataIntervalStart,
    DateTimeOffset DataIntervalEnd,
    string Conf,
    IReadOnlyList<NewTaskInstance> Tasks);
