using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.Orders;

/// <summary>
/// Daily orders ETL: extract the day's orders, summarise them, write the summary, then notify.
/// Parameters named after an upstream task receive its return value (XCom).
/// </summary>
[Dag("orders_etl", Schedule = "@daily", StartDate = "2024-01-01", Catchup = false,
     MaxActiveRuns = 1, Tags = ["etl"], Description = "Daily orders ETL")]
public sealed partial class OrdersEtl(IOrdersSource source)
{
    [Task(Retries = 3, RetryDelay = "00:00:05")]
    public async Task<OrderBatch> Extract(TaskContext ctx, CancellationToken ct)
        => await source.ReadAsync(ctx.LogicalDate, ct);

    [Task]
    public Summary Transform(OrderBatch extract) => Summary.Of(extract);

    [Task]
    public async Task<string> Load(Summary transform, TaskContext ctx, CancellationToken ct)
    {
        var folder = Path.Combine(".codefirst", "output");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"orders_{ctx.DsNodash}.json");
        await File.WriteAllTextAsync(file, XComJson.Serialize(transform), ct);
        return file;
    }

    [Task(After = [nameof(Load)])]
    public void Notify(ILogger log, TaskContext ctx) => log.LogInformation("Orders for {Ds} loaded", ctx.Ds);
}
