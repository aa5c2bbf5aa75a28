using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Tests.Support;

internal static class LoggerExtensions
{
    public static void LogInformationLine(this ILogger logger, string line) =>
        logger.Log(LogLevel.Information, default, line, null, static (s, _) => s);
}
