using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Processes;

/// <summary>
/// Keeps this process's row in the process registry: recorded at start, refreshed every heartbeat interval
/// with the running counts, marked stopped on a clean shutdown. Each heartbeat also prunes rows nobody has
/// refreshed for <see cref="PruneAfter"/>, so dead processes show for a while and then go.
/// </summary>
internal sealed partial class ProcessHeartbeat(
    IMonitorStore store, ProcessIdentity identity, Func<(int Tasks, int Triggers)> running, EngineOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>How long a dead or stopped process stays listed.</summary>
    public static readonly TimeSpan PruneAfter = TimeSpan.FromHours(1);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    /// <summary>
    /// Heartbeats every interval (the first beat is <see cref="BeatAsync"/>, called at start-up) until
    /// <paramref name="stoppingToken"/> is cancelled, then marks the process stopped.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.HeartbeatInterval, time);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken)) await BeatAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await store.MarkProcessStoppedAsync(identity.Id, time.GetUtcNow(), timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HeartbeatFailed(logger, identity.Id, e);
        }
    }

    /// <summary>Records the row now; a database hiccup is logged and the next beat tries again.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (tasks, triggers) = running();
        try
        {
            await store.RecordProcessAsync(identity.Snapshot(_startedAt, now, options.HeartbeatInterval, tasks, triggers), cancellationToken);
            await store.PruneProcessesAsync(now - PruneAfter, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            HeartbeatFailed(logger, identity.Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process {ProcessId} could not record its heartbeat")]
    private static partial void HeartbeatFailed(ILogger logger, string processId, Exception exception);
}
