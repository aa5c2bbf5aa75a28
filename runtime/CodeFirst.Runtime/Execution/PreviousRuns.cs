using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Execution;

/// <summary>Finds the run behind <see cref="TaskContext.GetPreviousSuccessfulRunAsync"/>.</summary>
internal static class PreviousRuns
{
    public static async Task<PreviousRun?> SuccessfulBeforeAsync(IDagRunQueries runs, string dagId, DateTimeOffset logicalDate, CancellationToken cancellationToken)
    {
        // Newest first: the first successful run strictly before this logical date.
        var page = await runs.QueryRunsAsync(new DagRunQuery
        {
            DagId = dagId,
            States = [DagRunState.Success],
            LogicalDateTo = logicalDate.AddTicks(-1),
            Limit = 1,
        }, cancellationToken);
        return page.Runs.FirstOrDefault() is { } run
            ? new PreviousRun(run.RunId, run.LogicalDate, run.DataIntervalStart, run.DataIntervalEnd, run.StartDate, run.EndDate)
            : null;
    }
}
