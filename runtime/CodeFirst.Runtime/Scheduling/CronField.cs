using System.Globalization;

namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// Expands one cron field to the values it allows. NCrontab does the date arithmetic, but it
/// rejects 7 for Sunday and ANDs day-of-month with day-of-week; croniter (Airflow) accepts 7 and
/// ORs the two, so fields are expanded here and handed to NCrontab as plain lists.
/// </summary>
internal sealed class CronField
{
    private static readonly string[] MonthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly SortedSet<int> _values;

    private CronField(SortedSet<int> values, bool isFull)
    {
        _values = values;
        IsFull = isFull;
    }

    /// <summary>Every value of the field is allowed (croniter normalises such a field to <c>*</c>).</summary>
    public bool IsFull { get; }

    public IReadOnlySet<int> Values => _values;

    public static CronField? Minutes(string text) => Parse(text, 0, 59, null, 0);

    public static CronField? Hours(string text) => Parse(text, 0, 23, null, 0);

    public static CronField? DaysOfMonth(string text) => Parse(text, 1, 31, null, 0);

    public static CronField? Months(string text) => Parse(text, 1, 12, MonthNames, 1);

    // Days of week accept 0-7 with 7 folded onto Sunday, as croniter does.
    public static CronField? DaysOfWeek(string text) => Parse(text, 0, 7, DayNames, 0, size: 7);

    public override string ToString() => IsFull ? "*" : string.Join(',', _values);

    private static CronField? Parse(string text, int min, int max, string[]? names, int nameBase, int? size = null)
    {
        var values = new SortedSet<int>();
        foreach (var part in text.Split(','))
        {
            if (!TryAddPart(part, min, max, names, nameBase, values))
            {
                return null;
            }
        }

        if (size is { } modulo)
        {
            values = new SortedSet<int>(values.Select(v => v % modulo));
        }

        return new CronField(values, values.Count == (size ?? max - min + 1));
    }

    private static bool TryAddPart(string part, int min, int max, string[]? names, int nameBase, SortedSet<int> values)
    {
        var slash = part.Split('/');
        if (slash.Length > 2)
        {
            return false;
        }

        var step = 1;
        if (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
        {
            return false;
        }

        int from, to;
        if (slash[0] is "*" or "?")
        {
            (from, to) = (min, max);
        }
        else
        {
            var dash = slash[0].Split('-');
            if (dash.Length > 2 || !TryValue(dash[0], min, max, names, nameBase, out from))
            {
                return false;
            }

            to = from;
            if (dash.Length == 2 && !TryValue(dash[1], min, max, names, nameBase, out to))
            {
                return false;
            }
            else if (dash.Length == 1 && slash.Length == 2)
            {
                to = max;
            }

            if (to < from)
            {
                return false;
            }
        }

        for (var v = from; v <= to; v += step)
        {
            values.Add(v);
        }

        return true;
    }

    private static bool TryValue(string text, int min, int max, string[]? names, int nameBase, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return value >= min && value <= max;
        }

        var index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        value = index + nameBase;
        return index >= 0;
    }
}
