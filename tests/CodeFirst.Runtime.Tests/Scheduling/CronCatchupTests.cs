using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

public sealed class CronCatchupTests
{
    private static readonly ITimetable Daily = Timetables.Create("@daily");

    [Fact]
    public void NextDagRunInfo_AirflowExampleCatchupOff_CreatesOnlyLatestCompletedInterval()
    {
        var restriction = new TimeRestriction(Utc.At("2016-01-01"), null, Catchup: false);
        var now = Utc.At("2016-01-02T06:00");

        var first = Daily.NextDagRunInfo(null, restriction, now);

        Assert.Equal(new DataInterval(Utc.At("2016-01-01"), Utc.At("2016-01-02")), first!.DataInterval);
        Assert.Equal(Utc.At("2016-01-01"), first.LogicalDate);
        Assert.Equal(Utc.At("2016-01-02"), first.RunAfter);
        Assert.Single(Utc.Due(Daily, null, restriction, now));

        var second = Daily.NextDagRunInfo(first.DataInterval, restriction, now);

        Assert.Equal(Utc.At("2016-01-02"), second!.LogicalDate);
        Assert.Equal(Utc.At("2016-01-03"), second.RunAfter);
    }

    [Fact]
    public void NextDagRunInfo_AirflowExampleCatchupOn_CreatesEveryCompletedInterval()
    {
        var restriction = new TimeRestriction(Utc.At("2015-12-01"), null, Catchup: true);

        var runs = Utc.Due(Daily, null, restriction, Utc.At("2016-01-02T06:00"));

        Assert.Equal(32, runs.Count);
        Assert.Equal(Utc.At("2015-12-01"), runs[0].LogicalDate);
        Assert.Equal(Utc.At("2016-01-01"), runs[^1].LogicalDate);
        Assert.All(runs, r => Assert.Equal(r.DataInterval.Start.AddDays(1), r.RunAfter));
    }

    [Theory]
    [InlineData("2024-03-10T05:00", "2024-03-09")]
    [InlineData("2024-03-10T00:00", "2024-03-09")]
    [InlineData("2024-03-09T23:59", "2024-03-08")]
    public void NextDagRunInfo_CatchupOffAfterLongPause_SkipsToLatestCompletedInterval(string now, string expected)
    {
        var last = new DataInterval(Utc.At("2024-01-01"), Utc.At("2024-01-02"));
        var restriction = new TimeRestriction(Utc.At("2023-06-01"), null, Catchup: false);

        var next = Daily.NextDagRunInfo(last, restriction, Utc.At(now));

        Assert.Equal(Utc.At(expected), next!.LogicalDate);
    }

    [Fact]
    public void NextDagRunInfo_CatchupOffStartInFuture_WaitsForAlignedStart()
    {
        var restriction = new TimeRestriction(Utc.At("2025-01-01T10:30"), null, Catchup: false);

        var next = Daily.NextDagRunInfo(null, restriction, Utc.At("2024-06-01"));

        Assert.Equal(new DataInterval(Utc.At("2025-01-02"), Utc.At("2025-01-03")), next!.DataInterval);
    }

    [Fact]
    public void NextDagRunInfo_HourlyCatchupOff_TakesLastCompletedHour()
    {
        var hourly = Timetables.Create("0 * * * *");
        var restriction = new TimeRestriction(Utc.At("2024-01-01"), null, Catchup: false);

        var next = hourly.NextDagRunInfo(null, restriction, Utc.At("2024-05-05T10:30"));

        Assert.Equal(new DataInterval(Utc.At("2024-05-05T09:00"), Utc.At("2024-05-05T10:00")), next!.DataInterval);
    }

    [Fact]
    public void NextDagRunInfo_StartNotAligned_FirstLogicalDateIsNextFireTime()
    {
        var restriction = new TimeRestriction(Utc.At("2024-01-01T10:30"), null, Catchup: true);

        var next = Daily.NextDagRunInfo(null, restriction, Utc.At("2024-02-01"));

        Assert.Equal(Utc.At("2024-01-02"), next!.LogicalDate);
        Assert.Equal(Utc.At("2024-01-03"), next.RunAfter);
    }

    [Fact]
    public void NextDagRunInfo_EndDate_NoRunWithLogicalDateAfterIt()
    {
        var restriction = new TimeRestriction(Utc.At("2024-01-01"), Utc.At("2024-01-03"), Catchup: true);

        var runs = Daily.Upcoming(null, restriction, Utc.At("2024-06-01"), 10).ToList();

        Assert.Equal(["2024-01-01T00:00", "2024-01-02T00:00", "2024-01-03T00:00"], runs.Select(r => Utc.Format(r.LogicalDate)));
    }

    [Fact]
    public void NextDagRunInfo_NoStartDateCatchupOn_ReturnsNull()
    {
        Assert.Null(Daily.NextDagRunInfo(null, new TimeRestriction(null, null, Catchup: true), Utc.At("2024-01-01")));
    }
}
