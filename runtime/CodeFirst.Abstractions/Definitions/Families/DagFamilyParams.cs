using System.Text.Json;

namespace CodeFirst.Definitions;

/// <summary>Lays a family entry's params defaults over those of the DAG's params type.</summary>
internal static class DagFamilyParams
{
    public static DagParams? Apply(DagParams? parameters, DagFamilyEntry entry)
    {
        if (entry.ParamsJson is null) return parameters;
        if (parameters is null)
            throw new InvalidOperationException($"DAG '{entry.DagId}' gives params, but its class declares no params type; add [Dag(Params = typeof(...))].");
        var defaults = ParseObject(entry);
        var byName = parameters.Properties.ToDictionary(p => ParamsJson.ConfName(p.Name), StringComparer.Ordinal);
        var unknown = defaults.Keys.Where(k => !byName.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"DAG '{entry.DagId}' gives params {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which {parameters.Type.Name} does not have; " +
                $"it has: {string.Join(", ", byName.Keys)}.");
        }
        return new DagParams
        {
            Type = parameters.Type,
            Properties = parameters.Properties
                .Select(p => defaults.TryGetValue(ParamsJson.ConfName(p.Name), out var json) ? p with { HasDefault = true, DefaultJson = json } : p)
                .ToArray(),
        };
    }

    private static Dictionary<string, string> ParseObject(DagFamilyEntry entry)
    {
        try
        {
            using var document = JsonDocument.Parse(entry.ParamsJson!);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidOperationException($"DAG '{entry.DagId}' has params {entry.ParamsJson}, which is not a JSON object.");
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"DAG '{entry.DagId}' has params that are not valid JSON: {e.Message}", e);
        }
    }
}
