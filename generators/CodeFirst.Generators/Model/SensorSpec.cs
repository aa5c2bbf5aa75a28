namespace CodeFirst.Generators.Model;

/// <summary>A <c>[Sensor]</c>'s settings; null means the runtime default.</summary>
internal sealed record SensorSpec(
    long? PokeIntervalTicks,
    long? TimeoutTicks,
    string? Mode,
    bool Deferrable,
    bool SoftFail,
    bool ExponentialBackoff,
    long? MaxWaitTicks);
