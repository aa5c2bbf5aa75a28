using CodeFirst.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace CodeFirst.Runtime.Tests.Triggers;

public sealed class TimeOfDayTriggerTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2024, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Constructor_TimeStillAheadToday_FiresTodayInUtcByDefault()
    {
        var trigger = new TimeOfDayTrigger(new TimeOnly(18, 30), clock: new FakeTimeProvider(Utc(6, 1, 9)));

        Assert.Equal(Utc(6, 1, 18, 30), trigger.Moment);
        Assert.Equal("UTC", trigger.Timezone);
    }

    [Fact]
    public void Constructor_TimeAlreadyPassedToday_FiresTomorrow()
    {
        var trigger = new TimeOfDayTrigger(new TimeOnly(6, 0), "Europe/Berlin", new FakeTimeProvider(Utc(6, 1, 9)));

        Assert.Equal(new DateTimeOffset(2024, 6, 2, 6, 0, 0, TimeSpan.FromHours(2)), trigger.Moment);
    }

    [Fact]
    public void NextOccurrence_TimeInTheSpringForwardGap_FiresWhenTheGapEnds()
    {
        // 31 March 2024 in Berlin: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day.
        var moment = TimeOfDayTrigger.NextOccurrence(new TimeOnly(2, 30), Berlin, Utc(3, 30, 23));

        Assert.Equal(new DateTimeOffset(2024, 3, 31, 3, 0, 0, TimeSpan.FromHours(2)), moment);
        Assert.Equal(Utc(3, 31, 1), moment.ToUniversalTime());
    }

    [Fact]
    public void NextOccurrence_TimeRepeatedByFallBack_FiresAtTheFirstOccurrence()
    {
        // 27 October 2024 in Berlin: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
        var moment = TimeOfDayTrigger.NextOccurrence(new TimeOnly(2, 30), Berlin, Utc(10, 26, 22));

        Assert.Equal(Utc(10, 27, 0, 30), moment.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(2), moment.Offset);
    }

    [Fact]
    public void NextOccurrence_DeferredBetweenTheTwoOccurrences_WaitsForTheNextDay()
    {
        // Deferred at 02:45 CEST (00:45 UTC), after the first 02:30: the second 02:30 (01:30 UTC) is not "the first occurrence".
        var moment = TimeOfDayTrigger.NextOccurrence(new TimeOnly(2, 30), Berlin, Utc(10, 27, 0, 45));

        Assert.Equal(Utc(10, 28, 1, 30), moment.ToUniversalTime());
    }

    [Fact]
    public void Constructor_UnknownTimezone_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new TimeOfDayTrigger(new TimeOnly(1, 0), "Mars/Olympus"));

        Assert.Contains("'Mars/Olympus' is not a known IANA time zone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ClockReachesTheTime_FiresWithTheMomentAndNotBefore()
    {
        var clock = new FakeTimeProvider(Utc(6, 1, 9));
        var trigger = TriggerRoundTrip.Rebuild(new TimeOfDayTrigger(new TimeOnly(12, 0), "Europe/Berlin", clock), null!);
        Assert.Equal((new TimeOnly(12, 0), "Europe/Berlin"), (trigger.Time, trigger.Timezone));

        var fired = trigger.RunAsync(TriggerRoundTrip.Context(clock), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(fired.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));

        var triggerEvent = await fired.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Utc(6, 1, 10), XComJson.Deserialize<DateTimeOffset>(triggerEvent.PayloadJson!));
    }
}
