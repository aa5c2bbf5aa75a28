using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

public sealed class UpcomingTests
{
    private static readonly TimeRestriction FromNewYear = new(Utc.At("2024-01-01"), null, Catchup: true);

    [Fact]
    public void Upcoming_Daily_EachRunFollowsThePrevious()
    {
        var runs = Timetables.Create("@daily").Upcoming(null, FromNewYear, Utc.At("2024-01-01"), 3).ToList();

        Assert.Equal(3, runs.Count);
        Assert.Equal(runs[0].DataInterval.End, runs[1].DataInterval.Start);
        Assert.Equal(runs[1].DataInterval.End, runs[2].DataInterval.Start);
    }

    [Fact]
    public void Upcoming_AfterLastRun_StartsAtItsEnd()
    {
        var last = new DataInterval(Utc.At("2024-02-01"), Utc.At("2024-02-02"));

        var first = Timetables.Create("@daily").Upcoming(last, FromNewYear, Utc.At("2024-01-01"), 1).Single();

        Assert.Equal(Utc.At("2024-02-02"), first.LogicalDate);
    }

    [Theory]
    [InlineData(null, 5, 0)]
    [InlineData("@once", 5, 1)]
    [InlineData("@daily", 0, 0)]
    public void Upcoming_Schedule_StopsWhenTimetableOrCountEnds(string? schedule, int count, int expected)
    {
        Assert.Equal(expected, Timetables.Create(schedule).Upcoming(null, FromNewYear, Utc.At("2024-01-01"), count).Count());
    }

    [Fact]
    public void Upcoming_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Timetables.Create("@daily").Upcoming(null, FromNewYear, Utc.At("2024-01-01"), -1));
    }
}
