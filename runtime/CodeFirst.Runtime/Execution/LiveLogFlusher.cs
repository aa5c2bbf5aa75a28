using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// Every <see cref="EngineOptions.LiveLogFlushInterval"/>, stores the new log lines of the tries this
/// process runs (one statement for all of them), so a separate API process can follow a running try.
/// A failed flush loses nothing: its lines stay pending for the next flush or the try's end.
/// </summary>
internal sealed partial class LiveLogFlusher(LiveTaskLogs logs, ILiveLogStore store, EngineOptions options, TimeProvider time, ILogger<LiveLogFlusher> logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (options.LiveLogFlushInterval <= TimeSpan.Zero) return;
        try
        {
            using var timer = new PeriodicTimer(options.LiveLogFlushInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await logs.FlushAsync(store, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFlushFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the log lines of running tries failed; they are stored with the next flush or when the tries end")]
    private static partial void LogFlushFailed(ILogger logger, Exception e);
}
