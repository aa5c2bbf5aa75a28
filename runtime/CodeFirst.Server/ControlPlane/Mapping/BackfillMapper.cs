using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Backfills;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Server.ControlPlane.Mapping;

/// <summary>Backfills, their plans and their progress as control-plane messages (names in lower case, as Airflow writes them).</summary>
internal static class BackfillMapper
{
    public static Backfill ToProto(BackfillRecord backfill, IReadOnlyList<BackfillDateProgress> dates) => new()
    {
        Id = backfill.Id,
        DagId = backfill.DagId,
        FromDate = ProtoTime.ToProto(backfill.From),
        ToDate = ProtoTime.ToProto(backfill.To),
        ReprocessBehavior = BackfillNames.Name(backfill.Reprocess),
        MaxActiveRuns = backfill.MaxActiveRuns,
        RunBackwards = backfill.RunBackwards,
        State = BackfillNames.Name(backfill.State),
        CreatedAt = ProtoTime.ToProto(backfill.CreatedAt),
        CompletedAt = ProtoTime.ToProto(backfill.CompletedAt),
        ConfJson = backfill.Conf,
        Progress = Progress(dates),
    };

    /// <summary>A planned date (CreateBackfill): nothing has a run yet, so it is pending unless skipped.</summary>
    public static BackfillDate ToProto(BackfillPlanDate date) => new()
    {
        LogicalDate = ProtoTime.ToProto(date.LogicalDate),
        DataIntervalStart = ProtoTime.ToProto(date.DataIntervalStart),
        DataIntervalEnd = ProtoTime.ToProto(date.DataIntervalEnd),
        Action = date.Action.ToString().ToLowerInvariant(),
        State = date.Action == BackfillAction.Skip ? "skipped" : "pending",
        RunId = date.ExistingRunId ?? "",
    };

    public static BackfillDate ToProto(BackfillDateProgress progress) => new()
    {
        LogicalDate = ProtoTime.ToProto(progress.Date.LogicalDate),
        DataIntervalStart = ProtoTime.ToProto(progress.Date.DataIntervalStart),
        DataIntervalEnd = ProtoTime.ToProto(progress.Date.DataIntervalEnd),
        Action = progress.Date.ExistingRunId is null ? "create" : "clear",
        State = StateOf(progress),
        RunId = progress.Run?.RunId ?? progress.Date.ExistingRunId ?? "",
    };

    private static BackfillProgress Progress(IReadOnlyList<BackfillDateProgress> dates)
    {
        var progress = new BackfillProgress { Total = dates.Count };
        foreach (var date in dates)
        {
            switch (StateOf(date))
            {
                case "pending": progress.Pending++; break;
                case "skipped": progress.Skipped++; break;
                case "queued": progress.Queued++; break;
                case "running": progress.Running++; break;
                case "success": progress.Success++; break;
                case "failed": progress.Failed++; break;
            }
        }
        return progress;
    }

    private static string StateOf(BackfillDateProgress progress) => progress.Date.State switch
    {
        BackfillDateState.Pending => "pending",
        BackfillDateState.Skipped => "skipped",
        // Created or cleared: the date is as far as its run (a run deleted meanwhile counts as skipped).
        _ => progress.Run?.State.Name() ?? "skipped",
    };
}
