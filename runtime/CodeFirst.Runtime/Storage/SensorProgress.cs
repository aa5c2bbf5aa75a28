namespace CodeFirst.Runtime.Storage;

/// <summary>A sensor try's first poke (its timeout counts from it) and how many pokes it has made, this one included.</summary>
public sealed record SensorProgress(DateTimeOffset FirstPokeAt, int PokeCount);
