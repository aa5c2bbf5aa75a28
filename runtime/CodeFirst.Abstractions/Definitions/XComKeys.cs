using System.Text.Json;

namespace CodeFirst.Definitions;

/// <summary>Splits a return value into the XCom keys of Airflow's <c>multiple_outputs</c>.</summary>
public static class XComKeys
{
    /// <summary>
    /// The property <paramref name="key"/> (a C# property name) of a serialized object, as JSON; null when the
    /// value is null or has no such property. Matches the camelCase name <see cref="XComJson"/> writes, or any case.
    /// </summary>
    public static string? Property(string? objectJson, string key)
    {
        if (objectJson is null) return null;
        using var document = JsonDocument.Parse(objectJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
        var name = XComJson.Options.PropertyNamingPolicy?.ConvertName(key) ?? key;
        if (document.RootElement.TryGetProperty(name, out var exact)) return exact.GetRawText();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase)) return property.Value.GetRawText();
        }
        return null;
    }
}
