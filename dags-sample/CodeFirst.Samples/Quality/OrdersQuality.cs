using CodeFirst.Samples.Orders;

namespace CodeFirst.Samples.Quality;

/// <summary>
/// Checks the day's orders before publishing them: the ingestion group reads and profiles them, the
/// quality group's checks all run after the whole ingestion group, and publishing waits for the whole
/// quality group.
/// </summary>
[Dag("orders_quality", Schedule = "0 4 * * *", StartDate = "2024-01-01", Catchup = false,
     Tags = ["example", "groups"], Description = "Task groups and multiple outputs")]
[TaskGroup("quality", After = ["ingestion"])]
public sealed partial class OrdersQuality(IOrdersSource source)
{
    /// <summary>Reads the day's orders.</summary>
    [Task(Group = "ingestion")]
    public Task<OrderBatch> Read(TaskContext ctx, CancellationToken ct) => source.ReadAsync(ctx.LogicalDate, ct);

    /// <summary>Profiles the batch; downstream tasks bind to single properties of the profile.</summary>
    [Task(Group = "ingestion")]
    public static OrderProfile Profile(OrderBatch read) => OrderProfile.Of(read);

    /// <summary>Fails the run when the day has no orders.</summary>
    [Task(Group = "quality")]
    public static int CheckNotEmpty([FromTask(nameof(Profile), Key = nameof(OrderProfile.Count))] int count) =>
        count > 0 ? count : throw new TaskFailedException("The day has no orders; the export is probably incomplete.");

    /// <summary>Fails the run when an order has a negative amount.</summary>
    [Task(Group = "quality")]
    public static decimal CheckAmounts([FromTask(nameof(Profile), Key = nameof(OrderProfile.Smallest))] decimal smallest) =>
        smallest >= 0 ? smallest : throw new TaskFailedException($"An order has the negative amount {smallest}.");

    /// <summary>Fails the run when the day mixes currencies, which the report cannot add up.</summary>
    [Task(Group = "quality")]
    public static string CheckCurrency([FromTask(nameof(Profile), Key = nameof(OrderProfile.Currencies))] IReadOnlyList<string> currencies) =>
        currencies.Count <= 1 ? currencies.FirstOrDefault() ?? "" : throw new TaskFailedException($"The day mixes currencies: {string.Join(", ", currencies)}.");

    /// <summary>Publishes the day's total once every quality check passed.</summary>
    [Task(After = ["quality"])]
    public static string Publish([FromTask(nameof(Profile), Key = nameof(OrderProfile.Total))] decimal total, TaskContext ctx) =>
        $"{ctx.Ds}: {total}";
}
