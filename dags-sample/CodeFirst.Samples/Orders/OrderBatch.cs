namespace CodeFirst.Samples.Orders;

/// <summary>The orders exported for one day.</summary>
public sealed record OrderBatch(DateOnly Day, IReadOnlyList<Order> Orders);
