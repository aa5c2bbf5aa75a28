using System.Collections.Concurrent;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Sensors;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;

namespace CodeFirst.Runtime.Tests.Engine;

public sealed class SensorTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    private static SensorSpec Spec(SensorMode mode = SensorMode.Poke, TimeSpan? timeout = null, bool softFail = false) =>
        new() { PokeInterval = Short, Timeout = timeout ?? TimeSpan.FromSeconds(20), Mode = mode, SoftFail = softFail };

    private static ConcurrentQueue<TaskInstanceState> Record(EngineHarness harness, string taskId)
    {
        var states = new ConcurrentQueue<TaskInstanceState>();
        harness.Engine.Events.TaskInstanceChanged += c => { if (c.TaskId == taskId) states.Enqueue(c.State); };
        return states;
    }

    [Fact]
    public async Task PokeMode_DoneOnThirdPoke_SucceedsInOneTryWithTheValueAsXCom()
    {
        var pokes = 0;
        var dag = TestDag.Of("poke", TestDag.Sensor("wait", _ => ++pokes < 3 ? new SensorResult<int>(false) : new SensorResult<int>(true, 42), Spec()));
        await using var harness = new EngineHarness([dag]);
        var states = Record(harness, "wait");

        var run = await harness.RunAsync("poke");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal(3, pokes);
        Assert.Equal(1, (await harness.TaskInstancesAsync(run))["wait"].TryNumber);
        Assert.Equal("42", await harness.Store.GetXComAsync(run.Id, "wait", XComJson.ReturnValueKey, default));
        Assert.DoesNotContain(TaskInstanceState.UpForReschedule, states);
    }

    [Fact]
    public async Task RescheduleMode_NotDone_GivesTheSlotBackBetweenPokesAndKeepsTheTry()
    {
        var pokes = 0;
        var otherRan = false;
        // One worker slot: the other task can only run while the sensor waits between pokes.
        var dag = TestDag.Of("reschedule",
            TestDag.Sensor("wait", _ => Volatile.Read(ref otherRan) && ++pokes >= 2, Spec(SensorMode.Reschedule) with { PokeInterval = TimeSpan.FromMilliseconds(200) }),
            TestDag.Task("other", _ => { Volatile.Write(ref otherRan, true); return null; }));
        await using var harness = new EngineHarness([dag], options: new EngineOptions { Concurrency = 1 });
        var states = Record(harness, "wait");

        var run = await harness.RunAsync("reschedule");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Contains(TaskInstanceState.UpForReschedule, states);
        var sensor = (await harness.TaskInstancesAsync(run))["wait"];
        Assert.Equal((TaskInstanceState.Success, 1), (sensor.State, sensor.TryNumber));
    }

    [Theory]
    [InlineData(SensorMode.Poke)]
    [InlineData(SensorMode.Reschedule)]
    public async Task Timeout_NeverDone_FailsWithoutRetry(SensorMode mode)
    {
        var dag = TestDag.Of("timeout", TestDag.Sensor("wait", _ => false, Spec(mode, timeout: TimeSpan.FromMilliseconds(300)), retries: 3));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("timeout");

        var sensor = (await harness.TaskInstancesAsync(run))["wait"];
        Assert.Equal((DagRunState.Failed, TaskInstanceState.Failed, 1), (run.State, sensor.State, sensor.TryNumber));
        Assert.Contains(await harness.Store.GetLogAsync(run.Id, "wait", 1, default), l => l.Message.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SoftFail_Timeout_Skipped()
    {
        var dag = TestDag.Of("soft", TestDag.Sensor("wait", _ => false, Spec(timeout: TimeSpan.FromMilliseconds(200), softFail: true)),
            TestDag.Task("after", _ => null, upstream: ["wait"]));
        await using var harness = new EngineHarness([dag]);

        var run = await harness.RunAsync("soft");

        var instances = await harness.TaskInstancesAsync(run);
        Assert.Equal((TaskInstanceState.Skipped, TaskInstanceState.Skipped), (instances["wait"].State, instances["after"].State));
    }

    [Fact]
    public void ExponentialBackoff_GrowsWithPokesAndIsCappedByMaxWaitAndTimeout()
    {
        var spec = new SensorSpec { PokeInterval = TimeSpan.FromSeconds(10), ExponentialBackoff = true, Timeout = TimeSpan.FromHours(1) };
        var first = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        TimeSpan At(int poke, SensorSpec s) => SensorIntervals.Next(s, "dag", "task", first, poke, TimeSpan.Zero);

        // Airflow: min = interval * 2^(n-2); the wait is in [min, 2·min).
        for (var poke = 1; poke <= 6; poke++)
        {
            var min = Math.Max(Math.Floor(10 * Math.Pow(2, poke - 2)), 1);
            Assert.InRange(At(poke, spec).TotalSeconds, min, 2 * min);
        }
        Assert.Equal(At(4, spec), At(4, spec));
        Assert.Equal(TimeSpan.FromSeconds(30), At(8, spec with { MaxWait = TimeSpan.FromSeconds(30) }));
        Assert.Equal(TimeSpan.FromSeconds(5), SensorIntervals.Next(spec, "dag", "task", first, 20, TimeSpan.FromHours(1) - TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(10), At(6, spec with { ExponentialBackoff = false }));
    }
}
