using CodeFirst.Runtime.State;
using CodeFirst.Samples.Warehouse;
using CodeFirst.Testing;

namespace CodeFirst.Samples.Tests;

public sealed class WarehouseLoadTests
{
    [Theory]
    [InlineData(2024, 1, 7, "full_load", "incremental_load")]   // a Sunday
    [InlineData(2024, 1, 8, "incremental_load", "full_load")]   // a Monday
    public async Task RunAsync_BranchByWeekday_RunsOneLoadSkipsTheOtherAndPublishes(int year, int month, int day, string followed, string skipped)
    {
        var result = await DagTestHost.RunAsync<WarehouseLoad>(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero));

        Assert.True(result.Succeeded);
        Assert.Equal(42, result.Output<int>("count_rows"));
        Assert.Contains(result["count_rows"].Log, l => l.Message == $"exporting orders for {year:0000}-{month:00}-{day:00}");
        Assert.Equal(TaskInstanceState.Success, result[followed].State);
        Assert.Equal(TaskInstanceState.Skipped, result[skipped].State);
        Assert.Equal(TaskInstanceState.Success, result["publish"].State);
    }
}
