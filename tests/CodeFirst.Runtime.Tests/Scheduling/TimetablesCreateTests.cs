using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

public sealed class TimetablesCreateTests
{
    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("* * * *")]
    [InlineData("* * * * * *")]
    [InlineData("0 0 * * 8")]
    [InlineData("0 0 31-1 * *")]
    [InlineData("0 0 * foo *")]
    [InlineData("*/0 * * * *")]
    [InlineData("@sometimes")]
    [InlineData("banana")]
    [InlineData("00:00:00")]
    [InlineData("-01:00:00")]
    [InlineData("1h")]
    public void Create_InvalidSchedule_ThrowsNamingValueAndAcceptedForms(string schedule)
    {
        var error = Assert.Throws<ScheduleFormatException>(() => Timetables.Create(schedule));

        Assert.Contains($"'{schedule}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("@daily", error.Message, StringComparison.Ordinal);
        Assert.Contains("01:00:00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("CEST+5")]
    public void Create_UnknownTimeZone_ThrowsNamingZone(string zone)
    {
        var error = Assert.Throws<ScheduleFormatException>(() => Timetables.Create("@daily", zone));

        Assert.Contains($"'{zone}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("IANA", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "UTC", "manual only")]
    [InlineData("@once", "UTC", "once")]
    [InlineData("@continuous", "UTC", "continuous")]
    [InlineData("@daily", "UTC", "At 00:00 every day (UTC)")]
    [InlineData("@hourly", "Europe/Berlin", "At minute 0 of every hour (Europe/Berlin)")]
    [InlineData("@weekly", "UTC", "At 00:00 every Sunday (UTC)")]
    [InlineData("30 6 * * *", "UTC", "At 06:30 every day (UTC)")]
    [InlineData("*/5 * * * *", "Europe/Berlin", "cron '*/5 * * * *' (Europe/Berlin)")]
    [InlineData("01:00:00", "UTC", "every 01:00:00")]
    [InlineData("1.00:00:00", "UTC", "every 1.00:00:00")]
    public void Summary_Schedule_DescribesIt(string? schedule, string zone, string expected)
    {
        Assert.Equal(expected, Timetables.Create(schedule, zone).Summary);
    }
}
