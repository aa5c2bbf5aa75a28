using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

public sealed class ZonedCronTests
{
    [Theory]
    [InlineData("Europe/Berlin", "0 * * * *")]
    [InlineData("Europe/Berlin", "*/20 1-3 * * *")]
    [InlineData("Europe/Berlin", "30 2 * * *")]
    [InlineData("America/New_York", "15 * * * *")]
    [InlineData("America/New_York", "0 1,2 * * *")]
    [InlineData("Australia/Sydney", "0 2 * * *")]
    [InlineData("Australia/Lord_Howe", "*/30 * * * *")]
    [InlineData("UTC", "0 0 13 * 5")]
    public void NextAndPrev_ThroughYear_AreStrictlyOrderedInverses(string zone, string expression)
    {
        var cron = new ZonedCron(CronExpression.Parse(expression), TimeZones.Resolve(zone));
        var previous = cron.Next(Utc.At("2024-01-01"))!.Value;

        while (previous < Utc.At("2025-01-01"))
        {
            var next = cron.Next(previous)!.Value;

            Assert.True(next > previous, $"{Utc.Format(next)} after {Utc.Format(previous)}");
            Assert.Equal(previous, cron.Prev(next));
            Assert.Equal(previous, cron.Prev(next.AddTicks(-1)));
            Assert.Equal(next, cron.Next(previous.AddTicks(1)));
            Assert.Equal(TimeSpan.Zero, next.Offset);
            previous = next;
        }
    }

    [Fact]
    public void Prev_BeforeFirstOccurrenceOfRareCron_FindsItYearsBack()
    {
        var leapDay = new ZonedCron(CronExpression.Parse("0 0 29 2 *"), TimeZones.Resolve("UTC"));

        Assert.Equal(Utc.At("2024-02-29"), leapDay.Prev(Utc.At("2027-06-01")));
        Assert.Equal(Utc.At("2028-02-29"), leapDay.Next(Utc.At("2024-03-01")));
    }
}
