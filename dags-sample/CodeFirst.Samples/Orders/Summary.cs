namespace CodeFirst.Samples.Orders;

public sealed record Summary(DateOnly Day, int Orders, decimal Total, string TopCustomer)
{
    public static Summary Of(OrderBatch batch) => new(
        batch.Day,
        batch.Orders.Count,
        batch.Orders.Sum(o => o.Amount),
        batch.Orders.GroupBy(o => o.Customer).OrderByDescending(g => g.Sum(o => o.Amount)).Select(g => g.Key).FirstOrDefault() ?? "");
}
