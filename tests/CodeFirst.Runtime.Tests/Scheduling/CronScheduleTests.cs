using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("@hourly", "2024-01-01T00:10", "2024-01-01T01:00", "2024-01-01T02:00", "2024-01-01T03:00")]
    [InlineData("@daily", "2024-01-01T10:30", "2024-01-02T00:00", "2024-01-03T00:00", "2024-01-04T00:00")]
    [InlineData("@weekly", "2024-01-01T00:00", "2024-01-07T00:00", "2024-01-14T00:00", "2024-01-21T00:00")]
    [InlineData("@monthly", "2024-01-15T00:00", "2024-02-01T00:00", "2024-03-01T00:00", "2024-04-01T00:00")]
    [InlineData("@quarterly", "2024-02-10T00:00", "2024-04-01T00:00", "2024-07-01T00:00", "2024-10-01T00:00")]
    [InlineData("@yearly", "2024-03-01T00:00", "2025-01-01T00:00", "2026-01-01T00:00", "2027-01-01T00:00")]
    [InlineData("@annually", "2024-01-01T00:00", "2024-01-01T00:00", "2025-01-01T00:00", "2026-01-01T00:00")]
    public void Upcoming_Preset_FollowsItsCron(string preset, string start, string first, string second, string third)
    {
        Assert.Equal([first, second, third], Utc.Next(Timetables.Create(preset), start, 3));
    }

    [Theory]
    [InlineData("*/15 9-17 * * 1-5", "2024-01-05T17:50", "2024-01-08T09:00", "2024-01-08T09:15", "2024-01-08T09:30")]
    [InlineData("0,30 8 * * *", "2024-01-01T08:10", "2024-01-01T08:30", "2024-01-02T08:00", "2024-01-02T08:30")]
    [InlineData("0 0 * * 7", "2024-01-01T00:00", "2024-01-07T00:00", "2024-01-14T00:00", "2024-01-21T00:00")]
    [InlineData("0 0 13 * 5", "2024-01-01T00:00", "2024-01-05T00:00", "2024-01-12T00:00", "2024-01-13T00:00")]
    [InlineData("0 12 1 jan,JUL *", "2024-01-02T00:00", "2024-07-01T12:00", "2025-01-01T12:00", "2025-07-01T12:00")]
    [InlineData("5 4 */10 * sun", "2024-01-01T00:00", "2024-01-01T04:05", "2024-01-07T04:05", "2024-01-11T04:05")]
    public void Upcoming_CronWithStepsListsAndNames_MatchesCroniter(string cron, string start, string first, string second, string third)
    {
        Assert.Equal([first, second, third], Utc.Next(Timetables.Create(cron), start, 3));
    }

    [Fact]
    public void NextDagRunInfo_CronThatNeverFires_ReturnsNull()
    {
        var restriction = new TimeRestriction(Utc.At("2024-01-01"), null, Catchup: true);

        Assert.Null(Timetables.Create("0 0 30 2 *").NextDagRunInfo(null, restriction, Utc.At("2024-01-01")));
    }

    [Theory]
    [InlineData("2024-01-25T01:00", "2024-01-24T00:00", "2024-01-25T00:00")]
    [InlineData("2024-01-25T00:00", "2024-01-24T00:00", "2024-01-25T00:00")]
    public void InferManualDataInterval_Daily_IsLastCompleteDay(string runAfter, string start, string end)
    {
        var interval = Timetables.Create("@daily").InferManualDataInterval(Utc.At(runAfter));

        Assert.Equal(new DataInterval(Utc.At(start), Utc.At(end)), interval);
    }
}
