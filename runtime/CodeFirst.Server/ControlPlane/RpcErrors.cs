using CodeFirst.Grpc;
using CodeFirst.Runtime.Engine;

namespace CodeFirst.Server.ControlPlane;

/// <summary>
/// The one place runtime exceptions become gRPC statuses. Every control-plane handler is wrapped
/// here when it is mapped, so services throw the runtime's own exceptions.
/// </summary>
internal static class RpcErrors
{
    public static UnaryServerMethod<TRequest, TResponse> Wrap<TRequest, TResponse>(UnaryServerMethod<TRequest, TResponse> handler) =>
        async (request, context) =>
        {
            try
            {
                return await handler(request, context);
            }
            catch (Exception e) when (ToRpc(e) is { } rpc)
            {
                throw rpc;
            }
        };

    public static ServerStreamingServerMethod<TRequest, TResponse> Wrap<TRequest, TResponse>(ServerStreamingServerMethod<TRequest, TResponse> handler) =>
        async (request, stream, context) =>
        {
            try
            {
                await handler(request, stream, context);
            }
            catch (Exception e) when (ToRpc(e) is { } rpc)
            {
                throw rpc;
            }
        };

    /// <summary>The status for a runtime exception, or null to let the wire layer answer (cancellation, INTERNAL).</summary>
    public static RpcException? ToRpc(Exception exception) => exception switch
    {
        RpcException => null,
        OperationCanceledException => null,
        DagNotFoundException or KeyNotFoundException => new RpcException(StatusCode.NotFound, exception.Message),
        ArgumentException { ParamName: { } name } argument =>
            new RpcException(StatusCode.InvalidArgument, argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)),
        ArgumentException or FormatException => new RpcException(StatusCode.InvalidArgument, exception.Message),
        // RunFactory reports a duplicate run id this way; other invalid operations are preconditions.
        InvalidOperationException when exception.Message.Contains("already", StringComparison.OrdinalIgnoreCase) =>
            new RpcException(StatusCode.AlreadyExists, exception.Message),
        InvalidOperationException => new RpcException(StatusCode.FailedPrecondition, exception.Message),
        NotImplementedException => new RpcException(StatusCode.Unimplemented, "This operation is not available in this build of the runtime yet."),
        _ => null,
    };
}
