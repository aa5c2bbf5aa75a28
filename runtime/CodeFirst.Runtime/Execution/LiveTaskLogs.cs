using System.Collections.Concurrent;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// The log lines of the tries this process runs now, and how many of each are stored already. The
/// <see cref="LiveLogFlusher"/> stores new lines while a try runs, so an API in any process can follow
/// it; when the try ends, only the lines not stored yet go into its result's log. A reader in this
/// process sees the stored lines plus the rest from memory, never a line twice.
/// </summary>
public sealed class LiveTaskLogs
{
    private readonly ConcurrentDictionary<Key, Entry> _running = new();

    // Held while lines are stored and counted, while a try stops being tracked, and while a reader combines
    // the store with memory: each of them then sees the store and the stored counts agree.
    private readonly SemaphoreSlim _storing = new(1, 1);

    /// <summary>
    /// The log of one try so far: what <paramref name="readStored"/> returns, followed by its lines this process
    /// holds that are not stored yet (none when the try does not run here).
    /// </summary>
    public async Task<IReadOnlyList<LogLine>> ReadAsync(long runPk, string taskId, int mapIndex, int tryNumber,
        Func<CancellationToken, Task<IReadOnlyList<LogLine>>> readStored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readStored);
        var key = new Key(runPk, taskId, mapIndex, tryNumber);
        if (!_running.ContainsKey(key)) return await readStored(cancellationToken);
        await _storing.WaitAsync(cancellationToken);
        try
        {
            var stored = await readStored(cancellationToken);
            return _running.TryGetValue(key, out var entry) ? [.. stored, .. entry.Log.LinesFrom(entry.Stored)] : stored;
        }
        finally
        {
            _storing.Release();
        }
    }

    /// <summary>Stores the new lines of every tracked try in one call; returns how many lines were stored.</summary>
    internal async Task<int> FlushAsync(ILiveLogStore store, CancellationToken cancellationToken)
    {
        await _storing.WaitAsync(cancellationToken);
        try
        {
            var pending = new List<(Entry Entry, TaskLogChunk Chunk)>();
            foreach (var (key, entry) in _running)
            {
                var lines = entry.Log.LinesFrom(entry.Stored);
                if (lines.Count > 0) pending.Add((entry, new TaskLogChunk(key.RunPk, key.TaskId, key.MapIndex, key.TryNumber, lines)));
            }
            if (pending.Count == 0) return 0;
            await store.AppendLogsAsync([.. pending.Select(p => p.Chunk)], cancellationToken);
            // Counted only once stored: a failed flush leaves them to the next flush or to the try's end.
            foreach (var (entry, chunk) in pending) entry.Stored += chunk.Lines.Count;
            return pending.Sum(p => p.Chunk.Lines.Count);
        }
        finally
        {
            _storing.Release();
        }
    }

    internal Tracked Track(ClaimedTask claim, TaskLogBuffer log)
    {
        var key = new Key(claim.RunPk, claim.TaskId, claim.MapIndex, claim.TryNumber);
        var entry = new Entry(log);
        _running[key] = entry;
        return new Tracked(this, key, entry);
    }

    internal readonly record struct Key(long RunPk, string TaskId, int MapIndex, int TryNumber);

    internal sealed class Entry(TaskLogBuffer log)
    {
        public TaskLogBuffer Log { get; } = log;

        /// <summary>How many of the lines are stored; changed only under the storing lock.</summary>
        public int Stored { get; set; }
    }

    /// <summary>A try tracked while it runs.</summary>
    internal sealed class Tracked
    {
        private readonly LiveTaskLogs _owner;
        private readonly Key _key;
        private readonly Entry _entry;

        internal Tracked(LiveTaskLogs owner, Key key, Entry entry) => (_owner, _key, _entry) = (owner, key, entry);

        /// <summary>Stops tracking the try (after any flush in progress) and returns its lines not stored yet.</summary>
        public async Task<IReadOnlyList<LogLine>> EndAsync()
        {
            await _owner._storing.WaitAsync(CancellationToken.None);
            try
            {
                _owner._running.TryRemove(new KeyValuePair<Key, Entry>(_key, _entry));
                return _entry.Log.LinesFrom(_entry.Stored);
            }
            finally
            {
                _owner._storing.Release();
            }
        }
    }
}
