using System.Text.Json;

namespace CodeFirst.Samples.IotAlerts;

/// <summary>One sensor reading, as devices publish it: <c>{"sensor":"boiler-1","celsius":97.5}</c>.</summary>
public sealed record Reading(string Sensor, double Celsius)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="FormatException">The payload is not a reading.</exception>
    public static Reading Parse(string json) =>
        JsonSerializer.Deserialize<Reading>(json, Json) is { Sensor.Length: > 0 } reading
            ? reading
            : throw new FormatException($"Not a reading (expected {{\"sensor\":…,\"celsius\":…}}): {json}");
}
