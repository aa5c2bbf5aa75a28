using System.Text.Json;

namespace CodeFirst;

/// <summary>The one JSON convention for XCom values and conf, so every process reads what another wrote.</summary>
public static class XComJson
{
    public const string ReturnValueKey = "return_value";

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
