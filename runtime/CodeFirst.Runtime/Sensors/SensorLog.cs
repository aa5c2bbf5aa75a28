using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Sensors;

internal static partial class SensorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Condition not met; next poke in {Seconds} s")]
    public static partial void LogPokeFalse(this ILogger logger, double seconds);
}
