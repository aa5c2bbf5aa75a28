using System.Globalization;

namespace CodeFirst.Generators;

/// <summary>Parses the string settings of <c>[Dag]</c> and <c>[Task]</c> exactly as the runtime will read them.</summary>
internal static class SettingParsers
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public const string DateFormatsText = "Use yyyy-MM-dd, yyyy-MM-ddTHH:mm or yyyy-MM-ddTHH:mm:ss";

    public const string DurationFormatText = "Use a TimeSpan in invariant \"c\" format such as \"00:00:05\" or \"1.00:00:00\"";

    public static bool TryParseDate(string text, out DateTime value) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>
    /// Parses a TimeSpan in the invariant "c" format. A colon is required so that a bare number such
    /// as "5" is not silently read as five days.
    /// </summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        return text.IndexOf(':') >= 0
            && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value);
    }
}
