using CodeFirst.Definitions;
using CodeFirst.Runtime.Backfills;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using CodeFirst.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

/// <summary>Issue 4 at engine level, driven by an injected clock and explicit scheduler passes.</summary>
public sealed class SchedulingSemanticsTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private static async Task<List<DagRunRecord>> RunsAsync(EngineHarness harness, string dagId) =>
        (await harness.Store.ListRunsAsync(dagId, null, 1000, default)).OrderBy(r => r.LogicalDate).ThenBy(r => r.Id).ToList();

    private static async Task FinishRunAsync(EngineHarness harness, DagRunRecord run, DagRunState final, DateTimeOffset now)
    {
        await using var tx = await harness.Store.BeginRunTransactionAsync(run.Id, default);
        Assert.True(await tx.SetRunStateAsync(DagRunState.Running, final, now, default));
        await tx.CommitAsync(default);
    }

    // 02:00 Berlin every day: 01:00 UTC in winter, 00:00 UTC in summer. On 2024-03-31 02:00 does not
    // exist (clocks jump to 03:00 CEST): that run moves forward by the gap, to 01:00 UTC.
    [Fact]
    public async Task Tick_BerlinCronAcrossSpringForward_RunsAtTwoLocalEachDay()
    {
        var dag = new DagDefinition
        {
            DagId = "berlin", Schedule = "0 2 * * *", Timezone = "Europe/Berlin", StartDate = new DateTime(2024, 3, 29), Catchup = true, MaxActiveRuns = 100,
            Tasks = [Task("only", _ => null)],
        };
        var clock = new FakeTimeProvider(Utc(2024, 4, 2, 12));
        await using var harness = new EngineHarness([dag], time: clock);
        await harness.PrepareAsync();

        await harness.Engine.SchedulePassAsync(default);

        var runs = await RunsAsync(harness, "berlin");
        Assert.Equal([Utc(2024, 3, 29, 1), Utc(2024, 3, 30, 1), Utc(2024, 3, 31, 1), Utc(2024, 4, 1, 0)], runs.Select(r => r.LogicalDate));
        Assert.Equal(Utc(2024, 4, 1, 0), runs[2].DataIntervalEnd); // 23 hours long: the first summer-time interval.
        var next = await harness.Engine.NextExecutions.ListAsync("berlin", 2, default);
        Assert.Equal([Utc(2024, 4, 2, 0), Utc(2024, 4, 3, 0)], next.Select(n => n.LogicalDate));
        Assert.Equal(new DateTimeOffset(2024, 4, 3, 2, 0, 0, TimeSpan.FromHours(2)), next[0].RunAfterLocal);
        Assert.Equal(Utc(2024, 4, 3, 0), next[0].RunAfter);
    }

    [Fact]
    public async Task Tick_ContinuousDag_NextRunAsSoonAsThePreviousEnds()
    {
        var dag = new DagDefinition { DagId = "loop", Schedule = "@continuous", StartDate = new DateTime(2024, 1, 1), MaxActiveRuns = 1, Tasks = [Task("only", _ => null)] };
        var clock = new FakeTimeProvider(Utc(2024, 1, 1, 10));
        await using var harness = new EngineHarness([dag], time: clock);
        await harness.PrepareAsync();

        await harness.Engine.SchedulePassAsync(default);
        clock.Advance(TimeSpan.FromMinutes(5));
        await harness.Engine.SchedulePassAsync(default);
        var first = Assert.Single(await RunsAsync(harness, "loop"));
        Assert.Equal(DagRunState.Running, first.State);

        await FinishRunAsync(harness, first, DagRunState.Success, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(1));
        await harness.Engine.SchedulePassAsync(default);

        var runs = await RunsAsync(harness, "loop");
        Assert.Equal(2, runs.Count);
        Assert.Equal((first.DataIntervalEnd, clock.GetUtcNow()), (runs[1].DataIntervalStart, runs[1].DataIntervalEnd));
    }

    [Fact]
    public async Task Tick_RunOlderThanDagRunTimeout_FailsRunAndSkipsUnfinishedTasksAndCallsOnFailure()
    {
        var failures = new List<string>();
        var dag = new DagDefinition
        {
            DagId = "slow", DagRunTimeout = TimeSpan.FromMinutes(30),
            OnFailure = (context, _, _) => { lock (failures) failures.Add($"{context.RunId}:{context.State}"); return ValueTask.CompletedTask; },
            Tasks = [Task("first", _ => null), Task("second", _ => null, upstream: ["first"])],
        };
        var clock = new FakeTimeProvider(Utc(2024, 1, 1));
        await using var harness = new EngineHarness([dag], time: clock);
        await harness.PrepareAsync();
        var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("slow"), null, null, "r", default);
        await harness.Engine.SchedulePassAsync(default);

        clock.Advance(TimeSpan.FromMinutes(29));
        await harness.Engine.SchedulePassAsync(default);
        Assert.Equal(DagRunState.Running, (await harness.Store.GetRunAsync("slow", "r", default))!.State);
        lock (failures) Assert.Empty(failures);

        clock.Advance(TimeSpan.FromMinutes(2));
        await harness.Engine.SchedulePassAsync(default);

        Assert.Equal(DagRunState.Failed, (await harness.Store.GetRunAsync("slow", "r", default))!.State);
        Assert.All(await harness.Store.ListTaskInstancesAsync(run.Id, default), ti => Assert.Equal(TaskInstanceState.Skipped, ti.State));
        lock (failures) Assert.Equal(["r:failed"], failures);
    }

    [Fact]
    public async Task TriggerAsync_WithoutLogicalDate_ManyManualRunsAtOnce()
    {
        var clock = new FakeTimeProvider(Utc(2024, 1, 1));
        await using var harness = new EngineHarness([new DagDefinition { DagId = "m", Tasks = [Task("only", _ => null)] }], time: clock);
        await harness.PrepareAsync();
        var dag = harness.Engine.Dags.Get("m");

        await harness.Engine.Runs.TriggerAsync(dag, null, null, null, default);
        await harness.Engine.Runs.TriggerAsync(dag, null, null, "second", default);
        await harness.Engine.Runs.TriggerAsync(dag, null, Utc(2024, 1, 1), "third", default);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await harness.Engine.Runs.TriggerAsync(dag, null, null, null, default);

        Assert.Equal(4, (await RunsAsync(harness, "m")).Count(r => r.RunType == DagRunType.Manual));
    }

    private static readonly DagParams LoadParams = new()
    {
        Type = typeof(LoadParamsRecord),
        Properties =
        [
            new DagParam("BatchSize", DagParamKind.Integer, false, false, null),
            new DagParam("Region", DagParamKind.String, false, true, "\"eu\""),
            new DagParam("Ratio", DagParamKind.Number, true, true, "null"),
        ],
    };

    private sealed record LoadParamsRecord(int BatchSize, string Region = "eu", double? Ratio = null);

    [Theory]
    [InlineData("""{"batch_size":"ten"}""", "conf.batch_size: expected an integer, got \"ten\"")]
    [InlineData("""{}""", "conf.batch_size: required, but missing")]
    [InlineData("""{"batch_size":1.5}""", "conf.batch_size: expected an integer, got 1.5")]
    [InlineData("""{"batch_size":1,"region":null}""", "conf.region: expected a string, got null")]
    [InlineData("""{"batch_size":1,"ratio":"high"}""", "conf.ratio: expected a number, got \"high\"")]
    public async Task TriggerAsync_ConfBreakingParams_IsRejectedNamingTheField(string conf, string message)
    {
        await using var harness = new EngineHarness([new DagDefinition { DagId = "p", Params = LoadParams, Tasks = [Task("only", _ => null)] }]);
        await harness.PrepareAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("p"), conf, null, null, default));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(await RunsAsync(harness, "p"));
    }

    [Fact]
    public async Task RunAsync_ValidConf_TaskSeesDefaultsMergedAndTypedParams()
    {
        LoadParamsRecord? seen = null;
        string? conf = null;
        var dag = new DagDefinition
        {
            DagId = "p", Params = LoadParams,
            Tasks = [Task("only", i => { seen = i.Context.GetParams<LoadParamsRecord>(); conf = i.Context.Conf.GetRawText(); return null; })],
        };
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("p", """{"batch_size":500,"extra":true}""");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal(new LoadParamsRecord(500, "eu", null), seen);
        Assert.Equal("""{"batch_size":500,"extra":true,"region":"eu","ratio":null}""", conf);
    }

    private static DagDefinition Consumer(string schedule, List<IReadOnlyList<AssetEvent>>? seen = null) => new()
    {
        DagId = "consumer", Schedule = schedule,
        Tasks = [Task("consume", i => { seen?.Add(i.Context.TriggeringAssetEvents); return null; })],
    };

    [Theory]
    [InlineData("asset:a", new[] { "a" }, true)]
    [InlineData("asset:a", new[] { "b" }, false)]
    [InlineData("asset:a & asset:b", new[] { "a" }, false)]
    [InlineData("asset:a & asset:b", new[] { "a", "b" }, true)]
    [InlineData("asset:a | asset:b", new[] { "b" }, true)]
    [InlineData("asset:a & (asset:b | asset:c)", new[] { "a", "c" }, true)]
    [InlineData("asset:a & (asset:b | asset:c)", new[] { "b", "c" }, false)]
    [InlineData("asset:a | asset:b & asset:c", new[] { "b" }, false)]
    [InlineData("asset:a | asset:b & asset:c", new[] { "a" }, true)]
    public async Task Tick_AssetCondition_RunsOnlyWhenItHolds(string schedule, string[] updated, bool runs)
    {
        var clock = new FakeTimeProvider(Utc(2024, 1, 1));
        await using var harness = new EngineHarness([Consumer(schedule)], time: clock);
        await harness.PrepareAsync();
        await harness.Engine.SchedulePassAsync(default);

        foreach (var uri in updated) await harness.Engine.Assets!.EmitAsync(uri, null, default);
        await harness.Engine.SchedulePassAsync(default);

        Assert.Equal(runs ? 1 : 0, (await RunsAsync(harness, "consumer")).Count);
    }

    [Fact]
    public async Task Tick_AndCondition_RepeatedUpdatesCollapseIntoOneRunThatSeesEveryEvent()
    {
        var seen = new List<IReadOnlyList<AssetEvent>>();
        var clock = new FakeTimeProvider(Utc(2024, 1, 1));
        await using var harness = new EngineHarness([Consumer("asset:s3://a & asset:s3://b", seen)], time: clock);
        await harness.StartWorkerAsync();
        await harness.Engine.SchedulePassAsync(default);

        await harness.Engine.Assets!.EmitAsync("s3://a", """{"n":1}""", default);
        clock.Advance(TimeSpan.FromMinutes(1));
        await harness.Engine.Assets.EmitAsync("s3://a", """{"n":2}""", default);
        await harness.Engine.SchedulePassAsync(default);
        Assert.Empty(await RunsAsync(harness, "consumer"));

        clock.Advance(TimeSpan.FromMinutes(1));
        await harness.Engine.Assets.EmitAsync("s3://b", null, default);
        var finished = new TaskCompletionSource();
        harness.Engine.Events.DagRunChanged += c => { if (c.State == DagRunState.Success) finished.TrySetResult(); };
        await harness.Engine.SchedulePassAsync(default);
        await harness.Engine.SchedulePassAsync(default);
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var run = Assert.Single(await RunsAsync(harness, "consumer"));
        Assert.Equal(DagRunType.AssetTriggered, run.RunType);
        Assert.Equal("asset_triggered__2024-01-01T00:02:00+00:00", run.RunId);
        Assert.Equal((Utc(2024, 1, 1), Utc(2024, 1, 1, 0, 2)), (run.DataIntervalStart, run.DataIntervalEnd));
        var events = Assert.Single(seen);
        Assert.Equal(["s3://a", "s3://a", "s3://b"], events.Select(e => e.Uri));
        Assert.Equal("""{"n":2}""", events[1].PayloadJson);

        await harness.Engine.SchedulePassAsync(default);
        Assert.Single(await RunsAsync(harness, "consumer"));
    }

    [Fact]
    public async Task Outlet_TaskSucceeds_TriggersTheConsumerWithItsSource()
    {
        var seen = new List<IReadOnlyList<AssetEvent>>();
        var producer = new DagDefinition
        {
            DagId = "producer",
            Tasks = [new TaskDefinition { TaskId = "write", MethodName = "Write", Outlets = ["s3://lake/orders"], Invoke = _ => new ValueTask<string?>((string?)null) }],
        };
        await using var harness = new EngineHarness([producer, Consumer("asset:s3://lake/orders", seen)]);
        await harness.StartWorkerAsync();
        await harness.Engine.SchedulePassAsync(default);
        await harness.RunAsync("producer");

        var finished = new TaskCompletionSource();
        harness.Engine.Events.DagRunChanged += c => { if (c.DagId == "consumer" && c.State == DagRunState.Success) finished.TrySetResult(); };
        await harness.Engine.SchedulePassAsync(default);
        await harness.Engine.SchedulePassAsync(default);
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var assetEvent = Assert.Single(Assert.Single(seen));
        Assert.Equal(("s3://lake/orders", "producer", "write"), (assetEvent.Uri, assetEvent.SourceDagId, assetEvent.SourceTaskId));
        Assert.StartsWith("manual__", assetEvent.SourceRunId, StringComparison.Ordinal);
    }

    private static DagDefinition DailyForBackfill(int maxActiveRuns = 16) => new()
    {
        DagId = "daily", Schedule = "@daily", StartDate = new DateTime(2024, 1, 1), MaxActiveRuns = maxActiveRuns, Tasks = [Task("only", _ => null)],
    };

    // Existing runs: Jan 1 success, Jan 2 failed; Jan 3 has none.
    [Theory]
    [InlineData(ReprocessBehavior.None, new[] { BackfillAction.Skip, BackfillAction.Skip, BackfillAction.Create })]
    [InlineData(ReprocessBehavior.Failed, new[] { BackfillAction.Skip, BackfillAction.Clear, BackfillAction.Create })]
    [InlineData(ReprocessBehavior.Completed, new[] { BackfillAction.Clear, BackfillAction.Clear, BackfillAction.Create })]
    public async Task Backfill_ReprocessBehaviour_DecidesPerExistingRun(ReprocessBehavior reprocess, BackfillAction[] expected)
    {
        var clock = new FakeTimeProvider(Utc(2024, 2, 1));
        await using var harness = new EngineHarness([DailyForBackfill()], time: clock);
        await harness.PrepareAsync();
        var dag = harness.Engine.Dags.Get("daily");
        foreach (var (day, final) in new[] { (1, DagRunState.Success), (2, DagRunState.Failed) })
        {
            var run = (await harness.Engine.Runs.CreateScheduledAsync(dag, new(new(Utc(2024, 1, day), Utc(2024, 1, day + 1)), Utc(2024, 1, day + 1)), default))!;
            await harness.Engine.StartRunAsync(run, default);
            await FinishRunAsync(harness, run, final, clock.GetUtcNow());
        }

        var plan = await harness.Engine.Backfills!.CreateAsync("daily", Utc(2024, 1, 1), Utc(2024, 1, 3), reprocess, 10, false, null, dryRun: true, default);
        Assert.Equal(expected, plan.Dates.Select(d => d.Action));
        Assert.Null(plan.Backfill);
        Assert.Empty(await harness.Engine.Backfills.ListAsync("daily", false, default));

        var created = await harness.Engine.Backfills.CreateAsync("daily", Utc(2024, 1, 1), Utc(2024, 1, 3), reprocess, 10, false, null, dryRun: false, default);
        await harness.Engine.SchedulePassAsync(default);

        // (The pass also creates the latest scheduled interval, Jan 31, as catchup is off.)
        var runs = (await RunsAsync(harness, "daily")).Where(r => r.LogicalDate <= Utc(2024, 1, 3)).ToList();
        Assert.Equal(3, runs.Count);
        Assert.Equal("backfill__2024-01-03T00:00:00+00:00", runs[2].RunId);
        for (var i = 0; i < 2; i++)
            Assert.Equal(expected[i] == BackfillAction.Clear, runs[i].State is DagRunState.Queued or DagRunState.Running);
        Assert.Equal(expected.Count(a => a != BackfillAction.Skip), (await harness.Engine.Backfills.ListDatesAsync(created.Backfill!.Id, default)).Count);
    }

    [Fact]
    public async Task Backfill_MaxActiveRunsBackwards_CreatesNewestFirstInBatchesAndSurvivesRestart()
    {
        var clock = new FakeTimeProvider(Utc(2024, 2, 1));
        var dir = Directory.CreateTempSubdirectory("codefirst-backfill-").FullName;
        var path = Path.Combine(dir, "db.sqlite");
        long backfillId;
        try
        {
            await using (var store = new SqliteStore(path))
            {
                var engine = new CodeFirstEngine(store, [DailyForBackfill(maxActiveRuns: 1)], new ServiceCollection().BuildServiceProvider(), time: clock);
                await store.MigrateAsync(default);
                await store.SyncDagsAsync([("daily", false)], default);
                var plan = await engine.Backfills!.CreateAsync("daily", Utc(2024, 1, 1), Utc(2024, 1, 5), ReprocessBehavior.None, 2, runBackwards: true, """{"k":1}""", false, default);
                backfillId = plan.Backfill!.Id;
                Assert.Equal([Utc(2024, 1, 5), Utc(2024, 1, 4), Utc(2024, 1, 3), Utc(2024, 1, 2), Utc(2024, 1, 1)], plan.Dates.Select(d => d.LogicalDate));
                await engine.SchedulePassAsync(default);
                var runs = await store.ListRunsAsync("daily", null, 100, default);
                Assert.Equal([Utc(2024, 1, 5), Utc(2024, 1, 4)], runs.Where(r => r.RunType == DagRunType.Backfill).Select(r => r.LogicalDate));
                Assert.All(runs.Where(r => r.RunType == DagRunType.Backfill), r => Assert.Equal((DagRunState.Running, """{"k":1}"""), (r.State, r.Conf)));
            }

            // A new process on the same database picks the backfill up where it stopped.
            await using (var store = new SqliteStore(path))
            {
                var engine = new CodeFirstEngine(store, [DailyForBackfill(maxActiveRuns: 1)], new ServiceCollection().BuildServiceProvider(), time: clock);
                await engine.SchedulePassAsync(default);
                Assert.Equal(2, (await store.ListRunsAsync("daily", null, 100, default)).Count(r => r.RunType == DagRunType.Backfill));
                foreach (var run in (await store.ListRunsAsync("daily", DagRunState.Running, 100, default)).Where(r => r.RunType == DagRunType.Backfill))
                {
                    await using var tx = await store.BeginRunTransactionAsync(run.Id, default);
                    await tx.SetRunStateAsync(DagRunState.Running, DagRunState.Success, clock.GetUtcNow(), default);
                    await tx.CommitAsync(default);
                }
                await engine.SchedulePassAsync(default);
                var backfillRuns = (await store.ListRunsAsync("daily", null, 100, default)).Where(r => r.RunType == DagRunType.Backfill).ToList();
                Assert.Equal([Utc(2024, 1, 5), Utc(2024, 1, 4), Utc(2024, 1, 3), Utc(2024, 1, 2)], backfillRuns.Select(r => r.LogicalDate));

                Assert.True(await engine.Backfills!.CancelAsync(backfillId, default));
                Assert.False(await engine.Backfills.CancelAsync(backfillId, default));
                await engine.SchedulePassAsync(default);
                Assert.Equal(4, (await store.ListRunsAsync("daily", null, 100, default)).Count(r => r.RunType == DagRunType.Backfill));
                Assert.Equal(BackfillState.Canceled, (await engine.Backfills.GetAsync(backfillId, default))!.State);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Backfill_AllRunsFinish_CompletesTheBackfill()
    {
        var clock = new FakeTimeProvider(Utc(2024, 2, 1));
        await using var harness = new EngineHarness([DailyForBackfill()], time: clock);
        await harness.PrepareAsync();
        var plan = await harness.Engine.Backfills!.CreateAsync("daily", Utc(2024, 1, 1), Utc(2024, 1, 2), ReprocessBehavior.None, 5, false, null, false, default);
        await harness.Engine.SchedulePassAsync(default);
        foreach (var run in await RunsAsync(harness, "daily")) await FinishRunAsync(harness, run, DagRunState.Success, clock.GetUtcNow());

        await harness.Engine.SchedulePassAsync(default);

        Assert.Equal(BackfillState.Completed, (await harness.Engine.Backfills.GetAsync(plan.Backfill!.Id, default))!.State);
    }

    [Fact]
    public async Task Backfill_ManualOnlyDagOrReversedRange_IsRejected()
    {
        await using var harness = new EngineHarness([new DagDefinition { DagId = "m", Tasks = [Task("only", _ => null)] }, DailyForBackfill()]);
        await harness.PrepareAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Engine.Backfills!.CreateAsync("m", Utc(2024, 1, 1), Utc(2024, 1, 2), ReprocessBehavior.None, 1, false, null, true, default));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Engine.Backfills!.CreateAsync("daily", Utc(2024, 1, 2), Utc(2024, 1, 1), ReprocessBehavior.None, 1, false, null, true, default));
    }

    [Theory]
    [InlineData("@daily", false, 3, "2024-01-09T00:00:00Z", "2024-01-10T00:00:00Z")]
    [InlineData("@hourly", false, 2, "2024-01-09T23:00:00Z", "2024-01-10T00:00:00Z")]
    [InlineData("06:00:00", false, 2, "2024-01-09T18:00:00Z", "2024-01-10T00:00:00Z")]
    [InlineData("@once", false, 1, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")]
    [InlineData(null, false, 0, null, null)]
    public async Task NextExecutions_PerScheduleForm_ListsWhatTheSchedulerWouldCreate(string? schedule, bool catchup, int count, string? firstLogical, string? firstRunAfter)
    {
        var clock = new FakeTimeProvider(Utc(2024, 1, 10, 0, 30));
        var dag = new DagDefinition { DagId = "n", Schedule = schedule, StartDate = new DateTime(2024, 1, 1), Catchup = catchup, Tasks = [Task("only", _ => null)] };
        await using var harness = new EngineHarness([dag], time: clock);
        await harness.PrepareAsync();

        var next = await harness.Engine.NextExecutions.ListAsync("n", count == 0 ? 3 : count, default);

        Assert.Equal(count, next.Count);
        if (count == 0) return;
        Assert.Equal((DateTimeOffset.Parse(firstLogical!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(firstRunAfter!, System.Globalization.CultureInfo.InvariantCulture)), (next[0].LogicalDate, next[0].RunAfter));

        // Once the scheduler created the first, the list moves on.
        clock.SetUtcNow(next[0].RunAfter > clock.GetUtcNow() ? next[0].RunAfter : clock.GetUtcNow());
        await harness.Engine.SchedulePassAsync(default);
        var after = await harness.Engine.NextExecutions.ListAsync("n", 1, default);
        Assert.True(after.Count == 0 || after[0].LogicalDate > next[0].LogicalDate);
    }
}
