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

    // One flush at a time. A flush holds the gate of each try whose lines it stores until they are stored and
    // counted; a try's end and a reader hold only their own try's gate. So a try waits for a flush only when
    // the flush is storing its lines, and a reader holds up nothing but the try it reads.
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>
    /// The log of one try so far: what <paramref name="readStored"/> returns, followed by its lines this process
    /// holds that are not stored yet (none when the try does not run here).
    /// </summary>
    public async Task<IReadOnlyList<LogLine>> ReadAsync(long runPk, string taskId, int mapIndex, int tryNumber,
        Func<CancellationToken, Task<IReadOnlyList<LogLine>>> readStored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readStored);
        if (!_running.TryGetValue(new Key(runPk, taskId, mapIndex, tryNumber), out var entry)) return await readStored(cancellationToken);
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var stored = await readStored(cancellationToken);
            // A try that ended meanwhile handed the rest of its lines to its result: the store has or will have them.
            return entry.Ended ? stored : [.. stored, .. entry.Log.LinesFrom(entry.Stored)];
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Stores the new lines of every tracked try in one call; returns how many lines were stored.</summary>
    internal async Task<int> FlushAsync(ILiveLogStore store, CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        var held = new List<Entry>();
        try
        {
            var pending = new List<(Entry Entry, TaskLogChunk Chunk)>();
            foreach (var (key, entry) in _running)
            {
                // Stored changes only in a flush, and flushes take turns: this look needs no gate.
                if (entry.Log.Count <= entry.Stored) continue;
                await entry.Gate.WaitAsync(cancellationToken);
                held.Add(entry);
                var lines = entry.Log.LinesFrom(entry.Stored);
                if (!entry.Ended && lines.Count > 0) pending.Add((entry, new TaskLogChunk(key.RunPk, key.TaskId, key.MapIndex, key.TryNumber, lines)));
            }
            if (pending.Count == 0) return 0;
            await store.AppendLogsAsync([.. pending.Select(p => p.Chunk)], cancellationToken);
            // Counted only once stored: a failed flush leaves them to the next flush or to the try's end.
            foreach (var (entry, chunk) in pending) entry.Stored += chunk.Lines.Count;
            return pending.Sum(p => p.Chunk.Lines.Count);
        }
        finally
        {
            foreach (var entry in held) entry.Gate.Release();
            _flushing.Release();
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

        /// <summary>Held by a flush storing this try's lines, by the try's end, and by a reader of it.</summary>
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>How many of the lines are stored; changed only by a flush, under the gate.</summary>
        public int Stored { get; set; }

        /// <summary>The try has ended and taken its unstored lines; set under the gate.</summary>
        public bool Ended { get; set; }
    }

    /// <summary>A try tracked while it runs.</summary>
    internal sealed class Tracked
    {
        private readonly LiveTaskLogs _owner;
        private readonly Key _key;
        private readonly Entry _entry;

        internal Tracked(LiveTaskLogs owner, Key key, Entry entry) => (_owner, _key, _entry) = (owner, key, entry);

        /// <summary>Stops tracking the try (after a flush storing its lines, if one is) and returns its lines not stored yet.</summary>
        public async Task<IReadOnlyList<LogLine>> EndAsync()
        {
            await _entry.Gate.WaitAsync(CancellationToken.None);
            try
            {
                _owner._running.TryRemove(new KeyValuePair<Key, Entry>(_key, _entry));
                _entry.Ended = true;
                return _entry.Log.LinesFrom(_entry.Stored);
            }
            finally
            {
                _entry.Gate.Release();
            }
        }
    }
}
