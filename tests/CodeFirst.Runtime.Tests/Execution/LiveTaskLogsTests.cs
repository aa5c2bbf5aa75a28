using CodeFirst.Runtime.Execution;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeFirst.Runtime.Tests.Execution;

/// <summary>The bookkeeping behind live logs, step by step against an in-memory store: what is stored, read and left for the try's end.</summary>
public sealed class LiveTaskLogsTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly LiveTaskLogs _live = new();
    private readonly MemoryLogStore _store = new();

    private static ClaimedTask Claim(int mapIndex = -1) => new(1, 7, "dag", "run", "task", 1, 1, Now, Now, Now, "{}") { MapIndex = mapIndex };

    private static TaskLogBuffer Buffer() => new(NullLogger.Instance, TimeProvider.System);

    private Task<IReadOnlyList<LogLine>> ReadAsync(int mapIndex = -1) =>
        _live.ReadAsync(7, "task", mapIndex, 1, _ => Task.FromResult(_store.Lines(7, "task", mapIndex, 1)), default);

    private static string[] Messages(IEnumerable<LogLine> lines) => [.. lines.Select(l => l.Message)];

    [Fact]
    public async Task FlushThenMoreLines_ReadGivesStoredThenTheRestOnce_EndGivesOnlyTheRest()
    {
        var log = Buffer();
        var tracked = _live.Track(Claim(), log);
        log.LogInformation("one");
        log.LogInformation("two");

        Assert.Equal(2, await _live.FlushAsync(_store, default));
        log.LogInformation("three");
        var read = await ReadAsync();
        var rest = await tracked.EndAsync();

        Assert.Equal(["one", "two"], Messages(_store.Lines(7, "task", -1, 1)));
        Assert.Equal(["one", "two", "three"], Messages(read));
        Assert.Equal(["three"], Messages(rest));
        Assert.Equal(0, await _live.FlushAsync(_store, default));
        Assert.Equal(["one", "two"], Messages(await ReadAsync()));
    }

    [Fact]
    public async Task Flush_NothingNew_StoresNothing()
    {
        var log = Buffer();
        _live.Track(Claim(), log);
        log.LogInformation("one");
        await _live.FlushAsync(_store, default);

        Assert.Equal(0, await _live.FlushAsync(_store, default));
        Assert.Equal(1, _store.Calls);
    }

    [Fact]
    public async Task FlushFails_LinesStayPendingForTheNextFlushAndTheEnd()
    {
        var log = Buffer();
        var tracked = _live.Track(Claim(), log);
        log.LogInformation("one");
        _store.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => _live.FlushAsync(_store, default));
        log.LogInformation("two");
        var readAfterFailure = await ReadAsync();
        Assert.Equal(2, await _live.FlushAsync(_store, default));
        var rest = await tracked.EndAsync();

        Assert.Equal(["one", "two"], Messages(readAfterFailure));
        Assert.Equal(["one", "two"], Messages(_store.Lines(7, "task", -1, 1)));
        Assert.Empty(rest);
    }

    [Fact]
    public async Task MappedInstancesOfOneTask_TrackedApartAndFlushedInOneCall()
    {
        var first = Buffer();
        var second = Buffer();
        _live.Track(Claim(mapIndex: 0), first);
        _live.Track(Claim(mapIndex: 1), second);
        first.LogInformation("instance 0");
        second.LogInformation("instance 1");

        var before = (await ReadAsync(0), await ReadAsync(1));
        await _live.FlushAsync(_store, default);

        Assert.Equal(["instance 0"], Messages(before.Item1));
        Assert.Equal(["instance 1"], Messages(before.Item2));
        Assert.Equal(1, _store.Calls);
        Assert.Equal(["instance 0"], Messages(_store.Lines(7, "task", 0, 1)));
        Assert.Equal(["instance 1"], Messages(_store.Lines(7, "task", 1, 1)));
    }

    [Fact]
    public async Task Read_TryNotRunningHere_OnlyTheStoredLines()
    {
        await _store.AppendLogsAsync([new TaskLogChunk(7, "task", -1, 1, [new LogLine(Now, "Information", "from another worker")])], default);

        Assert.Equal(["from another worker"], Messages(await ReadAsync()));
    }

    [Fact]
    public async Task FlushStoringOneTry_AnotherTryEndsAndIsReadWithoutWaitingForIt()
    {
        var logging = Buffer();
        var quiet = Buffer();
        _live.Track(Claim(mapIndex: 0), logging);
        var quietTry = _live.Track(Claim(mapIndex: 1), quiet);
        logging.LogInformation("being stored");

        var (flush, hold) = await FlushHeldInTheStoreAsync();
        quiet.LogInformation("quiet one's line");
        var read = await ReadAsync(1).WaitAsync(Timeout);
        var rest = await quietTry.EndAsync().WaitAsync(Timeout);

        Assert.False(flush.IsCompleted);
        Assert.Equal(["quiet one's line"], Messages(read));
        Assert.Equal(["quiet one's line"], Messages(rest));
        hold.SetResult();
        Assert.Equal(1, await flush.WaitAsync(Timeout));
    }

    [Fact]
    public async Task EndWhileAFlushStoresItsLines_WaitsForItAndReturnsOnlyTheRest()
    {
        var log = Buffer();
        var tracked = _live.Track(Claim(), log);
        log.LogInformation("one");

        var (flush, hold) = await FlushHeldInTheStoreAsync();
        log.LogInformation("two");
        var ending = tracked.EndAsync();
        Assert.False(ending.IsCompleted);
        hold.SetResult();

        Assert.Equal(1, await flush.WaitAsync(Timeout));
        Assert.Equal(["two"], Messages(await ending.WaitAsync(Timeout)));
        Assert.Equal(["one"], Messages(_store.Lines(7, "task", -1, 1)));
        Assert.Equal(0, await _live.FlushAsync(_store, default));
    }

    /// <summary>Starts a flush and returns once it is inside the store's append, where it waits for the returned source.</summary>
    private async Task<(Task<int> Flush, TaskCompletionSource Hold)> FlushHeldInTheStoreAsync()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Hold = hold;
        var flush = _live.FlushAsync(_store, default);
        await _store.Entered.Task.WaitAsync(Timeout);
        return (flush, hold);
    }

    private sealed class MemoryLogStore : ILiveLogStore
    {
        private readonly List<TaskLogChunk> _chunks = [];

        public int Calls { get; private set; }

        public bool FailNext { get; set; }

        /// <summary>When set, the next append signals <see cref="Entered"/> and waits for this before storing.</summary>
        public TaskCompletionSource? Hold { get; set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task AppendLogsAsync(IReadOnlyList<TaskLogChunk> chunks, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("the database is unreachable");
            }
            if (Hold is { } hold)
            {
                Hold = null;
                Entered.TrySetResult();
                await hold.Task;
            }
            Calls++;
            lock (_chunks) _chunks.AddRange(chunks);
        }

        public IReadOnlyList<LogLine> Lines(long runPk, string taskId, int mapIndex, int tryNumber)
        {
            lock (_chunks)
            {
                return [.. _chunks.Where(c => (c.RunPk, c.TaskId, c.MapIndex, c.TryNumber) == (runPk, taskId, mapIndex, tryNumber)).SelectMany(c => c.Lines)];
            }
        }
    }
}
