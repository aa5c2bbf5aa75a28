using System.Collections.Concurrent;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Triggers;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Triggers;

/// <summary>
/// The triggerer role: claims trigger rows under a lease (up to its capacity), runs each as an
/// async wait, and when one fires queues its task instance again. Leases are renewed by heartbeat;
/// a trigger whose lease another triggerer took over is cancelled here. A dead triggerer's triggers
/// are claimed by another once their lease runs out, so a trigger may run twice: the store's guarded
/// deferred → queued move delivers only the first event.
/// </summary>
internal sealed partial class Triggerer(
    ITriggerStore store, TriggerFactory factory, IServiceProvider services, EngineEvents events, WorkSignal workers, WorkSignal wake,
    EngineOptions options, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<long, Running> _running = new();
    private readonly ILogger _logger = loggers.CreateLogger<Triggerer>();
    private readonly TriggerFireBatcher _fires = new(store, time);

    private sealed record Running(TriggerRecord Record, CancellationTokenSource Cancel)
    {
        public Task Work { get; set; } = Task.CompletedTask;
    }

    /// <summary>Triggers this triggerer runs now.</summary>
    public int RunningCount => _running.Count;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var heartbeat = HeartbeatAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = options.TriggererCapacity - _running.Count;
                IReadOnlyList<TriggerRecord> claimed = [];
                try
                {
                    var now = time.GetUtcNow();
                    if (free > 0) claimed = await store.ClaimTriggersAsync(options.WorkerId, free, now, now + options.LeaseDuration, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogClaimFailed(_logger, e);
                }
                foreach (var record in claimed) Start(record, stoppingToken);
                if (free > 0 && claimed.Count == free) continue;
                await wake.WaitAsync(options.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Each trigger's token is linked to stoppingToken, so all are cancelled already. Not fired on the
            // way out: the lease runs out and another triggerer takes the trigger over.
            await Task.WhenAll(_running.Values.Select(r => r.Work));
            await heartbeat;
        }
    }

    private void Start(TriggerRecord record, CancellationToken stoppingToken)
    {
        var running = new Running(record, CancellationTokenSource.CreateLinkedTokenSource(stoppingToken));
        if (!_running.TryAdd(record.Id, running))
        {
            running.Cancel.Dispose();
            return;
        }
        running.Work = Task.Run(async () =>
        {
            try
            {
                var outcome = await RunOneAsync(record, running.Cancel.Token);
                if (outcome is not null) await FireAsync(record, outcome);
            }
            catch (Exception e)
            {
                LogFireFailed(_logger, e, record.DagId, record.RunId, record.TaskId);
            }
            finally
            {
                _running.TryRemove(record.Id, out _);
                running.Cancel.Dispose();
                wake.Set();
            }
        }, CancellationToken.None);
    }

    /// <summary>The trigger's outcome, or null when it was cancelled (stopping, or the lease was lost).</summary>
    private async Task<TriggerOutcome?> RunOneAsync(TriggerRecord record, CancellationToken cancellationToken)
    {
        var log = loggers.CreateLogger($"CodeFirst.Trigger.{record.DagId}.{record.TaskId}");
        Trigger trigger;
        try
        {
            trigger = factory.Create(record);
        }
        catch (Exception e)
        {
            return new TriggerOutcome(TriggerOutcome.Failed, Error: e.Message);
        }
        var remaining = record.TimeoutAt is { } at ? at - time.GetUtcNow() : (TimeSpan?)null;
        if (remaining <= TimeSpan.Zero) return new TriggerOutcome(TriggerOutcome.TimedOut);
        using var timeout = remaining is { } r ? new CancellationTokenSource(r, time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var context = new TriggerContext { Services = services, Time = time, Log = log, DagId = record.DagId, RunId = record.RunId, TaskId = record.TaskId };
        try
        {
            return TriggerOutcome.FromEvent(await trigger.RunAsync(context, linked?.Token ?? cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true)
        {
            return new TriggerOutcome(TriggerOutcome.TimedOut);
        }
        catch (Exception e)
        {
            LogTriggerFailed(_logger, e, record.DagId, record.RunId, record.TaskId);
            return new TriggerOutcome(TriggerOutcome.Failed, Error: $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task FireAsync(TriggerRecord record, TriggerOutcome outcome)
    {
        if (!await _fires.FireAsync(record.Id, outcome.ToJson())) return;
        Diagnostics.CodeFirstMetrics.TriggersFired.Add(1);
        workers.Set();
        events.Raise(new TaskInstanceChange(record.DagId, record.RunId, record.TaskId, TaskInstanceState.Queued, 0, 0, null));
    }

    private Task HeartbeatAsync(CancellationToken stoppingToken) => Leases.LeaseRenewal.RunAsync(
        options.HeartbeatInterval, time, () => _running.Keys.ToArray(),
        (ids, ct) => store.HeartbeatTriggersAsync(options.WorkerId, ids, time.GetUtcNow() + options.LeaseDuration, ct),
        key => { if (_running.TryGetValue(key, out var running)) Leases.LeaseRenewal.CancelQuietly(running.Cancel); },
        e => LogHeartbeatFailed(_logger, e), stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming triggers failed; retrying")]
    private static partial void LogClaimFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "{DagId}/{RunId}/{TaskId}: firing the trigger failed")]
    private static partial void LogFireFailed(ILogger logger, Exception e, string dagId, string runId, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{DagId}/{RunId}/{TaskId}: the trigger failed")]
    private static partial void LogTriggerFailed(ILogger logger, Exception e, string dagId, string runId, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger heartbeat failed; leases may expire")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception e);
}
