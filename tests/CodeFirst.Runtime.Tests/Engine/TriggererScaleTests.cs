using System.Diagnostics;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CodeFirst.Runtime.Tests.Engine;

public sealed class TriggererScaleTests(ITestOutputHelper output)
{
    private const int Tasks = 100;
    private const int Runs = 100;

    [Fact]
    public async Task Triggerer_TenThousandDeferredTimeDeltas_AllRunInOneTriggererWithNoWorkerSlotHeld()
    {
        var tasks = Enumerable.Range(0, Tasks).Select(i => TestDag.Task($"t{i:000}", _ => throw new TaskDeferredException(new TimeDeltaTrigger(TimeSpan.FromHours(1))))).ToArray();
        await using var harness = new EngineHarness([TestDag.Of("many", tasks)], options: new EngineOptions { Concurrency = 32, Parallelism = 0 });
        await harness.StartWorkerAsync();
        var clock = Stopwatch.StartNew();
        var runs = new List<CodeFirst.Runtime.Storage.DagRunRecord>();
        for (var i = 0; i < Runs; i++)
        {
            var run = await harness.Engine.Runs.TriggerAsync(harness.Engine.Dags.Get("many"), null, null, null, default);
            await harness.Engine.StartRunAsync(run, default);
            runs.Add(run);
        }
        var states = await WaitAsync(harness, runs, s => s[TaskInstanceState.Deferred] == Tasks * Runs, TimeSpan.FromMinutes(5));
        output.WriteLine($"10,000 task instances deferred by one worker in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(0, states[TaskInstanceState.Running]);

        // The triggerer runs in its own engine so its memory is measured apart from the worker's.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var triggerer = new CodeFirstEngine(harness.Store, [TestDag.Of("many", tasks)], new ServiceCollection().BuildServiceProvider(),
            new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(200) });
        using var stop = new CancellationTokenSource();
        clock.Restart();
        var running = triggerer.RunAsync(scheduler: false, worker: false, triggerer: true, stop.Token);
        while (triggerer.RunningTriggers < Tasks * Runs && clock.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(100);
        var claimedIn = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        output.WriteLine($"Triggerer holds {triggerer.RunningTriggers} triggers after {claimedIn.TotalSeconds:F1} s; " +
            $"managed heap +{(after - before) / 1024.0 / 1024.0:F1} MiB ({(after - before) / (double)(Tasks * Runs):F0} bytes per trigger); process working set {process.WorkingSet64 / 1024 / 1024} MiB");

        Assert.Equal(Tasks * Runs, triggerer.RunningTriggers);
        states = await WaitAsync(harness, runs, _ => true, TimeSpan.Zero);
        Assert.Equal((Tasks * Runs, 0), (states[TaskInstanceState.Deferred], states[TaskInstanceState.Running]));
        await stop.CancelAsync();
        await running;
    }

    private static async Task<Dictionary<TaskInstanceState, int>> WaitAsync(
        EngineHarness harness, List<CodeFirst.Runtime.Storage.DagRunRecord> runs, Func<Dictionary<TaskInstanceState, int>, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var counts = Enum.GetValues<TaskInstanceState>().ToDictionary(s => s, _ => 0);
            foreach (var run in runs)
                foreach (var ti in await harness.Store.ListTaskInstancesAsync(run.Id, default)) counts[ti.State]++;
            if (done(counts) || clock.Elapsed >= timeout) return counts;
            await Task.Delay(500);
        }
    }
}
