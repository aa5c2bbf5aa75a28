using System.Globalization;

namespace CodeFirst.Runtime.Scheduling;

/// <summary>Words for the common cron shapes; anything else is shown as the expression itself.</summary>
internal static class CronSummary
{
    public static string Describe(string expression, string zoneId)
    {
        var f = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var words = f.Length != 5 ? null
            : IsNumber(f[0]) && f[1] == "*" && f[2] == "*" && f[3] == "*" && f[4] == "*" ? $"At minute {f[0]} of every hour"
            : IsNumber(f[0]) && IsNumber(f[1]) && f[2] == "*" && f[3] == "*" && f[4] == "*" ? $"At {Time(f)} every day"
            : null;
        return words is null ? $"cron '{expression}' ({zoneId})" : $"{words} ({zoneId})";
    }

    private static bool IsNumber(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static string Time(string[] f) =>
        $"{int.Parse(f[1], CultureInfo.InvariantCulture):00}:{int.Parse(f[0], CultureInfo.InvariantCulture):00}";
}
