using Google.Protobuf;

namespace CodeFirst.Grpc.Internal.CallHandlers;

internal sealed class DuplexStreamingServerCallHandler<TRequest, TResponse>(
    DuplexStreamingServerMethod<TRequest, TResponse> method, GrpcWireServices services)
    : ServerCallHandlerBase(MethodType.DuplexStreaming, services)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    protected override Task HandleCallCoreAsync(HttpServerCallContext context) =>
        method(new HttpStreamReader<TRequest>(context), new HttpServerStreamWriter<TResponse>(context), context);
}
