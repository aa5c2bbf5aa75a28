using CodeFirst.Samples.Orders;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.Customers;

/// <summary>
/// A DAG family: one daily report DAG per customer. Two members are declared here and checked by the
/// compiler; more are read from data/customers.json when the application starts. Each member's params
/// defaults name its customer.
/// </summary>
[Dag("customer_orders", Schedule = "@daily", StartDate = "2024-01-01", Catchup = false,
     Params = typeof(CustomerParams), Tags = ["example", "family"], Description = "Daily orders of one customer")]
[DagInstance("customer_orders_acme", Params = """{"customer": "ACME Corp", "alert_above": 1500}""", Tags = ["acme"])]
[DagInstance("customer_orders_globex", Schedule = "0 6 * * *", Params = """{"customer": "Globex"}""", Tags = ["globex"])]
[DagFamily("data/customers.json")]
public sealed partial class CustomerOrders(IOrdersSource source)
{
    /// <summary>Adds up the customer's orders of the day.</summary>
    [Task]
    public async Task<CustomerTotals> Summarise(TaskContext ctx, CancellationToken ct)
    {
        var customer = ctx.GetParams<CustomerParams>().Customer;
        var batch = await source.ReadAsync(ctx.LogicalDate, ct);
        var orders = batch.Orders.Where(o => o.Customer == customer).ToList();
        return new CustomerTotals(customer, orders.Count, orders.Sum(o => o.Amount));
    }

    /// <summary>Logs a warning when the day's total is above the customer's alert threshold, and says whether it was.</summary>
    [Task]
    public static bool Alert([FromTask(nameof(Summarise), Key = nameof(CustomerTotals.Total))] decimal total, TaskContext ctx, ILogger log)
    {
        var threshold = ctx.GetParams<CustomerParams>().AlertAbove;
        if (total <= threshold) return false;
        log.LogWarning("Orders of {Ds} total {Total}, above {Threshold}", ctx.Ds, total, threshold);
        return true;
    }
}
