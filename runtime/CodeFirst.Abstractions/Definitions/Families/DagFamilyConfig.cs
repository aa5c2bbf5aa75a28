using System.Text.Json;

namespace CodeFirst.Definitions;

/// <summary>
/// Reads a DAG family's JSON file: an array of objects with <c>dag_id</c> and optionally <c>schedule</c>,
/// <c>tags</c>, <c>description</c> and <c>params</c>. Every problem names the file and the entry.
/// </summary>
internal static class DagFamilyConfig
{
    public static IReadOnlyList<DagFamilyEntry> Read(string family, string path)
    {
        var fullPath = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        if (!File.Exists(fullPath))
            throw new InvalidOperationException($"DAG family '{family}' reads '{fullPath}', which does not exist. Copy the file to the output directory or fix [DagFamily].");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(fullPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw Problem(family, fullPath, "the file must hold a JSON array of entries");
            return document.RootElement.EnumerateArray().Select((element, index) => ReadEntry(family, fullPath, element, index)).ToArray();
        }
        catch (JsonException e)
        {
            throw Problem(family, fullPath, $"it is not valid JSON: {e.Message}");
        }
    }

    private static DagFamilyEntry ReadEntry(string family, string path, JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Problem(family, path, $"entry {index} is not a JSON object");
        var dagId = String(family, path, element, index, "dag_id");
        if (dagId is null || !IsValidId(dagId))
            throw Problem(family, path, $"entry {index} needs a dag_id of letters, digits, '_', '.' or '-' (got {(dagId is null ? "none" : $"'{dagId}'")})");
        var tags = element.TryGetProperty("tags", out var tagsElement) && tagsElement.ValueKind == JsonValueKind.Array
            ? tagsElement.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : throw Problem(family, path, $"entry '{dagId}' has a tag that is not a string")).ToArray()
            : [];
        string? parameters = null;
        if (element.TryGetProperty("params", out var paramsElement))
        {
            if (paramsElement.ValueKind != JsonValueKind.Object) throw Problem(family, path, $"entry '{dagId}' has params that are not a JSON object");
            parameters = paramsElement.GetRawText();
        }
        return new DagFamilyEntry(dagId)
        {
            Schedule = String(family, path, element, index, "schedule"),
            Description = String(family, path, element, index, "description"),
            Tags = tags,
            ParamsJson = parameters,
        };
    }

    private static string? String(string family, string path, JsonElement element, int index, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Problem(family, path, $"entry {index} has a {name} that is not a string");
    }

    private static bool IsValidId(string id) =>
        id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    private static InvalidOperationException Problem(string family, string path, string problem) =>
        new($"DAG family '{family}' cannot read '{path}': {problem}.");
}
