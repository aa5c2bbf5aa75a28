using System.Collections.Concurrent;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Watchers;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Assets.Watchers;

/// <summary>
/// The triggerer's asset watchers: claims the application's registered watchers under a lease
/// (renewed by heartbeat, like triggers), runs each held one, and turns every message into an asset
/// event: recorded (de-duplicated by message id) and committed first, acknowledged after. A watcher
/// whose lease another triggerer took over is cancelled here; a clean stop gives the leases back.
/// </summary>
internal sealed partial class WatcherRunner
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly IReadOnlyList<AssetWatcherRegistration> _registrations;
    private readonly IAssetStore _assets;
    private readonly IAssetWatcherStore _leases;
    private readonly IServiceProvider _services;
    private readonly Action _wakeScheduler;
    private readonly EngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);

    private sealed record Running(CancellationTokenSource Cancel)
    {
        public Task Work { get; set; } = Task.CompletedTask;
    }

    public WatcherRunner(IReadOnlyList<AssetWatcherRegistration> registrations, IAssetStore assets, IAssetWatcherStore leases, IServiceProvider services,
        Action wakeScheduler, EngineOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        if (registrations.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"Two asset watchers are named '{twice.Key}'; each watcher needs a unique name (its lease and message ids are per name).");
        (_registrations, _assets, _leases, _services, _wakeScheduler, _options, _time, _loggers) = (registrations, assets, leases, services, wakeScheduler, options, time, loggers);
        _logger = loggers.CreateLogger<WatcherRunner>();
    }

    /// <summary>The watchers this triggerer runs now.</summary>
    public IReadOnlyCollection<string> RunningNames => _running.Keys.ToArray();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var heartbeat = HeartbeatAsync(stoppingToken);
        var known = _registrations.Select(r => (r.Name, r.Uri)).ToArray();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var now = _time.GetUtcNow();
                    var idle = known.Where(w => !_running.ContainsKey(w.Name)).ToArray();
                    foreach (var name in await _leases.ClaimWatchersAsync(_options.WorkerId, idle, now, now + _options.LeaseDuration, stoppingToken))
                        Start(_registrations.First(r => r.Name == name), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogClaimFailed(_logger, e);
                }
                await Task.Delay(_options.PollInterval, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(_running.Values.Select(r => r.Work));
            await heartbeat;
            try
            {
                await _leases.ReleaseWatchersAsync(_options.WorkerId, known.Select(w => w.Name).ToArray(), CancellationToken.None);
            }
            catch (Exception e)
            {
                LogReleaseFailed(_logger, e);
            }
        }
    }

    private void Start(AssetWatcherRegistration registration, CancellationToken stoppingToken)
    {
        var running = new Running(CancellationTokenSource.CreateLinkedTokenSource(stoppingToken));
        if (!_running.TryAdd(registration.Name, running))
        {
            running.Cancel.Dispose();
            return;
        }
        LogStarted(_logger, registration.Name, registration.Uri);
        running.Work = Task.Run(async () =>
        {
            try
            {
                await WatchAsync(registration, running.Cancel.Token);
            }
            finally
            {
                _running.TryRemove(registration.Name, out _);
                running.Cancel.Dispose();
            }
        }, CancellationToken.None);
    }

    /// <summary>Runs the watcher until cancelled, starting it again (with back-off) when it fails.</summary>
    private async Task WatchAsync(AssetWatcherRegistration registration, CancellationToken cancellationToken)
    {
        var log = _loggers.CreateLogger($"CodeFirst.Watcher.{registration.Name}");
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var watcher = registration.Create(_services);
                await foreach (var message in watcher.ReadAsync(log, cancellationToken).WithCancellation(cancellationToken))
                {
                    await RecordAsync(registration, message, cancellationToken);
                    // Only now: a crash before this line redelivers the message, and its id finds the event recorded.
                    await message.AcknowledgeAsync(cancellationToken);
                    backoff = TimeSpan.FromSeconds(1);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogWatcherFailed(_logger, e, registration.Name, backoff.TotalSeconds);
            }
            try
            {
                await Task.Delay(backoff, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task RecordAsync(AssetWatcherRegistration registration, WatchedMessage message, CancellationToken cancellationToken)
    {
        // Ids are namespaced by watcher: two queues feeding one asset may number their messages alike.
        var messageId = message.MessageId is { } id ? $"{registration.Name}/{id}" : null;
        await _assets.RecordAssetEventAsync(new NewAssetEvent(registration.Uri, WatchedPayload.From(message.Body), MessageId: messageId), _time.GetUtcNow(), cancellationToken);
        _wakeScheduler();
    }

    private Task HeartbeatAsync(CancellationToken stoppingToken) => Leases.LeaseRenewal.RunAsync(
        _options.HeartbeatInterval, _time, () => _running.Keys.ToArray(),
        (names, ct) => _leases.HeartbeatWatchersAsync(_options.WorkerId, names, _time.GetUtcNow() + _options.LeaseDuration, ct),
        key => { if (_running.TryGetValue(key, out var running)) Leases.LeaseRenewal.CancelQuietly(running.Cancel); },
        e => LogHeartbeatFailed(_logger, e), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asset watcher {Name} of {Uri} started in this triggerer")]
    private static partial void LogStarted(ILogger logger, string name, string uri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming asset watchers failed; retrying")]
    private static partial void LogClaimFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asset watcher {Name} failed; starting it again in {Seconds} s")]
    private static partial void LogWatcherFailed(ILogger logger, Exception e, string name, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asset watcher heartbeat failed; leases may expire")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving asset watchers back failed; their leases run out instead")]
    private static partial void LogReleaseFailed(ILogger logger, Exception e);
}
