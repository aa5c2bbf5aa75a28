using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Scheduling;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.MultiProcessDags;

namespace CodeFirst.Server.Tests.MultiProcess;

/// <summary>
/// Real scheduler and worker processes of a DAG application, coordinated only through one
/// PostgreSQL: no duplicated run, no try executed twice, crashes and a database restart survived.
/// </summary>
public sealed class MultiProcessTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly string[] FastLeases = ["--lease-seconds", "3", "--heartbeat-seconds", "1"];
    private readonly DagBag _dags = new([MpFan.Definition, MpYearly.Definition, MpHold.Definition, MpSlowChain.Definition, MpQueues.Definition, MpShutdown.Definition]);
    private readonly JournalFolder _journal = new();
    private readonly List<RoleProcess> _processes = [];
    private string _db = "";
    private PostgresStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await postgres.CreateDatabaseAsync("multiprocess");
        _store = new PostgresStore(_db);
        await _store.MigrateAsync(default);
        await _store.SyncDagsAsync(_dags.Dags.Select(d => (d.DagId, false)).ToArray(), default);
    }

    [Fact]
    public async Task TwoSchedulersTwoWorkers_FiftyRunsAndACatchup_NoDuplicateRunOrTry()
    {
        await StartAsync("scheduler");
        await StartAsync("scheduler");
        await StartAsync("worker", "--concurrency", "2");
        await StartAsync("worker", "--concurrency", "2");
        var runs = new List<DagRunRecord>();
        for (var i = 0; i < 50; i++) runs.Add(await TriggerAsync("mp_fan", $"fan-{i:00}"));
        var expectedYearly = ExpectedYearlyRuns();

        await WaitUntilAsync(async () =>
            await CountAsync("mp_fan", DagRunState.Success) == 50 && await CountAsync("mp_yearly", DagRunState.Success) == expectedYearly);

        var yearly = await _store.ListRunsAsync("mp_yearly", null, 1000, default);
        Assert.Equal(expectedYearly, yearly.Count);
        Assert.Equal(expectedYearly, yearly.Select(r => r.LogicalDate).Distinct().Count());
        var entries = _journal.Entries();
        Assert.Equal(50 * 4 + expectedYearly, entries.Count);
        Assert.All(entries, e => Assert.Equal(1, e.Try));
        Assert.Equal(entries.Count, entries.Select(e => (e.Run, e.Task)).Distinct().Count());
        // Both workers took part.
        Assert.Equal(2, entries.Select(e => e.Pid).Distinct().Count());
        Assert.Equal("5", await _store.GetXComAsync(runs[^1].Id, "join", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task KillNineWorkerInTheMiddleOfATask_TaskRetriesOnTheOtherWorkerAndRunFinishes()
    {
        await PauseAsync("mp_yearly");
        await StartAsync("scheduler");
        var workerA = await StartAsync("worker", ["--concurrency", "1", .. FastLeases]);
        var workerB = await StartAsync("worker", ["--concurrency", "1", .. FastLeases]);
        var run = await TriggerAsync("mp_hold", "hold-1");

        var first = await WaitForAsync(() => _journal.Entries().FirstOrDefault(e => e.Task == "hold" && e.Try == 1) is { Run: not null } e ? e : ((string, string, int, int)?)null);
        var victim = first.Item4 == workerA.Pid ? workerA : workerB;
        var survivor = victim == workerA ? workerB : workerA;
        await victim.KillAsync();

        await WaitUntilAsync(async () => (await _store.GetRunAsync("mp_hold", run.RunId, default))!.State == DagRunState.Success);

        var hold = (await _store.ListTaskInstancesAsync(run.Id, default)).Single(t => t.TaskId == "hold");
        Assert.Equal((TaskInstanceState.Success, 2), (hold.State, hold.TryNumber));
        Assert.Contains(_journal.Entries(), e => e.Task == "hold" && e.Try == 2 && e.Pid == survivor.Pid);
        Assert.Contains(await _store.GetLogAsync(run.Id, "hold", 1, default), l => l.Message.Contains("stopped heartbeating", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KillNineOneScheduler_TheOtherKeepsScheduling()
    {
        await PauseAsync("mp_yearly");
        var doomed = await StartAsync("scheduler");
        await StartAsync("scheduler");
        await StartAsync("worker");
        await doomed.KillAsync();

        for (var i = 0; i < 5; i++) await TriggerAsync("mp_fan", $"after-kill-{i}");

        await WaitUntilAsync(async () => await CountAsync("mp_fan", DagRunState.Success) == 5);
    }

    [Fact]
    public async Task PostgresRestartDuringARun_ProcessesReconnectAndTheRunFinishes()
    {
        await PauseAsync("mp_yearly");
        await StartAsync("scheduler");
        await StartAsync("worker", FastLeases);
        var run = await TriggerAsync("mp_slow_chain", "through-restart");
        await WaitUntilAsync(async () =>
            (await _store.ListTaskInstancesAsync(run.Id, default)).Count(t => t.State == TaskInstanceState.Success) >= 2);

        await postgres.RestartAsync();

        await WaitUntilAsync(async () => (await _store.GetRunAsync("mp_slow_chain", run.RunId, default))!.State == DagRunState.Success);
        Assert.All(await _store.ListTaskInstancesAsync(run.Id, default), t => Assert.Equal(TaskInstanceState.Success, t.State));
        Assert.Equal("10", await _store.GetXComAsync(run.Id, "t10", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task WorkersWithQueues_EachTakesOnlyItsQueuesTasks()
    {
        await PauseAsync("mp_yearly");
        await StartAsync("scheduler");
        var general = await StartAsync("worker", "--queues", "default");
        var gpu = await StartAsync("worker", "--queues", "gpu");
        for (var i = 0; i < 5; i++) await TriggerAsync("mp_queues", $"queues-{i}");

        await WaitUntilAsync(async () => await CountAsync("mp_queues", DagRunState.Success) == 5);

        var entries = _journal.Entries();
        Assert.All(entries.Where(e => e.Task == "on_gpu"), e => Assert.Equal(gpu.Pid, e.Pid));
        Assert.All(entries.Where(e => e.Task == "on_default"), e => Assert.Equal(general.Pid, e.Pid));
        Assert.Equal(10, entries.Count);
    }

    [Fact]
    public async Task SigtermWorkerWithRunningTasks_QuickOneFinishesEndlessOneIsHandedBackAndRunsElsewhere()
    {
        await PauseAsync("mp_yearly");
        await StartAsync("scheduler");
        var doomed = await RoleProcess.StartAsync("worker", _db, _journal.Path,
            new Dictionary<string, string> { ["CODEFIRST_TEST_ENDLESS"] = "1" }, "--shutdown-grace-seconds", "3");
        _processes.Add(doomed);
        var run = await TriggerAsync("mp_shutdown", "sigterm");
        await WaitUntilAsync(() => Task.FromResult(_journal.Entries().Count(e => e.Pid == doomed.Pid) == 2));

        var exitCode = await doomed.TerminateAsync(TimeSpan.FromSeconds(40));

        Assert.Contains(exitCode, new[] { 0, 143 }); // see StandaloneProcessTests: both mean a graceful stop
        var tis = (await _store.ListTaskInstancesAsync(run.Id, default)).ToDictionary(t => t.TaskId);
        Assert.Equal((TaskInstanceState.Success, 1), (tis["quick"].State, tis["quick"].TryNumber));
        Assert.Equal((TaskInstanceState.Queued, 0), (tis["endless"].State, tis["endless"].TryNumber));
        Assert.Contains(await _store.GetLogAsync(run.Id, "endless", 1, default), l => l.Message.Contains("handed back", StringComparison.Ordinal));

        var successor = await StartAsync("worker");
        await WaitUntilAsync(async () => (await _store.GetRunAsync("mp_shutdown", run.RunId, default))!.State == DagRunState.Success);
        var endless = (await _store.ListTaskInstancesAsync(run.Id, default)).Single(t => t.TaskId == "endless");
        Assert.Equal(1, endless.TryNumber);
        Assert.Contains(_journal.Entries(), e => e.Task == "endless" && e.Pid == successor.Pid);
    }

    private async Task<RoleProcess> StartAsync(string role, params string[] extra)
    {
        var process = await RoleProcess.StartAsync(role, _db, _journal.Path, null, extra);
        _processes.Add(process);
        return process;
    }

    private Task<DagRunRecord> TriggerAsync(string dagId, string runId) =>
        new RunFactory(_store, TimeProvider.System).TriggerAsync(_dags.Get(dagId), null, null, runId, default);

    private Task PauseAsync(string dagId) => _store.SetPausedAsync(dagId, true, default);

    private async Task<int> CountAsync(string dagId, DagRunState state) =>
        (await _store.ListRunsAsync(dagId, state, 1000, default)).Count;

    private int ExpectedYearlyRuns()
    {
        var dag = _dags.Get("mp_yearly");
        var now = DateTimeOffset.UtcNow;
        return dag.Timetable.Upcoming(null, dag.Restriction, now, 1000).TakeWhile(r => r.RunAfter <= now).Count();
    }

    // Cross-process state has no in-process event: re-check on every PostgreSQL notification
    // (runs finishing notify the scheduler channel) and at least every half second.
    private async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var stop = new CancellationTokenSource();
        var wake = new SemaphoreSlim(0);
        await using var listenerStore = new PostgresStore(_db);
        var listening = listenerStore.ListenAsync(_ => wake.Release(), stop.Token);
        var deadline = DateTime.UtcNow + Patience;
        try
        {
            while (!await SafeAsync(condition))
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Condition not met within {Patience}. Processes:\n{string.Join("\n----\n", _processes.Select(p => p.Output))}");
                await wake.WaitAsync(TimeSpan.FromMilliseconds(500));
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await listening; } catch (OperationCanceledException) { }
        }
    }

    private async Task<T> WaitForAsync<T>(Func<T?> probe) where T : struct
    {
        T? found = null;
        await WaitUntilAsync(() => Task.FromResult((found = probe()) is not null));
        return found!.Value;
    }

    // While PostgreSQL restarts, the probe itself fails: that is "not yet".
    private static async Task<bool> SafeAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await _store.DisposeAsync();
        _journal.Dispose();
    }
}
