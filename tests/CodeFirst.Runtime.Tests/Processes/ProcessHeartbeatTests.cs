using System.Collections.Concurrent;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Processes;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CodeFirst.Runtime.Tests.Processes;

/// <summary>The heartbeat loop on a fake clock: a beat per interval with the running counts, stopped at the end, old rows pruned.</summary>
public sealed class ProcessHeartbeatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_EachInterval_RecordsCountsThenMarksStoppedOnCancel()
    {
        var time = new FakeTimeProvider(Start);
        var store = new RecordingMonitorStore();
        var running = (Tasks: 0, Triggers: 0);
        var identity = new ProcessIdentity("w1", "worker", "host-1", 42, ["default"], 4);
        var heartbeat = new ProcessHeartbeat(store, identity, () => running, new EngineOptions { HeartbeatInterval = TimeSpan.FromSeconds(10) }, time, NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        await heartbeat.BeatAsync(CancellationToken.None);
        var loop = heartbeat.RunAsync(stop.Token);
        running = (3, 1);
        var second = store.WaitForRecordAsync(2);
        time.Advance(TimeSpan.FromSeconds(10));
        await second.WaitAsync(Timeout);
        await stop.CancelAsync();
        await loop.WaitAsync(Timeout);

        Assert.Equal([(Start, 0, 0), (Start.AddSeconds(10), 3, 1)], store.Records.Select(r => (r.LastHeartbeat, r.RunningTasks, r.RunningTriggers)));
        Assert.All(store.Records, r => Assert.Equal((identity.Id, "worker", "host-1", 42, 4, Start), (r.Id, r.Role, r.Hostname, r.Pid, r.Concurrency, r.StartedAt)));
        Assert.Equal([Start.AddHours(-1), Start.AddSeconds(10).AddHours(-1)], store.PrunedBefore);
        Assert.Equal(["w1"], store.Stopped);
    }

    [Fact]
    public async Task BeatAsync_StoreFails_IsLoggedAndTheNextBeatTriesAgain()
    {
        var store = new RecordingMonitorStore { FailNext = true };
        var heartbeat = new ProcessHeartbeat(store, new ProcessIdentity("w1", "worker", "h", 1, null, 1), () => (0, 0), new EngineOptions(),
            new FakeTimeProvider(Start), NullLogger.Instance);

        await heartbeat.BeatAsync(CancellationToken.None);
        await heartbeat.BeatAsync(CancellationToken.None);

        Assert.Single(store.Records);
    }

    [Theory]
    [InlineData(true, true, true, "standalone")]
    [InlineData(true, false, false, "scheduler")]
    [InlineData(false, true, false, "worker")]
    [InlineData(false, false, true, "triggerer")]
    [InlineData(true, true, false, "scheduler+worker")]
    public void RoleName_RolesOfTheProcess_NamedAsAnOperatorSaysThem(bool scheduler, bool worker, bool triggerer, string expected) =>
        Assert.Equal(expected, ProcessIdentity.RoleName(scheduler, worker, triggerer));

    [Theory]
    [InlineData(29, ProcessStatus.Running)]
    [InlineData(30, ProcessStatus.Running)]
    [InlineData(31, ProcessStatus.Dead)]
    public void StatusAt_HeartbeatAge_DeadAfterThreeMissedIntervals(int secondsSinceHeartbeat, ProcessStatus expected)
    {
        var process = new ProcessRecord("w1", "worker", "h", 1, null, 1, Start, Start, TimeSpan.FromSeconds(10), 0, 0);

        Assert.Equal(expected, process.StatusAt(Start.AddSeconds(secondsSinceHeartbeat)));
    }

    private sealed class RecordingMonitorStore : IMonitorStore
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _waits = new();

        public List<ProcessRecord> Records { get; } = [];

        public List<DateTimeOffset> PrunedBefore { get; } = [];

        public List<string> Stopped { get; } = [];

        public bool FailNext { get; set; }

        public Task WaitForRecordAsync(int count)
        {
            var wait = _waits.GetOrAdd(count, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            lock (Records) if (Records.Count >= count) wait.TrySetResult();
            return wait.Task;
        }

        public Task RecordProcessAsync(ProcessRecord process, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("database is down");
            }
            int count;
            lock (Records)
            {
                Records.Add(process);
                count = Records.Count;
            }
            if (_waits.TryGetValue(count, out var wait)) wait.TrySetResult();
            return Task.CompletedTask;
        }

        public Task<bool> MarkProcessStoppedAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Stopped.Add(id);
            return Task.FromResult(true);
        }

        public Task<int> PruneProcessesAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken)
        {
            PrunedBefore.Add(heartbeatBefore);
            return Task.FromResult(0);
        }

        public Task<IReadOnlyList<ProcessRecord>> ListProcessesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<QueueDepth>> ListQueueDepthsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
