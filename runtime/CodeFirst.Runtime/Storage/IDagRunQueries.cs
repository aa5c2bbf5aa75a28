namespace CodeFirst.Runtime.Storage;

/// <summary>Read queries over runs for the control plane (filters and paging the scheduler never needs).</summary>
public interface IDagRunQueries
{
    /// <summary>Runs matching <paramref name="query"/>, newest logical date first (then newest id), with the total count.</summary>
    Task<DagRunPage> QueryRunsAsync(DagRunQuery query, CancellationToken cancellationToken);
}
