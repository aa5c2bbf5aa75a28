namespace CodeFirst;

/// <summary>A poke result carrying a value: when done, <see cref="Value"/> becomes the task's XCom return value.</summary>
public sealed class SensorResult<T>(bool isDone, T? value = default) : SensorResult(isDone)
{
    public T? Value { get; } = value;

    public static new SensorResult<T> NotDone() => new(false);
}
