namespace CodeFirst.Runtime.Scheduling;

/// <summary>Airflow's cron presets (<c>airflow.utils.dates.cron_presets</c>) and the words that describe them.</summary>
internal static class SchedulePresets
{
    public const string Once = "@once";
    public const string Continuous = "@continuous";

    private static readonly Dictionary<string, (string Cron, string Words)> Presets = new(StringComparer.Ordinal)
    {
        ["@hourly"] = ("0 * * * *", "At minute 0 of every hour"),
        ["@daily"] = ("0 0 * * *", "At 00:00 every day"),
        ["@weekly"] = ("0 0 * * 0", "At 00:00 every Sunday"),
        ["@monthly"] = ("0 0 1 * *", "At 00:00 on day 1 of every month"),
        ["@quarterly"] = ("0 0 1 */3 *", "At 00:00 on day 1 of January, April, July and October"),
        ["@yearly"] = ("0 0 1 1 *", "At 00:00 on January 1"),
        ["@annually"] = ("0 0 1 1 *", "At 00:00 on January 1"),
    };

    public static bool TryGet(string name, out string cron, out string words)
    {
        var found = Presets.TryGetValue(name, out var preset);
        (cron, words) = preset;
        return found;
    }
}
