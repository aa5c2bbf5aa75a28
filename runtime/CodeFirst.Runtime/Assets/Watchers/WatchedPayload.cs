using System.Text.Json;

namespace CodeFirst.Runtime.Assets.Watchers;

/// <summary>A message body as an asset event payload (always a JSON object).</summary>
internal static class WatchedPayload
{
    public static string From(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
        }
        return JsonSerializer.Serialize(new Dictionary<string, string> { ["body"] = body });
    }
}
