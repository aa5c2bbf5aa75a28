using System.Text.Json;

namespace CodeFirst.Runtime.Sensors;

/// <summary>A poke's return value read from the invoker's JSON: <c>bool</c>, or a <see cref="SensorResult"/> object.</summary>
internal readonly record struct PokeResult(bool IsDone, string? ValueJson)
{
    public static PokeResult Parse(string? json)
    {
        if (json is null) return new(false, null);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.True: return new(true, null);
            case JsonValueKind.False or JsonValueKind.Null: return new(false, null);
            case JsonValueKind.Object:
                var done = root.TryGetProperty("isDone", out var d) && d.ValueKind == JsonValueKind.True;
                var value = root.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? v.GetRawText() : null;
                return new(done, done ? value : null);
            default:
                throw new InvalidOperationException($"A sensor returned {root.ValueKind}; it must return bool or SensorResult.");
        }
    }
}
