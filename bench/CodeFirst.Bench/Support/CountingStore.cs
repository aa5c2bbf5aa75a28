using System.Collections.Concurrent;
using System.Diagnostics;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Bench.Support;

/// <summary>
/// A pass-through store that counts every call the engine makes and the time it spends in each
/// (<c>--profile</c>): round trips and transactions per task instance, read off the real code path.
/// </summary>
internal sealed class CountingStore(IStore inner) : IStore
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public void Reset() => _counters.Clear();

    public IReadOnlyDictionary<string, (long Calls, double TotalMs)> Snapshot() =>
        _counters.OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => (Interlocked.Read(ref c.Value.Calls), Interlocked.Read(ref c.Value.Ticks) * 1000.0 / Stopwatch.Frequency));

    internal void Record(string name, long startTimestamp)
    {
        var counter = _counters.GetOrAdd(name, _ => new Counter());
        Interlocked.Increment(ref counter.Calls);
        Interlocked.Add(ref counter.Ticks, Stopwatch.GetTimestamp() - startTimestamp);
    }

    // Microsoft.Data.Sqlite's async methods complete synchronously: the call must start inside the timed span.
    internal async Task<T> Time<T>(string name, Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        try { return await call(); }
        finally { Record(name, start); }
    }

    internal async Task Time(string name, Func<Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        try { await call(); }
        finally { Record(name, start); }
    }

    public Task SyncDagsAsync(IReadOnlyList<(string DagId, bool PausedOnCreation)> dags, CancellationToken ct) => Time(nameof(SyncDagsAsync), () => inner.SyncDagsAsync(dags, ct));
    public Task<IReadOnlyList<DagRecord>> ListDagsAsync(CancellationToken ct) => Time(nameof(ListDagsAsync), () => inner.ListDagsAsync(ct));
    public Task<DagRecord?> GetDagAsync(string dagId, CancellationToken ct) => Time(nameof(GetDagAsync), () => inner.GetDagAsync(dagId, ct));
    public Task<bool> SetPausedAsync(string dagId, bool paused, CancellationToken ct) => Time(nameof(SetPausedAsync), () => inner.SetPausedAsync(dagId, paused, ct));
    public Task<DagRunRecord?> CreateRunAsync(NewDagRun run, DateTimeOffset now, CancellationToken ct) => Time(nameof(CreateRunAsync), () => inner.CreateRunAsync(run, now, ct));
    public Task<DagRunRecord?> GetRunAsync(string dagId, string runId, CancellationToken ct) => Time(nameof(GetRunAsync), () => inner.GetRunAsync(dagId, runId, ct));
    public Task<IReadOnlyList<DagRunRecord>> ListRunsAsync(string? dagId, DagRunState? state, int limit, CancellationToken ct) => Time(nameof(ListRunsAsync), () => inner.ListRunsAsync(dagId, state, limit, ct));
    public Task<int> CountActiveRunsAsync(string dagId, CancellationToken ct) => Time(nameof(CountActiveRunsAsync), () => inner.CountActiveRunsAsync(dagId, ct));
    public Task<int> CountRunningRunsAsync(string dagId, CancellationToken ct) => Time(nameof(CountRunningRunsAsync), () => inner.CountRunningRunsAsync(dagId, ct));
    public Task<IReadOnlyList<DagRunRecord>> ListQueuedRunsAsync(CancellationToken ct) => Time(nameof(ListQueuedRunsAsync), () => inner.ListQueuedRunsAsync(ct));
    public Task<IReadOnlyList<ClaimedTask>> ClaimAsync(string worker, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct) => Time(nameof(ClaimAsync), () => inner.ClaimAsync(worker, max, now, leaseUntil, ct));
    public Task<ClaimBatch> ClaimAsync(ClaimRequest request, CancellationToken ct) => Time(nameof(ClaimAsync), () => inner.ClaimAsync(request, ct));
    public Task<int> RequeueStaleAsync(DateTimeOffset queuedBefore, DateTimeOffset now, CancellationToken ct) => Time(nameof(RequeueStaleAsync), () => inner.RequeueStaleAsync(queuedBefore, now, ct));
    public Task SetPoolAsync(string name, int slots, string? description, CancellationToken ct) => Time(nameof(SetPoolAsync), () => inner.SetPoolAsync(name, slots, description, ct));
    public Task SetPoolAsync(string name, int slots, string? description, bool? includeDeferred, CancellationToken ct) => Time(nameof(SetPoolAsync), () => inner.SetPoolAsync(name, slots, description, includeDeferred, ct));
    public Task<IReadOnlyList<PoolRecord>> ListPoolsAsync(CancellationToken ct) => Time(nameof(ListPoolsAsync), () => inner.ListPoolsAsync(ct));
    public Task<PoolRecord?> GetPoolAsync(string name, CancellationToken ct) => Time(nameof(GetPoolAsync), () => inner.GetPoolAsync(name, ct));
    public Task<bool> DeletePoolAsync(string name, CancellationToken ct) => Time(nameof(DeletePoolAsync), () => inner.DeletePoolAsync(name, ct));
    public Task<DateTimeOffset?> NextRetryDueAsync(CancellationToken ct) => Time(nameof(NextRetryDueAsync), () => inner.NextRetryDueAsync(ct));
    public Task HeartbeatAsync(string worker, IReadOnlyCollection<long> ids, DateTimeOffset leaseUntil, CancellationToken ct) => Time(nameof(HeartbeatAsync), () => inner.HeartbeatAsync(worker, ids, leaseUntil, ct));
    public Task<IReadOnlyList<(long RunPk, string TaskId, int MapIndex, string Worker)>> ListExpiredLeasesAsync(DateTimeOffset now, CancellationToken ct) => Time(nameof(ListExpiredLeasesAsync), () => inner.ListExpiredLeasesAsync(now, ct));
    public Task<IReadOnlyList<TaskInstanceRecord>> ListTaskInstancesAsync(long runPk, CancellationToken ct) => Time(nameof(ListTaskInstancesAsync), () => inner.ListTaskInstancesAsync(runPk, ct));
    public Task<IReadOnlyDictionary<string, string>> GetReturnValuesAsync(long runPk, IReadOnlyList<string> taskIds, CancellationToken ct) => Time(nameof(GetReturnValuesAsync), () => inner.GetReturnValuesAsync(runPk, taskIds, ct));
    public Task<string?> GetXComAsync(long runPk, string taskId, string key, CancellationToken ct) => Time(nameof(GetXComAsync), () => inner.GetXComAsync(runPk, taskId, key, ct));
    public Task<string?> GetXComAsync(long runPk, string taskId, int mapIndex, string key, CancellationToken ct) => Time(nameof(GetXComAsync), () => inner.GetXComAsync(runPk, taskId, mapIndex, key, ct));
    public Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, int mapIndex, CancellationToken ct) => Time(nameof(ListXComAsync), () => inner.ListXComAsync(runPk, taskId, mapIndex, ct));
    public Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int mapIndex, int tryNumber, CancellationToken ct) => Time(nameof(GetLogAsync), () => inner.GetLogAsync(runPk, taskId, mapIndex, tryNumber, ct));
    public Task<IReadOnlyList<TaskTryRecord>> ListTriesAsync(long runPk, string taskId, int mapIndex, CancellationToken ct) => Time(nameof(ListTriesAsync), () => inner.ListTriesAsync(runPk, taskId, mapIndex, ct));
    public Task AppendLogsAsync(IReadOnlyList<TaskLogChunk> chunks, CancellationToken ct) => Time(nameof(AppendLogsAsync), () => inner.AppendLogsAsync(chunks, ct));
    public Task MigrateAsync(CancellationToken ct) => Time(nameof(MigrateAsync), () => inner.MigrateAsync(ct));

    public async Task<IRunTransaction> BeginRunTransactionAsync(long runPk, CancellationToken ct)
    {
        var opened = Stopwatch.GetTimestamp();
        var tx = await Time(nameof(BeginRunTransactionAsync), () => inner.BeginRunTransactionAsync(runPk, ct));
        return new CountingTransaction(this, tx, opened);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class Counter
    {
        public long Calls;
        public long Ticks;
    }

    private sealed class CountingTransaction(CountingStore owner, IRunTransaction inner, long opened) : IRunTransaction
    {
        public DagRunRecord Run => inner.Run;

        public Task<IReadOnlyList<InstanceState>> GetInstanceStatesAsync(CancellationToken ct) => owner.Time("tx." + nameof(GetInstanceStatesAsync), () => inner.GetInstanceStatesAsync(ct));
        public Task<bool> ExpandAsync(string taskId, int count, DateTimeOffset now, CancellationToken ct) => owner.Time("tx." + nameof(ExpandAsync), () => inner.ExpandAsync(taskId, count, now, ct));
        public Task<string?> GetReturnValueAsync(string taskId, CancellationToken ct) => owner.Time("tx." + nameof(GetReturnValueAsync), () => inner.GetReturnValueAsync(taskId, ct));
        public Task<IReadOnlyDictionary<string, TaskInstanceState>> GetTaskStatesAsync(CancellationToken ct) => owner.Time("tx." + nameof(GetTaskStatesAsync), () => inner.GetTaskStatesAsync(ct));
        public Task<int> CountUnfinishedAsync(CancellationToken ct) => owner.Time("tx." + nameof(CountUnfinishedAsync), () => inner.CountUnfinishedAsync(ct));
        public Task<IReadOnlyCollection<string>> TransitionManyAsync(IReadOnlyCollection<string> taskIds, TaskInstanceState expected, TaskInstanceState to, TaskTransition details, CancellationToken ct) => owner.Time("tx." + nameof(TransitionManyAsync), () => inner.TransitionManyAsync(taskIds, expected, to, details, ct));
        public Task<bool> TransitionAsync(string taskId, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to, TaskTransition details, CancellationToken ct) => owner.Time("tx." + nameof(TransitionAsync), () => inner.TransitionAsync(taskId, expected, to, details, ct));
        public Task SetXComAsync(string taskId, int mapIndex, string key, string value, CancellationToken ct) => owner.Time("tx." + nameof(SetXComAsync), () => inner.SetXComAsync(taskId, mapIndex, key, value, ct));
        public Task AppendLogAsync(string taskId, int mapIndex, int tryNumber, IReadOnlyList<LogLine> lines, CancellationToken ct) => owner.Time("tx." + nameof(AppendLogAsync), () => inner.AppendLogAsync(taskId, mapIndex, tryNumber, lines, ct));
        public Task RecordTryAsync(string taskId, int mapIndex, int tryNumber, string? worker, CancellationToken ct) => owner.Time("tx." + nameof(RecordTryAsync), () => inner.RecordTryAsync(taskId, mapIndex, tryNumber, worker, ct));
        public Task<bool> SetRunStateAsync(DagRunState expected, DagRunState to, DateTimeOffset now, CancellationToken ct) => owner.Time("tx." + nameof(SetRunStateAsync), () => inner.SetRunStateAsync(expected, to, now, ct));
        public Task<IReadOnlyDictionary<string, TaskInstanceState>?> GetPreviousRunStatesAsync(IReadOnlyCollection<string> taskIds, CancellationToken ct) => owner.Time("tx." + nameof(GetPreviousRunStatesAsync), () => inner.GetPreviousRunStatesAsync(taskIds, ct));
        public Task CommitAsync(CancellationToken ct) => owner.Time("tx." + nameof(CommitAsync), () => inner.CommitAsync(ct));
        public void WorkersWokenBy(string workerId) => inner.WorkersWokenBy(workerId);
        public Task<(bool Moved, IReadOnlyList<InstanceState> States)> SetRunStateAndReadInstancesAsync(DagRunState expected, DagRunState to, DateTimeOffset now, CancellationToken ct) =>
            owner.Time("tx." + nameof(SetRunStateAndReadInstancesAsync), () => inner.SetRunStateAndReadInstancesAsync(expected, to, now, ct));
        public Task PrefetchTransitionsAsync(IReadOnlyList<PlannedTransition> transitions, CancellationToken ct) =>
            owner.Time("tx." + nameof(PrefetchTransitionsAsync), () => inner.PrefetchTransitionsAsync(transitions, ct));
        public Task<(bool Moved, int Unfinished)> TransitionAndCountUnfinishedAsync(string taskId, IReadOnlyCollection<TaskInstanceState> expected, TaskInstanceState to, TaskTransition details, CancellationToken ct) =>
            owner.Time("tx." + nameof(TransitionAndCountUnfinishedAsync), () => inner.TransitionAndCountUnfinishedAsync(taskId, expected, to, details, ct));
        public Task<ClaimedTask?> StartQueuedAsync(string taskId, int mapIndex, string worker, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct) =>
            owner.Time("tx." + nameof(StartQueuedAsync), () => inner.StartQueuedAsync(taskId, mapIndex, worker, now, leaseUntil, ct));

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            owner.Record("tx.(held: begin to dispose)", opened);
        }
    }
}
