using System.Text.Encodings.Web;
using System.Text.Json;

namespace CodeFirst;

/// <summary>The one JSON convention for XCom values and conf, so every process reads what another wrote.</summary>
public static class XComJson
{
    public const string ReturnValueKey = "return_value";

    // Relaxed escaping keeps stored values readable ("+00:00", not "\u002B00:00"); they never land in HTML unescaped.
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
