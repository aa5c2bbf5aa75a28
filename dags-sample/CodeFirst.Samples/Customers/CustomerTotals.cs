namespace CodeFirst.Samples.Customers;

/// <summary>A customer's orders of the day.</summary>
public sealed record CustomerTotals(string Customer, int Orders, decimal Total);
