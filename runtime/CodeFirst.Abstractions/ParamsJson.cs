using System.Text.Encodings.Web;
using System.Text.Json;

namespace CodeFirst;

/// <summary>How a params type maps to a run's conf: snake_case names, as Airflow params are usually written.</summary>
public static class ParamsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The conf key of a params property.</summary>
    public static string ConfName(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);
}
