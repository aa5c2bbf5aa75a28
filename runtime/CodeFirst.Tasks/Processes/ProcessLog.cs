using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Processes;

internal static partial class ProcessLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Running {Command}")]
    public static partial void Starting(ILogger logger, string command);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Started process {ProcessId}")]
    public static partial void Started(ILogger logger, int processId);

    // The message is the bare line so the stored task log reads like the command's own output.
    [LoggerMessage(EventId = 3, Message = "{Line}")]
    public static partial void OutputLine(ILogger logger, LogLevel level, string line);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Command exited with code {ExitCode} after {ElapsedMs:F0} ms")]
    public static partial void Exited(ILogger logger, int exitCode, double elapsedMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Killing process {ProcessId} and its descendants: {Reason}")]
    public static partial void Killing(ILogger logger, int processId, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Output was still open {DrainMs:F0} ms after the process ended (a background child holds it?); stopped reading")]
    public static partial void DrainAbandoned(ILogger logger, double drainMs);
}
