namespace CodeFirst.Definitions;

/// <summary>How a sensor task is poked, as the generator emits it from <see cref="SensorAttribute"/>.</summary>
public sealed record SensorSpec
{
    public TimeSpan PokeInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Counted from the first poke of the try, across reschedules and deferrals.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromDays(7);

    public SensorMode Mode { get; init; } = SensorMode.Poke;
    public bool Deferrable { get; init; }
    public bool SoftFail { get; init; }
    public bool ExponentialBackoff { get; init; }
    public TimeSpan? MaxWait { get; init; }
}
