namespace CodeFirst.Runtime.Storage;

/// <summary>One page of runs and how many match the query in all.</summary>
public sealed record DagRunPage(IReadOnlyList<DagRunRecord> Runs, int TotalCount);
