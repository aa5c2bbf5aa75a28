using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

public sealed class DagSchedulerTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private static DagDefinition Daily(string id, DateTime start, bool catchup, int maxActiveRuns = 16, DateTime? end = null) => new()
    {
        DagId = id,
        Schedule = "@daily",
        StartDate = start,
        EndDate = end,
        Catchup = catchup,
        MaxActiveRuns = maxActiveRuns,
        Tasks = [Task("only", _ => null)],
    };

    private static async Task<IReadOnlyList<DagRunRecord>> RunsAsync(EngineHarness harness, string dagId) =>
        (await harness.Store.ListRunsAsync(dagId, null, 1000, default)).OrderBy(r => r.LogicalDate).ToList();

    [Fact]
    public async Task Tick_AirflowDailyExampleCatchupOff_CreatesLatestIntervalThenNextAfterMidnight()
    {
        var clock = new FakeTimeProvider(Utc(2016, 1, 2, 6));
        await using var harness = new EngineHarness([Daily("d", new DateTime(2016, 1, 1), catchup: false)], time: clock);
        await harness.PrepareAsync();

        await harness.Engine.SchedulePassAsync(default);
        var first = Assert.Single(await RunsAsync(harness, "d"));
        Assert.Equal(Utc(2016, 1, 1), first.LogicalDate);
        Assert.Equal((Utc(2016, 1, 1), Utc(2016, 1, 2)), (first.DataIntervalStart, first.DataIntervalEnd));
        Assert.Equal("scheduled__2016-01-01T00:00:00+00:00", first.RunId);

        clock.SetUtcNow(Utc(2016, 1, 2, 23, 59));
        await harness.Engine.SchedulePassAsync(default);
        Assert.Single(await RunsAsync(harness, "d"));

        clock.SetUtcNow(Utc(2016, 1, 3, 0, 1));
        await harness.Engine.SchedulePassAsync(default);
        Assert.Equal([Utc(2016, 1, 1), Utc(2016, 1, 2)], (await RunsAsync(harness, "d")).Select(r => r.LogicalDate));
    }

    [Fact]
    public async Task Tick_AirflowDailyExampleCatchupOn_CreatesEveryCompletedInterval()
    {
        var clock = new FakeTimeProvider(Utc(2016, 1, 2, 6));
        await using var harness = new EngineHarness([Daily("d", new DateTime(2015, 12, 1), catchup: true, maxActiveRuns: 100)], time: clock);
        await harness.PrepareAsync();

        await harness.Engine.SchedulePassAsync(default);

        var runs = await RunsAsync(harness, "d");
        Assert.Equal(32, runs.Count);
        Assert.Equal(Utc(2015, 12, 1), runs[0].LogicalDate);
        Assert.Equal(Utc(2016, 1, 1), runs[^1].LogicalDate);
    }

    [Fact]
    public async Task Tick_CatchupWithMaxActiveRuns_CreatesOnlyAsManyAndStartsThem()
    {
        var clock = new FakeTimeProvider(Utc(2024, 1, 11));
        await using var harness = new EngineHarness([Daily("d", new DateTime(2024, 1, 1), catchup: true, maxActiveRuns: 3)], time: clock);
        await harness.PrepareAsync();

        await harness.Engine.SchedulePassAsync(default);
        await harness.Engine.SchedulePassAsync(default);

        var runs = await RunsAsync(harness, "d");
        Assert.Equal([Utc(2024, 1, 1), Utc(2024, 1, 2), Utc(2024, 1, 3)], runs.Select(r => r.LogicalDate));
        Assert.All(runs, r => Assert.Equal(DagRunState.Running, r.State));
    }

    [Fact]
    public async Task Tick_EndDate_StopsCreatingRuns()
    {
        var clock = new FakeTimeProvider(Utc(2024, 2, 1));
        var dag = Daily("d", new DateTime(2024, 1, 1), catchup: true, maxActiveRuns: 100, end: new DateTime(2024, 1, 5));
        await using var harness = new EngineHarness([dag], time: clock);
        await harness.PrepareAsync();

        await harness.Engine.SchedulePassAsync(default);

        Assert.Equal(Utc(2024, 1, 5), (await RunsAsync(harness, "d"))[^1].LogicalDate);
        Assert.Equal(5, (await RunsAsync(harness, "d")).Count);
    }

    [Fact]
    public async Task Tick_PausedDag_CreatesNothingUntilUnpausedThenCatchesUp()
    {
        var clock = new FakeTimeProvider(Utc(2024, 1, 4));
        await using var harness = new EngineHarness([Daily("d", new DateTime(2024, 1, 1), catchup: true)], time: clock);
        await harness.PrepareAsync();
        await harness.Store.SetPausedAsync("d", true, default);

        await harness.Engine.SchedulePassAsync(default);
        Assert.Empty(await RunsAsync(harness, "d"));

        await harness.Store.SetPausedAsync("d", false, default);
        await harness.Engine.SchedulePassAsync(default);
        Assert.Equal(3, (await RunsAsync(harness, "d")).Count);
    }

    [Fact]
    public async Task Tick_QueuedManualRunsOverMaxActiveRuns_StartsOnlyTheAllowedNumber()
    {
        var clock = new FakeTimeProvider(Utc(2024, 1, 1));
        var dag = new DagDefinition { DagId = "m", MaxActiveRuns = 1, Tasks = [Task("only", _ => null)] };
        await using var harness = new EngineHarness([dag], time: clock);
        await harness.PrepareAsync();
        var loaded = harness.Engine.Dags.Get("m");
        await harness.Engine.Runs.TriggerAsync(loaded, null, null, "one", default);
        await harness.Engine.Runs.TriggerAsync(loaded, null, null, "two", default);

        await harness.Engine.SchedulePassAsync(default);

        var runs = (await RunsAsync(harness, "m")).ToDictionary(r => r.RunId, r => r.State);
        Assert.Equal(DagRunState.Running, runs["one"]);
        Assert.Equal(DagRunState.Queued, runs["two"]);
    }

    [Fact]
    public async Task Tick_ExpiredLease_RetriesTheZombieTry()
    {
        var clock = new FakeTimeProvider(Utc(2024, 1, 1));
        var dag = new DagDefinition { DagId = "z", Tasks = [Task("work", _ => null, retries: 1)] };
        await using var harness = new EngineHarness([dag], time: clock);
        await harness.PrepareAsync();
        var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("z"), null, null, "r", default);
        await harness.Engine.SchedulePassAsync(default);
        Assert.Single(await harness.Store.ClaimAsync("dead-worker", 1, clock.GetUtcNow(), clock.GetUtcNow().AddSeconds(30), default));

        clock.Advance(TimeSpan.FromSeconds(31));
        await harness.Engine.SchedulePassAsync(default);

        var ti = Assert.Single(await harness.Store.ListTaskInstancesAsync(run.Id, default));
        Assert.Equal(TaskInstanceState.UpForRetry, ti.State);
        Assert.Contains(await harness.Store.GetLogAsync(run.Id, "work", 1, default), l => l.Message.Contains("stopped heartbeating", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DagPools_DagNamesMissingPools_CreatesOnlyTheMissingOnes()
    {
        var dag = new DagDefinition
        {
            DagId = "pooled",
            Tasks =
            [
                Task("a", _ => null),
                new Definitions.TaskDefinition { TaskId = "b", MethodName = "b", Pool = "warehouse", PoolSlots = 2, Invoke = _ => new ValueTask<string?>((string?)null) },
                new Definitions.TaskDefinition { TaskId = "c", MethodName = "c", Pool = "existing", Invoke = _ => new ValueTask<string?>((string?)null) },
            ],
        };
        await using var harness = new EngineHarness([dag]);
        await harness.PrepareAsync();
        await harness.Store.SetPoolAsync("existing", 1, null, default);

        var created = await CodeFirst.Runtime.Engine.DagPools.CreateMissingAsync(harness.Store, [dag], default);

        Assert.Equal(["warehouse"], created);
        Assert.Equal(CodeFirst.Runtime.Engine.DagPools.DefaultSlots, (await harness.Store.GetPoolAsync("warehouse", default))!.Slots);
        Assert.Equal(1, (await harness.Store.GetPoolAsync("existing", default))!.Slots);
        Assert.Empty(await CodeFirst.Runtime.Engine.DagPools.CreateMissingAsync(harness.Store, [dag], default));
    }
}
