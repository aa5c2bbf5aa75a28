using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Storage.Postgres;

internal static partial class PostgresStoreLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Listening for wake-ups on backend {ProcessId}")]
    public static partial void Listening(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The wake-up listener lost its connection; reconnecting in {DelayMs:F0} ms (polling covers the gap)")]
    public static partial void ListenerLost(ILogger logger, Exception e, double delayMs);
}
