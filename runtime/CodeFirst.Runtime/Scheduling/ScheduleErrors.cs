namespace CodeFirst.Runtime.Scheduling;

/// <summary>The messages of <see cref="ScheduleFormatException"/>, kept together so every one lists the accepted forms.</summary>
internal static class ScheduleErrors
{
    public const string AcceptedSchedules =
        "Accepted: null or \"\" (manual only), @once, @continuous, a preset (@hourly, @daily, @weekly, @monthly, " +
        "@quarterly, @yearly, @annually), a 5-field cron expression such as '*/5 * * * *', or a positive TimeSpan " +
        "in invariant \"c\" form such as '01:00:00' or '1.00:00:00', or an asset condition such as 'asset:s3://a & (asset:b | asset:c)'.";

    public const string AcceptedZones =
        "Accepted: an IANA time zone id such as 'UTC', 'Europe/Berlin' or 'America/New_York'.";

    public static ScheduleFormatException Schedule(string schedule, string reason) =>
        new($"Invalid schedule '{schedule}': {reason}. {AcceptedSchedules}");

    public static ScheduleFormatException Zone(string? timezone) =>
        new($"Unknown time zone '{timezone}'. {AcceptedZones}");
}
