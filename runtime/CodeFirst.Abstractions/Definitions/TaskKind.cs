namespace CodeFirst.Definitions;

/// <summary>What the runtime does with a task's return value besides storing it.</summary>
public enum TaskKind
{
    /// <summary>An ordinary task.</summary>
    Task,
    /// <summary>Returns the direct downstream task id(s) to follow; the others are skipped.</summary>
    Branch,
    /// <summary>Returns a bool; false skips everything downstream.</summary>
    ShortCircuit,
    /// <summary>A <see cref="SensorAttribute"/> method: poked until it reports done; see <see cref="TaskDefinition.Sensor"/>.</summary>
    Sensor,
}
