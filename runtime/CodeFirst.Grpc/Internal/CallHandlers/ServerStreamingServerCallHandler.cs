using Google.Protobuf;

namespace CodeFirst.Grpc.Internal.CallHandlers;

internal sealed class ServerStreamingServerCallHandler<TRequest, TResponse>(
    ServerStreamingServerMethod<TRequest, TResponse> method, GrpcWireServices services)
    : ServerCallHandlerBase(MethodType.ServerStreaming, services)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task HandleCallCoreAsync(HttpServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync<TRequest>().ConfigureAwait(false);
        await method(request, new HttpServerStreamWriter<TResponse>(context), context).ConfigureAwait(false);
    }
}
