using System.Text.Json;

namespace CodeFirst.Runtime.Storage;

/// <summary>A process's queues as stored: a JSON array, or null for "every queue".</summary>
internal static class ProcessQueues
{
    public static string? ToDb(IReadOnlyList<string>? queues) => queues is null ? null : JsonSerializer.Serialize(queues);

    public static IReadOnlyList<string>? FromDb(string? json) => json is null ? null : JsonSerializer.Deserialize<string[]>(json);
}
