using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

public sealed class DeltaTimetableTests
{
    [Theory]
    [InlineData("01:00:00", "2024-01-01T10:17", "2024-01-01T10:17", "2024-01-01T11:17", "2024-01-01T12:17")]
    [InlineData("1.00:00:00", "2024-01-01T06:00", "2024-01-01T06:00", "2024-01-02T06:00", "2024-01-03T06:00")]
    [InlineData("00:45:00", "2024-01-01T23:30", "2024-01-01T23:30", "2024-01-02T00:15", "2024-01-02T01:00")]
    public void Upcoming_CatchupOn_StepsFromStartDateWithoutAlignment(string delta, string start, string first, string second, string third)
    {
        Assert.Equal([first, second, third], Utc.Next(Timetables.Create(delta), start, 3));
    }

    [Fact]
    public void NextDagRunInfo_CatchupOn_RunsAfterIntervalEnd()
    {
        var restriction = new TimeRestriction(Utc.At("2024-01-01T10:17"), null, Catchup: true);

        var next = Timetables.Create("01:00:00").NextDagRunInfo(null, restriction, Utc.At("2024-01-01T10:17"));

        Assert.Equal(new DataInterval(Utc.At("2024-01-01T10:17"), Utc.At("2024-01-01T11:17")), next!.DataInterval);
        Assert.Equal(Utc.At("2024-01-01T11:17"), next.RunAfter);
    }

    [Fact]
    public void NextDagRunInfo_CatchupOff_SkipsToIntervalBeforeEpochAlignedNow()
    {
        var hourly = Timetables.Create("01:00:00");
        var restriction = new TimeRestriction(Utc.At("2024-01-01T10:17"), null, Catchup: false);
        var now = Utc.At("2024-01-01T15:40");

        var first = hourly.NextDagRunInfo(null, restriction, now);
        var second = hourly.NextDagRunInfo(first!.DataInterval, restriction, now);

        Assert.Equal(new DataInterval(Utc.At("2024-01-01T14:00"), Utc.At("2024-01-01T15:00")), first.DataInterval);
        Assert.Equal(new DataInterval(Utc.At("2024-01-01T15:00"), Utc.At("2024-01-01T16:00")), second!.DataInterval);
        Assert.Single(Utc.Due(hourly, null, restriction, now));
    }

    [Fact]
    public void NextDagRunInfo_CatchupOffAfterLastRun_ContinuesFromLastEndWhenLater()
    {
        var restriction = new TimeRestriction(Utc.At("2024-01-01"), null, Catchup: false);
        var last = new DataInterval(Utc.At("2024-01-01T14:30"), Utc.At("2024-01-01T15:30"));

        var next = Timetables.Create("01:00:00").NextDagRunInfo(last, restriction, Utc.At("2024-01-01T15:40"));

        Assert.Equal(Utc.At("2024-01-01T15:30"), next!.LogicalDate);
    }

    [Fact]
    public void NextDagRunInfo_CatchupOffStartAfterSkip_UsesStartDate()
    {
        var restriction = new TimeRestriction(Utc.At("2024-01-01T15:10"), null, Catchup: false);

        var next = Timetables.Create("01:00:00").NextDagRunInfo(null, restriction, Utc.At("2024-01-01T15:40"));

        Assert.Equal(Utc.At("2024-01-01T15:10"), next!.LogicalDate);
    }

    [Fact]
    public void NextDagRunInfo_InZoneAcrossDst_KeepsAbsoluteLength()
    {
        var daily = Timetables.Create("1.00:00:00", "Europe/Berlin");
        var last = new DataInterval(Utc.At("2024-03-30T23:00"), Utc.At("2024-03-31T23:00"));

        var next = daily.NextDagRunInfo(last, new TimeRestriction(Utc.At("2024-03-01"), null, true), Utc.At("2024-04-05"));

        Assert.Equal(new DataInterval(Utc.At("2024-03-31T23:00"), Utc.At("2024-04-01T23:00")), next!.DataInterval);
    }

    [Fact]
    public void NextDagRunInfo_EndDate_StopsSeries()
    {
        var restriction = new TimeRestriction(Utc.At("2024-01-01T00:00"), Utc.At("2024-01-01T02:30"), Catchup: true);

        var runs = Timetables.Create("01:00:00").Upcoming(null, restriction, Utc.At("2024-02-01"), 10).ToList();

        Assert.Equal(3, runs.Count);
    }

    [Fact]
    public void InferManualDataInterval_Delta_EndsAtRunAfter()
    {
        var interval = Timetables.Create("02:00:00").InferManualDataInterval(Utc.At("2024-01-01T10:17"));

        Assert.Equal(new DataInterval(Utc.At("2024-01-01T08:17"), Utc.At("2024-01-01T10:17")), interval);
    }
}
