using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

public sealed class SimpleTimetableTests
{
    private static readonly DateTimeOffset Now = Utc.At("2024-01-05T10:00");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void NextDagRunInfo_Manual_AlwaysNull(string? schedule)
    {
        var manual = Timetables.Create(schedule);
        var restriction = new TimeRestriction(Utc.At("2024-01-01"), null, Catchup: true);

        Assert.Null(manual.NextDagRunInfo(null, restriction, Now));
        Assert.Null(manual.NextDagRunInfo(new DataInterval(Now, Now), restriction, Now));
    }

    [Fact]
    public void InferManualDataInterval_Manual_IsInstant()
    {
        Assert.Equal(new DataInterval(Now, Now), Timetables.Create(null).InferManualDataInterval(Now));
    }

    [Fact]
    public void NextDagRunInfo_Once_RunsAtStartDate()
    {
        var start = Utc.At("2024-01-01T08:00");

        var next = Timetables.Create("@once").NextDagRunInfo(null, new TimeRestriction(start, null, Catchup: false), Now);

        Assert.Equal(new DagRunInfo(new DataInterval(start, start), start), next);
    }

    [Fact]
    public void NextDagRunInfo_OnceAfterFirstRun_ReturnsNull()
    {
        var start = Utc.At("2024-01-01T08:00");

        Assert.Null(Timetables.Create("@once").NextDagRunInfo(new DataInterval(start, start), new TimeRestriction(start, null, true), Now));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("2024-01-02", "2024-01-01")]
    public void NextDagRunInfo_OnceWithoutStartOrAfterEnd_ReturnsNull(string? start, string? end)
    {
        var restriction = new TimeRestriction(start is null ? null : Utc.At(start), end is null ? null : Utc.At(end), true);

        Assert.Null(Timetables.Create("@once").NextDagRunInfo(null, restriction, Now));
    }

    [Fact]
    public void NextDagRunInfo_ContinuousFirstRun_CoversStartToNow()
    {
        var next = Timetables.Create("@continuous").NextDagRunInfo(null, new TimeRestriction(Utc.At("2024-01-01"), null, false), Now);

        Assert.Equal(new DagRunInfo(new DataInterval(Utc.At("2024-01-01"), Now), Now), next);
    }

    [Fact]
    public void NextDagRunInfo_ContinuousAfterRun_CoversLastEndToNow()
    {
        var last = new DataInterval(Utc.At("2024-01-01"), Utc.At("2024-01-05T09:00"));

        var next = Timetables.Create("@continuous").NextDagRunInfo(last, new TimeRestriction(Utc.At("2024-01-01"), null, false), Now);

        Assert.Equal(new DagRunInfo(new DataInterval(Utc.At("2024-01-05T09:00"), Now), Now), next);
    }

    [Fact]
    public void NextDagRunInfo_ContinuousStartInFuture_WaitsForStart()
    {
        var start = Utc.At("2024-02-01");

        var next = Timetables.Create("@continuous").NextDagRunInfo(null, new TimeRestriction(start, null, false), Now);

        Assert.Equal(new DagRunInfo(new DataInterval(start, start), start), next);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("2024-01-01", "2024-01-04")]
    public void NextDagRunInfo_ContinuousWithoutStartOrPastEnd_ReturnsNull(string? start, string? end)
    {
        var restriction = new TimeRestriction(start is null ? null : Utc.At(start), end is null ? null : Utc.At(end), false);

        Assert.Null(Timetables.Create("@continuous").NextDagRunInfo(null, restriction, Now));
    }
}
