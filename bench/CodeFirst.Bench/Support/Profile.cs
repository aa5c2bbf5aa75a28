namespace CodeFirst.Bench.Support;

/// <summary>Turns a <see cref="CountingStore"/> snapshot into the <c>profile</c> field: calls and ms per task instance.</summary>
internal static class Profile
{
    public static Dictionary<string, object> PerTaskInstance(CountingStore store, int taskInstances) =>
        store.Snapshot().ToDictionary(
            e => e.Key,
            e => (object)new Dictionary<string, double>
            {
                ["calls"] = e.Value.Calls,
                ["calls_per_ti"] = Math.Round((double)e.Value.Calls / taskInstances, 3),
                ["ms_per_call"] = Math.Round(e.Value.TotalMs / Math.Max(1, e.Value.Calls), 4),
            },
            StringComparer.Ordinal);
}
