using System.Globalization;

namespace CodeFirst.Generators;

/// <summary>
/// Checks a schedule at compile time: a preset, a positive TimeSpan or a 5-field cron expression.
/// The generator cannot reference NCrontab, so this accepts the subset of cron the runtime documents.
/// </summary>
internal static class ScheduleValidator
{
    private static readonly string[] Presets = ["@once", "@hourly", "@daily", "@weekly", "@monthly", "@quarterly", "@yearly", "@continuous"];

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly CronField[] Fields =
    [
        new("minute", 0, 59, null, 0),
        new("hour", 0, 23, null, 0),
        new("day-of-month", 1, 31, null, 0),
        new("month", 1, 12, MonthNames, 1),
        new("day-of-week", 0, 7, DayNames, 0),
    ];

    /// <summary>Returns null when <paramref name="schedule"/> is valid, otherwise what is wrong with it.</summary>
    public static string? Validate(string schedule)
    {
        if (schedule.StartsWith("@", StringComparison.Ordinal))
        {
            return Array.IndexOf(Presets, schedule) >= 0 ? null : $"'{schedule}' is not a known preset";
        }
        if (schedule.IndexOf(':') >= 0)
        {
            if (!SettingParsers.TryParseDuration(schedule, out var interval)) return "it is neither a TimeSpan nor a cron expression";
            return interval > TimeSpan.Zero ? null : "a TimeSpan schedule must be positive";
        }
        var parts = schedule.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length) return $"a cron expression needs 5 fields, but it has {parts.Length}";
        for (var i = 0; i < parts.Length; i++)
        {
            var error = ValidateField(parts[i], Fields[i]);
            if (error is not null) return $"field {i + 1} ({Fields[i].Name}) '{parts[i]}' {error}";
        }
        return null;
    }

    private static string? ValidateField(string field, CronField spec)
    {
        foreach (var item in field.Split(','))
        {
            var error = ValidateItem(item, spec);
            if (error is not null) return error;
        }
        return null;
    }

    private static string? ValidateItem(string item, CronField spec)
    {
        var range = item;
        var slash = item.IndexOf('/');
        if (slash >= 0)
        {
            range = item.Substring(0, slash);
            var stepText = item.Substring(slash + 1);
            if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1)
                return $"has an invalid step '{stepText}'; a step must be a positive number";
            if (range.IndexOf('-') < 0 && range != "*")
                return "uses a step without a range; write */n or a-b/n";
        }
        if (range == "*") return null;
        var dash = range.IndexOf('-');
        if (dash < 0) return ParseValue(range, spec, out _);
        var low = range.Substring(0, dash);
        var high = range.Substring(dash + 1);
        var error = ParseValue(low, spec, out var from);
        if (error is not null) return error;
        error = ParseValue(high, spec, out var to);
        if (error is not null) return error;
        return from <= to ? null : $"has a range '{range}' that ends before it starts";
    }

    private static string? ParseValue(string text, CronField spec, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return value >= spec.Min && value <= spec.Max ? null : $"has value {value} outside {spec.Min}-{spec.Max}";
        }
        if (spec.Names is not null)
        {
            for (var i = 0; i < spec.Names.Length; i++)
            {
                if (string.Equals(spec.Names[i], text, StringComparison.OrdinalIgnoreCase))
                {
                    value = i + spec.NameOffset;
                    return null;
                }
            }
        }
        var names = spec.Names is null ? "" : $" or {spec.Names[0]}-{spec.Names[spec.Names.Length - 1]}";
        return $"has '{text}', which is not a number {spec.Min}-{spec.Max}{names}, '*', a range a-b, a step */n or a-b/n, or a list a,b";
    }

    private sealed record CronField(string Name, int Min, int Max, string[]? Names, int NameOffset);
}
