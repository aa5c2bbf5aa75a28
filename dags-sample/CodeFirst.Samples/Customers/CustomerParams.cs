namespace CodeFirst.Samples.Customers;

/// <summary>One customer's report settings; each member of the family gives its own defaults.</summary>
public sealed record CustomerParams(string Customer = "", decimal AlertAbove = 1000m);
