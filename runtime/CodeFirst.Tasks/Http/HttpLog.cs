using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.HttpCalls;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Method} {Url} returned {StatusCode} in {ElapsedMs:F0} ms (attempt {Attempt}/{MaxAttempts})")]
    public static partial void Answered(ILogger logger, string method, string url, int statusCode, double elapsedMs, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Method} {Url} failed in {ElapsedMs:F0} ms (attempt {Attempt}/{MaxAttempts}): {Error}")]
    public static partial void Failed(ILogger logger, string method, string url, double elapsedMs, int attempt, int maxAttempts, string error);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Retrying in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, double delayMs);
}
