using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

/// <summary>Cron in a zone's wall clock across the 2024 transitions; every expected instant is UTC.</summary>
public sealed class DstTests
{
    [Theory]
    // Berlin springs forward at 02:00 CET -> 03:00 CEST: the 02:00 run happens once, at 03:00 CEST.
    [InlineData("Europe/Berlin", "0 2 * * *", "2024-03-29T00:00", "2024-03-29T01:00,2024-03-30T01:00,2024-03-31T01:00,2024-04-01T00:00")]
    // Berlin falls back at 03:00 CEST -> 02:00 CET: 02:00 happens twice, the run once, at the earlier (CEST).
    [InlineData("Europe/Berlin", "0 2 * * *", "2024-10-25T12:00", "2024-10-26T00:00,2024-10-27T00:00,2024-10-28T01:00")]
    // A time inside the gap moves forward by the gap: 02:30 -> 03:30 CEST.
    [InlineData("Europe/Berlin", "30 2 * * *", "2024-03-30T00:00", "2024-03-30T01:30,2024-03-31T01:30,2024-04-01T00:30")]
    // A cron covering every hour keeps firing every real hour through both transitions.
    [InlineData("Europe/Berlin", "0 * * * *", "2024-03-30T23:00", "2024-03-30T23:00,2024-03-31T00:00,2024-03-31T01:00,2024-03-31T02:00")]
    [InlineData("Europe/Berlin", "0 * * * *", "2024-10-26T23:00", "2024-10-26T23:00,2024-10-27T00:00,2024-10-27T01:00,2024-10-27T02:00")]
    [InlineData("America/New_York", "0 2 * * *", "2024-03-09T00:00", "2024-03-09T07:00,2024-03-10T07:00,2024-03-11T06:00")]
    [InlineData("America/New_York", "0 2 * * *", "2024-11-02T00:00", "2024-11-02T06:00,2024-11-03T07:00,2024-11-04T07:00")]
    [InlineData("America/New_York", "0 1 * * *", "2024-11-02T00:00", "2024-11-02T05:00,2024-11-03T05:00,2024-11-04T06:00")]
    [InlineData("America/New_York", "0 * * * *", "2024-03-10T05:00", "2024-03-10T05:00,2024-03-10T06:00,2024-03-10T07:00,2024-03-10T08:00")]
    [InlineData("America/New_York", "0 * * * *", "2024-11-03T04:00", "2024-11-03T04:00,2024-11-03T05:00,2024-11-03T06:00,2024-11-03T07:00")]
    public void Upcoming_CronAcrossTransition_FiresAtExpectedInstants(string zone, string cron, string start, string expected)
    {
        var instants = expected.Split(',');

        Assert.Equal(instants, Utc.Next(Timetables.Create(cron, zone), start, instants.Length));
    }

    [Fact]
    public void NextDagRunInfo_AcrossSpringForward_IntervalIsShortDay()
    {
        var daily = Timetables.Create("0 2 * * *", "Europe/Berlin");
        var last = new DataInterval(Utc.At("2024-03-30T01:00"), Utc.At("2024-03-31T01:00"));

        var next = daily.NextDagRunInfo(last, new TimeRestriction(Utc.At("2024-03-01"), null, true), Utc.At("2024-04-05"));

        Assert.Equal(new DataInterval(Utc.At("2024-03-31T01:00"), Utc.At("2024-04-01T00:00")), next!.DataInterval);
        Assert.Equal(TimeSpan.FromHours(23), next.DataInterval.End - next.DataInterval.Start);
    }

    [Fact]
    public void NextDagRunInfo_MidnightInBerlinCatchupOff_SkipsToLatestLocalDay()
    {
        var daily = Timetables.Create("@daily", "Europe/Berlin");

        var next = daily.NextDagRunInfo(null, new TimeRestriction(Utc.At("2024-01-01"), null, false), Utc.At("2024-03-31T05:00"));

        Assert.Equal(new DataInterval(Utc.At("2024-03-29T23:00"), Utc.At("2024-03-30T23:00")), next!.DataInterval);
    }

    [Theory]
    [InlineData("Europe/Berlin", "0 * * * *", "2024-10-27T01:30", "2024-10-27T00:00", "2024-10-27T01:00")]
    [InlineData("Europe/Berlin", "0 2 * * *", "2024-04-01T12:00", "2024-03-31T01:00", "2024-04-01T00:00")]
    [InlineData("America/New_York", "0 1 * * *", "2024-11-04T12:00", "2024-11-03T05:00", "2024-11-04T06:00")]
    public void InferManualDataInterval_AcrossTransition_IsLastCompleteInterval(string zone, string cron, string runAfter, string start, string end)
    {
        var interval = Timetables.Create(cron, zone).InferManualDataInterval(Utc.At(runAfter));

        Assert.Equal(new DataInterval(Utc.At(start), Utc.At(end)), interval);
    }
}
