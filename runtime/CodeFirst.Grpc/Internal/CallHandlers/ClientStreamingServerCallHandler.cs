using Google.Protobuf;

namespace CodeFirst.Grpc.Internal.CallHandlers;

internal sealed class ClientStreamingServerCallHandler<TRequest, TResponse>(
    ClientStreamingServerMethod<TRequest, TResponse> method, GrpcWireServices services)
    : ServerCallHandlerBase(MethodType.ClientStreaming, services)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task HandleCallCoreAsync(HttpServerCallContext context)
    {
        var response = await method(new HttpStreamReader<TRequest>(context), context).ConfigureAwait(false);
        await context.WriteMessageAsync(response).ConfigureAwait(false);
    }
}
