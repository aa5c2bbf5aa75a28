using System.Globalization;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;

namespace CodeFirst.Server.Cli;

/// <summary>Turns command-line text into values, with errors that name the argument.</summary>
internal static class CliParsing
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>A date or ISO 8601 date-time; without an offset it is UTC.</summary>
    public static DateTimeOffset? ParseDate(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
            return new DateTimeOffset(utc, TimeSpan.Zero);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset) && text.Contains('T', StringComparison.Ordinal))
            return withOffset.ToUniversalTime();
        throw new CliException($"{name} '{text}' is not a date: use yyyy-MM-dd or ISO 8601 such as 2024-01-31T06:00:00+01:00.");
    }

    public static string Conf(string? conf)
    {
        try
        {
            return RunFactory.NormalizeConf(conf);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--conf: {e.Message}");
        }
    }

    public static DagRunState? RunState(string? state)
    {
        if (string.IsNullOrWhiteSpace(state)) return null;
        try
        {
            return StateNames.ParseRunState(state);
        }
        catch (FormatException)
        {
            throw new CliException($"--state '{state}' is not a run state: use queued, running, success or failed.");
        }
    }
}
