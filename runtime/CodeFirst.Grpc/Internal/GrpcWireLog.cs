using Microsoft.Extensions.Logging;

namespace CodeFirst.Grpc.Internal;

internal static partial class GrpcWireLog
{
    [LoggerMessage(1, LogLevel.Information, "Request content-type '{ContentType}' is not supported for {Method}.")]
    public static partial void UnsupportedContentType(this ILogger logger, string? contentType, string method);

    [LoggerMessage(2, LogLevel.Information, "Request protocol '{Protocol}' is not supported for gRPC call {Method}; HTTP/2 is required.")]
    public static partial void UnsupportedHttpProtocol(this ILogger logger, string protocol, string method);

    [LoggerMessage(3, LogLevel.Debug, "Invalid timeout header '{Timeout}' on {Method}; the call has no deadline.")]
    public static partial void InvalidTimeout(this ILogger logger, string timeout, string method);

    [LoggerMessage(4, LogLevel.Error, "Error when executing service method '{Method}'.")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string method);

    [LoggerMessage(5, LogLevel.Debug, "Call {Method} ended with status {StatusCode}: {Detail}")]
    public static partial void CallFailed(this ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(6, LogLevel.Debug, "Deadline exceeded for {Method}.")]
    public static partial void DeadlineExceeded(this ILogger logger, string method);

    [LoggerMessage(7, LogLevel.Debug, "Call {Method} was cancelled by the client.")]
    public static partial void ClientCancelled(this ILogger logger, string method);

    [LoggerMessage(8, LogLevel.Warning, "Error reading the request body of {Method}.")]
    public static partial void RequestReadFailed(this ILogger logger, Exception exception, string method);

    [LoggerMessage(9, LogLevel.Debug, "Could not send the status of {Method}; the client has gone.")]
    public static partial void StatusNotSent(this ILogger logger, Exception exception, string method);

    [LoggerMessage(10, LogLevel.Debug, "No handler for {Method}; answering UNIMPLEMENTED.")]
    public static partial void Unimplemented(this ILogger logger, string method);
}
