namespace CodeFirst.Samples.FileLanding;

/// <summary>What one load found in the landed files.</summary>
public sealed record LandedTotals(int Files, int Rows, decimal Amount);
