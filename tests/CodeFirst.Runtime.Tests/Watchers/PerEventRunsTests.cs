using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Watchers;
using Microsoft.Extensions.DependencyInjection;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Watchers;

/// <summary>Per-event assets: every event its own run, where Airflow's rule would collapse them into one.</summary>
public sealed class PerEventRunsTests
{
    private static DagDefinition Consumer(string schedule, List<string>? payloads = null) => new()
    {
        DagId = "consumer", Schedule = schedule, MaxActiveRuns = 16,
        Tasks = [Task("consume", i => { lock (payloads ?? []) payloads?.Add(string.Join(",", i.Context.TriggeringAssetEvents.Select(e => e.PayloadJson))); return null; })],
    };

    private static async Task<List<DagRunRecord>> RunsAsync(EngineHarness harness) =>
        (await harness.Store.ListRunsAsync("consumer", null, 1000, default)).OrderBy(r => r.Id).ToList();

    [Theory]
    [InlineData(AssetRunMode.PerEvent, 3)]
    [InlineData(AssetRunMode.Collapse, 1)]
    public async Task SchedulePass_ThreeQueuedEvents_RunsPerMode(AssetRunMode mode, int expectedRuns)
    {
        await using var harness = new EngineHarness([Consumer("asset:q://readings")], s => s.AddAssetRunMode("q://readings", mode));
        await harness.PrepareAsync();
        await harness.Engine.SchedulePassAsync(default);

        for (var n = 1; n <= 3; n++) await harness.Engine.Assets!.EmitAsync("q://readings", $$"""{"n":{{n}}}""", default);
        await harness.Engine.SchedulePassAsync(default);

        var runs = await RunsAsync(harness);
        Assert.Equal(expectedRuns, runs.Count);
        Assert.Equal(expectedRuns, runs.Select(r => r.RunId).Distinct().Count());
        var consumed = new List<long>();
        foreach (var run in runs) consumed.AddRange((await harness.Store.ListRunAssetEventsAsync(run.Id, default)).Select(e => e.Id));
        Assert.Equal(3, consumed.Distinct().Count());
        Assert.Equal(3, consumed.Count);
    }

    [Fact]
    public async Task SchedulePass_PerEventRuns_EachTaskSeesOnlyItsOwnPayload()
    {
        var payloads = new List<string>();
        await using var harness = new EngineHarness([Consumer("asset:q://readings | asset:q://other", payloads)], s => s.AddAssetRunMode("q://readings", AssetRunMode.PerEvent));
        var succeeded = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.Events.DagRunChanged += c => { if (c.State == DagRunState.Success && Interlocked.Increment(ref succeeded) == 3) allDone.TrySetResult(); };
        await harness.StartWorkerAsync();
        await harness.Engine.SchedulePassAsync(default);

        for (var n = 1; n <= 3; n++) await harness.Engine.Assets!.EmitAsync("q://readings", $$"""{"n":{{n}}}""", default);
        await harness.Engine.SchedulePassAsync(default);
        await harness.Engine.SchedulePassAsync(default);
        await allDone.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["""{"n":1}""", """{"n":2}""", """{"n":3}"""], payloads.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SchedulePass_PerEventAssetUnderAnd_WaitsForTheOtherSideAndCollapses()
    {
        await using var harness = new EngineHarness([Consumer("asset:q://readings & asset:q://calibration")], s => s.AddAssetRunMode("q://readings", AssetRunMode.PerEvent));
        await harness.PrepareAsync();
        await harness.Engine.SchedulePassAsync(default);

        await harness.Engine.Assets!.EmitAsync("q://readings", null, default);
        await harness.Engine.Assets.EmitAsync("q://readings", null, default);
        await harness.Engine.SchedulePassAsync(default);
        Assert.Empty(await RunsAsync(harness));

        await harness.Engine.Assets.EmitAsync("q://calibration", null, default);
        await harness.Engine.SchedulePassAsync(default);

        var run = Assert.Single(await RunsAsync(harness));
        Assert.Equal(3, (await harness.Store.ListRunAssetEventsAsync(run.Id, default)).Count);
    }

    [Fact]
    public void AddAssetWatcher_BadUriOrName_SaysWhatIsWrong()
    {
        var services = new ServiceCollection();

        var uri = Assert.Throws<ArgumentException>(() => services.AddAssetWatcher("q://a b", "w", _ => throw new InvalidOperationException()));
        var name = Assert.Throws<ArgumentException>(() => services.AddAssetWatcher("q://a", " ", _ => throw new InvalidOperationException()));

        Assert.StartsWith("Asset URI 'q://a b' is invalid", uri.Message, StringComparison.Ordinal);
        Assert.StartsWith("An asset watcher needs a non-empty name", name.Message, StringComparison.Ordinal);
    }
}
