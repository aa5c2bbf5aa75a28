using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>The runs list's run-type filter: on every store.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task QueryRunsAsync_RunTypes_OnlyRunsOfThoseTypes()
    {
        await CreateRunAsync("scheduled_1", taskCount: 1, DagRunType.Scheduled, Now);
        await CreateRunAsync("manual_1", taskCount: 1, DagRunType.Manual, Now.AddDays(1));
        await CreateRunAsync("backfill_1", taskCount: 1, DagRunType.Backfill, Now.AddDays(2));

        var some = await Queries.QueryRunsAsync(new DagRunQuery { RunTypes = [DagRunType.Manual, DagRunType.Backfill] }, default);
        var none = await Queries.QueryRunsAsync(new DagRunQuery { RunTypes = [DagRunType.AssetTriggered] }, default);

        Assert.Equal(["backfill_1", "manual_1"], some.Runs.Select(r => r.RunId));
        Assert.Equal(2, some.TotalCount);
        Assert.Equal(0, none.TotalCount);
    }
}
