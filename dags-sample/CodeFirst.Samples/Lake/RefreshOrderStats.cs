using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.Lake;

/// <summary>
/// The consumer of an asset pair: runs once the orders asset was updated since its last run, however
/// many updates came in between, and sees the events that triggered it.
/// </summary>
[Dag("refresh_order_stats", Schedule = "asset:" + LakeAssets.Orders, Tags = ["example", "assets"],
     Description = "Recomputes order statistics whenever the lake's orders change")]
public sealed partial class RefreshOrderStats
{
    [Task]
    public static int Refresh(TaskContext ctx, ILogger log)
    {
        foreach (var update in ctx.TriggeringAssetEvents)
            log.LogInformation("{Uri} updated at {When:O} by {Dag}/{Run}", update.Uri, update.Timestamp, update.SourceDagId ?? "outside", update.SourceRunId ?? "-");
        return ctx.TriggeringAssetEvents.Count;
    }
}
