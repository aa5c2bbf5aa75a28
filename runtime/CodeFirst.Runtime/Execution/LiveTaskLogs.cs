using System.Collections.Concurrent;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// The log lines of the tries this process runs now. A try's log is stored when it ends; until then an API in
/// the same process (standalone) reads the lines here, so a running try's log can be followed live.
/// </summary>
public sealed class LiveTaskLogs
{
    private readonly ConcurrentDictionary<(long RunPk, string TaskId, int TryNumber), TaskLogBuffer> _running = new();

    /// <summary>The lines so far of a try running in this process; null when it does not run here.</summary>
    public IReadOnlyList<LogLine>? Get(long runPk, string taskId, int tryNumber) =>
        _running.TryGetValue((runPk, taskId, tryNumber), out var log) ? log.Lines : null;

    internal Tracked Track(ClaimedTask claim, TaskLogBuffer log)
    {
        var key = (claim.RunPk, claim.TaskId, claim.TryNumber);
        _running[key] = log;
        return new Tracked(this, key, log);
    }

    internal readonly struct Tracked(LiveTaskLogs owner, (long, string, int) key, TaskLogBuffer log) : IDisposable
    {
        public void Dispose() => owner._running.TryRemove(new KeyValuePair<(long, string, int), TaskLogBuffer>(key, log));
    }
}
