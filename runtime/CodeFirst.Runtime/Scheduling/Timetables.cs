using System.Globalization;

namespace CodeFirst.Runtime.Scheduling;

/// <summary>Parses a DAG's schedule string into its timetable.</summary>
public static class Timetables
{
    /// <summary>
    /// The timetable for <paramref name="schedule"/> evaluated in <paramref name="timezone"/> (an IANA
    /// id): null or empty for manual only, <c>@once</c>, <c>@continuous</c>, a cron preset, a 5-field
    /// cron expression, or a positive <see cref="TimeSpan"/> in invariant "c" form.
    /// </summary>
    /// <exception cref="ScheduleFormatException">The schedule or the time zone cannot be read.</exception>
    public static ITimetable Create(string? schedule, string timezone = "UTC")
    {
        var zone = TimeZones.Resolve(timezone);
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return NullTimetable.Instance;
        }

        var text = schedule.Trim();
        if (Assets.AssetCondition.IsAssetSchedule(text))
        {
            try
            {
                return new AssetTimetable(Assets.AssetCondition.Parse(text));
            }
            catch (FormatException e)
            {
                throw new ScheduleFormatException(e.Message);
            }
        }
        switch (text)
        {
            case SchedulePresets.Once:
                return OnceTimetable.Instance;
            case SchedulePresets.Continuous:
                return ContinuousTimetable.Instance;
        }

        if (SchedulePresets.TryGet(text, out var presetCron, out var words))
        {
            return new CronDataIntervalTimetable(new ZonedCron(CronExpression.Parse(presetCron), zone), $"{words} ({timezone})");
        }

        if (text.StartsWith('@'))
        {
            throw ScheduleErrors.Schedule(schedule, "unknown preset");
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return new CronDataIntervalTimetable(new ZonedCron(CronExpression.Parse(text), zone), CronSummary.Describe(text, timezone));
        }

        if (!TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var delta))
        {
            throw ScheduleErrors.Schedule(schedule, "neither a preset, a cron expression nor a TimeSpan");
        }

        return delta > TimeSpan.Zero
            ? new DeltaDataIntervalTimetable(delta)
            : throw ScheduleErrors.Schedule(schedule, "an interval must be longer than zero");
    }
}
