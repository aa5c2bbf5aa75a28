namespace CodeFirst;

/// <summary>
/// Marks a method of a <see cref="DagAttribute"/> class as a sensor: a task that is poked until it
/// reports done. The method returns <c>bool</c>, <see cref="SensorResult"/> or
/// <see cref="SensorResult{T}"/> (whose value becomes the XCom return value), sync or async.
/// Every <see cref="TaskAttribute"/> setting applies too.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SensorAttribute : TaskAttribute
{
    /// <summary>Time between pokes as a <see cref="TimeSpan"/> string; Airflow's default is 60 seconds.</summary>
    public string? PokeInterval { get; set; }

    /// <summary>How long the sensor may wait, counted from its first poke (across reschedules); Airflow's default is 7 days.</summary>
    public string? Timeout { get; set; }

    public SensorMode Mode { get; set; } = SensorMode.Poke;

    /// <summary>Waits in the triggerer instead of a worker: the task is <c>deferred</c> and holds no worker or pool slot.</summary>
    public bool Deferrable { get; set; }

    /// <summary>On timeout the task is skipped instead of failed.</summary>
    public bool SoftFail { get; set; }

    /// <summary>Grows the poke interval exponentially (Airflow's formula), up to <see cref="MaxWait"/>.</summary>
    public bool ExponentialBackoff { get; set; }

    /// <summary>The longest interval exponential backoff may reach, as a <see cref="TimeSpan"/> string.</summary>
    public string? MaxWait { get; set; }
}
