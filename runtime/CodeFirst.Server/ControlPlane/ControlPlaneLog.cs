using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.ControlPlane;

internal static partial class ControlPlaneLog
{
    [LoggerMessage(1, LogLevel.Information, "Control plane listening on {Address} (auth: {Auth})")]
    public static partial void Listening(ILogger logger, string address, string auth);

    [LoggerMessage(2, LogLevel.Warning, "Refused {Method} from {Peer}: {Reason}")]
    public static partial void Unauthenticated(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Refused {Method} for token '{Token}' with role {Role}")]
    public static partial void PermissionDenied(ILogger logger, string method, string token, string role);

    [LoggerMessage(4, LogLevel.Information, "{Who} called {Method}: {Details}")]
    public static partial void Mutated(ILogger logger, string who, string method, string details);
}
