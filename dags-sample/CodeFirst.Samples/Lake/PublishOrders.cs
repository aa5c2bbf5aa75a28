using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.Lake;

/// <summary>
/// The producer of an asset pair: every successful <c>publish</c> records an asset event for
/// <see cref="LakeAssets.Orders"/>, which schedules <see cref="RefreshOrderStats"/>.
/// </summary>
[Dag("publish_orders", Schedule = "@daily", StartDate = "2024-01-01", Tags = ["example", "assets"],
     Description = "Publishes the day's orders to the lake")]
public sealed partial class PublishOrders
{
    [Task]
    public static int Extract(TaskContext ctx) => 100 + ctx.LogicalDate.Day;

    [Task(Outlets = [LakeAssets.Orders])]
    public static void Publish(int extract, ILogger log) => log.LogInformation("Published {Rows} rows to {Uri}", extract, LakeAssets.Orders);
}
