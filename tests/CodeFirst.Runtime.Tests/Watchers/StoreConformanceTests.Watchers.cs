using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Asset watchers (schema version 7) on every store: message de-duplication and watcher leases.</summary>
public abstract partial class StoreConformanceTests
{
    private IAssetWatcherStore WatcherLeases => (IAssetWatcherStore)Store;

    [Fact]
    public async Task RecordAssetEventAsync_SameMessageIdAgain_FirstEventReturnedAndQueuedOnce()
    {
        await Assets.SyncAssetReferencesAsync([("consumer", ["q://a", "q://b"])], default);

        var first = await Assets.RecordAssetEventAsync(new NewAssetEvent("q://a", """{"n":1}""", MessageId: "w/1"), Now, default);
        var redelivered = await Assets.RecordAssetEventAsync(new NewAssetEvent("q://a", """{"n":1}""", MessageId: "w/1"), Now.AddMinutes(1), default);
        var otherAsset = await Assets.RecordAssetEventAsync(new NewAssetEvent("q://b", "{}", MessageId: "w/1"), Now, default);
        await Assets.RecordAssetEventAsync(new NewAssetEvent("q://a", "{}"), Now, default);
        await Assets.RecordAssetEventAsync(new NewAssetEvent("q://a", "{}"), Now, default);

        Assert.Equal(first, redelivered);
        Assert.Equal(("w/1", Now), (first.MessageId, redelivered.CreatedAt));
        Assert.NotEqual(first.Id, otherAsset.Id);
        // One event for the message, one for the same id on another asset, and both events without an id.
        Assert.Equal(4, (await Assets.ListAssetEventsAsync(null, 10, default)).Count);
        Assert.Equal(4, (await Assets.ListQueuedAssetEventsAsync("consumer", default)).Count);
        Assert.Equal("w/1", (await Assets.ListAssetEventsAsync("q://a", 10, default))[^1].MessageId);
    }

    [Fact]
    public async Task ClaimWatchersAsync_HeldByOneTriggerer_OtherGetsThemOnlyAfterTheLeaseRanOut()
    {
        (string, string)[] watchers = [("readings", "q://readings"), ("orders", "q://orders")];

        var first = await WatcherLeases.ClaimWatchersAsync("t1", watchers, Now, Now.AddSeconds(30), default);
        var second = await WatcherLeases.ClaimWatchersAsync("t2", watchers, Now.AddSeconds(10), Now.AddSeconds(40), default);
        var renewed = await WatcherLeases.HeartbeatWatchersAsync("t1", ["readings", "orders"], Now.AddSeconds(45), default);
        var stillHeld = await WatcherLeases.ClaimWatchersAsync("t2", watchers, Now.AddSeconds(40), Now.AddSeconds(70), default);
        var takenOver = await WatcherLeases.ClaimWatchersAsync("t2", watchers, Now.AddSeconds(46), Now.AddSeconds(76), default);
        var lost = await WatcherLeases.HeartbeatWatchersAsync("t1", ["readings", "orders"], Now.AddSeconds(80), default);

        Assert.Equal(["orders", "readings"], first.Order(StringComparer.Ordinal));
        Assert.Empty(second);
        Assert.Equal(["orders", "readings"], renewed.Order(StringComparer.Ordinal));
        Assert.Empty(stillHeld);
        Assert.Equal(["orders", "readings"], takenOver.Order(StringComparer.Ordinal));
        Assert.Empty(lost);
    }

    [Fact]
    public async Task ReleaseWatchersAsync_CleanStop_AnotherTriggererClaimsAtOnce()
    {
        (string, string)[] watchers = [("readings", "q://readings")];
        await WatcherLeases.ClaimWatchersAsync("t1", watchers, Now, Now.AddSeconds(30), default);

        await WatcherLeases.ReleaseWatchersAsync("t2", ["readings"], default); // not its lease: nothing happens
        var whileHeld = await WatcherLeases.ClaimWatchersAsync("t2", watchers, Now.AddSeconds(1), Now.AddSeconds(31), default);
        await WatcherLeases.ReleaseWatchersAsync("t1", ["readings"], default);
        var afterRelease = await WatcherLeases.ClaimWatchersAsync("t2", watchers, Now.AddSeconds(1), Now.AddSeconds(31), default);

        Assert.Empty(whileHeld);
        Assert.Equal(["readings"], afterRelease);
    }
}
