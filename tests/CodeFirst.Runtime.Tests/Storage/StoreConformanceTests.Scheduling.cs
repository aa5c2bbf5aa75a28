using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Asset events and backfills (schema version 5) on every store.</summary>
public abstract partial class StoreConformanceTests
{
    private IAssetStore Assets => (IAssetStore)Store;
    private IBackfillStore BackfillStore => (IBackfillStore)Store;

    private static NewDagRun AssetRun(string runId) =>
        new("consumer", runId, DagRunType.AssetTriggered, Now, Now, Now, "{}", [new NewTaskInstance("t", 1, 1, "default")]);

    [Fact]
    public async Task RecordAssetEventAsync_QueuesForReferencingDagsOnly()
    {
        await Assets.SyncAssetReferencesAsync([("consumer", ["s3://a", "s3://b"]), ("other", ["s3://c"])], default);

        var recorded = await Assets.RecordAssetEventAsync(new NewAssetEvent("s3://a", """{"rows":3}""", "producer", "r1", "t1"), Now, default);
        await Assets.RecordAssetEventAsync(new NewAssetEvent("s3://z", "{}"), Now, default);

        var queued = Assert.Single(await Assets.ListQueuedAssetEventsAsync("consumer", default));
        Assert.Equal(recorded, queued);
        Assert.Equal(("s3://a", """{"rows":3}""", "producer", "r1", "t1", Now), (queued.Uri, queued.PayloadJson, queued.SourceDagId, queued.SourceRunId, queued.SourceTaskId, queued.CreatedAt));
        Assert.Empty(await Assets.ListQueuedAssetEventsAsync("other", default));
        Assert.Equal(["s3://z", "s3://a"], (await Assets.ListAssetEventsAsync(null, 10, default)).Select(e => e.Uri));
        Assert.Single(await Assets.ListAssetEventsAsync("s3://z", 10, default));
    }

    [Fact]
    public async Task SyncAssetReferencesAsync_Replaces_DroppedUriNoLongerQueues()
    {
        await Assets.SyncAssetReferencesAsync([("consumer", ["s3://a"])], default);
        await Assets.SyncAssetReferencesAsync([("consumer", ["s3://b"])], default);

        await Assets.RecordAssetEventAsync(new NewAssetEvent("s3://a", "{}"), Now, default);

        Assert.Empty(await Assets.ListQueuedAssetEventsAsync("consumer", default));
    }

    [Fact]
    public async Task CreateAssetTriggeredRunAsync_ConsumesQueueAndLinksEvents_SecondConsumerGetsNothing()
    {
        await Assets.SyncAssetReferencesAsync([("consumer", ["s3://a"])], default);
        var first = await Assets.RecordAssetEventAsync(new NewAssetEvent("s3://a", "{}"), Now, default);
        var second = await Assets.RecordAssetEventAsync(new NewAssetEvent("s3://a", "{}"), Now.AddMinutes(1), default);

        var run = await Assets.CreateAssetTriggeredRunAsync(AssetRun("asset_triggered__1"), [first.Id, second.Id], Now, default);
        var again = await Assets.CreateAssetTriggeredRunAsync(AssetRun("asset_triggered__2"), [first.Id, second.Id], Now, default);

        Assert.NotNull(run);
        Assert.Equal(DagRunType.AssetTriggered, run.RunType);
        Assert.Null(again);
        Assert.Null(await Store.GetRunAsync("consumer", "asset_triggered__2", default));
        Assert.Empty(await Assets.ListQueuedAssetEventsAsync("consumer", default));
        Assert.Equal([first.Id, second.Id], (await Assets.ListRunAssetEventsAsync(run.Id, default)).Select(e => e.Id));
    }

    [Fact]
    public async Task CreateBackfillAsync_StoresRowAndDatesInOrder_SecondRunningBackfillRefused()
    {
        var backfill = new NewBackfill("dag", Now, Now.AddDays(2), ReprocessBehavior.Failed, 2, true, """{"x":1}""");
        NewBackfillDate[] dates = [new(Now.AddDays(2), Now.AddDays(2), Now.AddDays(3), null), new(Now, Now, Now.AddDays(1), "scheduled__x")];

        var created = await BackfillStore.CreateBackfillAsync(backfill, dates, Now, default);

        Assert.Equal(("dag", Now, Now.AddDays(2), ReprocessBehavior.Failed, 2, true, """{"x":1}""", BackfillState.Running, Now, (DateTimeOffset?)null),
            (created.DagId, created.From, created.To, created.Reprocess, created.MaxActiveRuns, created.RunBackwards, created.Conf, created.State, created.CreatedAt, created.CompletedAt));
        Assert.Equal(created, await BackfillStore.GetBackfillAsync(created.Id, default));
        var stored = await BackfillStore.ListBackfillDatesAsync(created.Id, default);
        Assert.Equal([(0, Now.AddDays(2), (string?)null), (1, Now, "scheduled__x")], stored.Select(d => (d.SortOrdinal, d.LogicalDate, d.ExistingRunId)));
        Assert.All(stored, d => Assert.Equal((BackfillDateState.Pending, (long?)null), (d.State, d.RunPk)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => BackfillStore.CreateBackfillAsync(backfill, dates, Now, default));
    }

    [Fact]
    public async Task SetBackfillDateAsync_OnlyFromPending_AndFinishOnlyFromRunning()
    {
        var created = await BackfillStore.CreateBackfillAsync(
            new NewBackfill("dag", Now, Now, ReprocessBehavior.None, 1, false, "{}"), [new(Now, Now, Now.AddDays(1), null)], Now, default);
        var run = await CreateRunAsync("backfill__x", 1, DagRunType.Backfill);

        Assert.True(await BackfillStore.SetBackfillDateAsync(created.Id, 0, run.Id, BackfillDateState.Created, default));
        Assert.False(await BackfillStore.SetBackfillDateAsync(created.Id, 0, null, BackfillDateState.Skipped, default));
        Assert.Equal((run.Id, BackfillDateState.Created), (await BackfillStore.ListBackfillDatesAsync(created.Id, default)).Select(d => (d.RunPk, d.State)).Single());

        Assert.True(await BackfillStore.FinishBackfillAsync(created.Id, BackfillState.Completed, Now.AddHours(1), default));
        Assert.False(await BackfillStore.FinishBackfillAsync(created.Id, BackfillState.Canceled, Now.AddHours(2), default));
        var finished = (await BackfillStore.GetBackfillAsync(created.Id, default))!;
        Assert.Equal((BackfillState.Completed, (DateTimeOffset?)Now.AddHours(1)), (finished.State, finished.CompletedAt));
        Assert.Empty(await BackfillStore.ListBackfillsAsync("dag", runningOnly: true, default));
        Assert.Single(await BackfillStore.ListBackfillsAsync(null, runningOnly: false, default));
    }
}
