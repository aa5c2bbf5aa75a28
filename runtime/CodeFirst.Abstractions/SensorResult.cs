namespace CodeFirst;

/// <summary>What a sensor's poke returns: whether the condition is met (Airflow's <c>PokeReturnValue</c>).</summary>
public class SensorResult(bool isDone)
{
    public bool IsDone { get; } = isDone;

    public static SensorResult Done() => new(true);

    public static SensorResult NotDone() => new(false);

    public static SensorResult<T> Done<T>(T value) => new(true, value);

    public static implicit operator SensorResult(bool isDone) => new(isDone);
}
