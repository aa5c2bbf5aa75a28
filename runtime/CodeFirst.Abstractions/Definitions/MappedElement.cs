using System.Text.Json;

namespace CodeFirst.Definitions;

/// <summary>Reads mapped lists as stored in XCom: a JSON array, one element per map index.</summary>
public static class MappedElement
{
    /// <summary>The number of elements of a JSON array; null when the JSON is not an array (or is null).</summary>
    public static int? Count(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : null;
    }

    /// <summary>The element at <paramref name="index"/> of a JSON array, as JSON; null when there is none.</summary>
    public static string? At(string json, int index)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || index < 0 || index >= root.GetArrayLength()) return null;
        return root[index].GetRawText();
    }

    /// <summary>Joins the per-instance return values of a mapped task (in map-index order) into one JSON array.</summary>
    public static string Join(IEnumerable<string> values) => "[" + string.Join(",", values) + "]";
}
