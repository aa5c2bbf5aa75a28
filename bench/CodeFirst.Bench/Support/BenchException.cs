namespace CodeFirst.Bench.Support;

/// <summary>A usage or environment problem: printed to stderr without a stack trace.</summary>
internal sealed class BenchException(string message) : Exception(message);
