namespace CodeFirst.Runtime.Storage;

/// <summary>Read queries over runs and task instances for the control plane (filters and paging the scheduler never needs).</summary>
public interface IDagRunQueries
{
    /// <summary>Runs matching <paramref name="query"/>, newest logical date first (then newest id), with the total count.</summary>
    Task<DagRunPage> QueryRunsAsync(DagRunQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Task instances of any run matching <paramref name="query"/>, newest end date first (those without one last,
    /// then newest id: a stable order for paging), with the total count.
    /// </summary>
    Task<TaskInstancePage> QueryTaskInstancesAsync(TaskInstanceQuery query, CancellationToken cancellationToken);
}
