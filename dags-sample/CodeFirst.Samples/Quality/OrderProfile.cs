using CodeFirst.Samples.Orders;

namespace CodeFirst.Samples.Quality;

/// <summary>What the quality checks look at; each property is pushed as its own XCom key.</summary>
public sealed record OrderProfile(int Count, decimal Total, decimal Smallest, IReadOnlyList<string> Currencies)
{
    public static OrderProfile Of(OrderBatch batch) => new(
        batch.Orders.Count,
        batch.Orders.Sum(o => o.Amount),
        batch.Orders.Count == 0 ? 0m : batch.Orders.Min(o => o.Amount),
        batch.Orders.Select(o => o.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
}
