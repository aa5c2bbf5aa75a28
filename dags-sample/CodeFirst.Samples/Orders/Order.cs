namespace CodeFirst.Samples.Orders;

public sealed record Order(int OrderId, string Customer, decimal Amount, string Currency);
