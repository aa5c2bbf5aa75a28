namespace CodeFirst;

/// <summary>How a sensor waits between pokes (Airflow's <c>mode</c>).</summary>
public enum SensorMode
{
    /// <summary>Keeps its worker slot and sleeps between pokes; best for short waits.</summary>
    Poke,
    /// <summary>Gives its worker slot back between pokes (state <c>up_for_reschedule</c>); best for long waits.</summary>
    Reschedule,
}
