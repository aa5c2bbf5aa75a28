using System.Text.Json;

namespace CodeFirst.Bench.Support;

/// <summary>One scenario's results, printed as a single JSON line in insertion order.</summary>
internal sealed class ResultLine
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<KeyValuePair<string, object?>> _fields = [];

    public ResultLine(string scenario, string? db)
    {
        Add("scenario", scenario);
        if (db is not null) Add("db", db);
    }

    public ResultLine Add(string key, object? value)
    {
        _fields.Add(new(key, value is double d ? Math.Round(d, 3) : value));
        return this;
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in _fields)
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object), Options);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
