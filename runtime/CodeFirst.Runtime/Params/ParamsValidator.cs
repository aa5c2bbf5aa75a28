using System.Text.Json;
using System.Text.Json.Nodes;
using CodeFirst.Definitions;

namespace CodeFirst.Runtime.Params;

/// <summary>
/// Checks a run's conf against the DAG's params type and merges its defaults in, as Airflow
/// validates <c>params</c> when a run is triggered. Fields the type does not know pass through.
/// </summary>
public static class ParamsValidator
{
    /// <summary>The conf with defaults added, compact JSON.</summary>
    /// <exception cref="ArgumentException">A field is missing or of the wrong kind; the message names it (<c>conf.batch_size: …</c>).</exception>
    public static string Apply(DagParams? parameters, string conf)
    {
        if (parameters is null) return conf;
        var root = JsonNode.Parse(conf) as JsonObject ?? throw new ArgumentException("conf must be a JSON object.");
        var problems = new List<string>();
        foreach (var property in parameters.Properties)
        {
            var name = ParamsJson.ConfName(property.Name);
            if (root.TryGetPropertyValue(name, out var value))
            {
                if (Check(property, value) is { } problem) problems.Add($"conf.{name}: {problem}");
            }
            else if (property.DefaultJson is { } json)
            {
                root[name] = JsonNode.Parse(json);
            }
            else if (property.Required)
            {
                problems.Add($"conf.{name}: required, but missing");
            }
        }
        if (problems.Count > 0)
            throw new ArgumentException($"The conf does not match {parameters.Type.Name}: {string.Join("; ", problems)}.");
        return root.ToJsonString();
    }

    private static string? Check(DagParam property, JsonNode? value)
    {
        if (value is null) return property.Nullable ? null : $"expected {Describe(property.Kind)}, got null";
        var element = value.GetValueKind();
        var ok = property.Kind switch
        {
            DagParamKind.String => element == JsonValueKind.String,
            DagParamKind.Integer => element == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _),
            DagParamKind.Number => element == JsonValueKind.Number,
            DagParamKind.Boolean => element is JsonValueKind.True or JsonValueKind.False,
            DagParamKind.Array => element == JsonValueKind.Array,
            _ => element == JsonValueKind.Object,
        };
        if (property.Kind == DagParamKind.Integer && element == JsonValueKind.Number && !ok)
            ok = decimal.TryParse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d);
        return ok ? null : $"expected {Describe(property.Kind)}, got {value.ToJsonString()}";
    }

    private static string Describe(DagParamKind kind) => kind switch
    {
        DagParamKind.Integer => "an integer",
        DagParamKind.Array => "an array",
        DagParamKind.Object => "an object",
        _ => "a " + kind.ToString().ToLowerInvariant(),
    };
}
