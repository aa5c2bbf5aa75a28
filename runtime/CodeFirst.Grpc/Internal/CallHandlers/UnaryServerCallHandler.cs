using Google.Protobuf;

namespace CodeFirst.Grpc.Internal.CallHandlers;

internal sealed class UnaryServerCallHandler<TRequest, TResponse>(
    UnaryServerMethod<TRequest, TResponse> method, GrpcWireServices services)
    : ServerCallHandlerBase(MethodType.Unary, services)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task HandleCallCoreAsync(HttpServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync<TRequest>().ConfigureAwait(false);
        var response = await method(request, context).ConfigureAwait(false);
        await context.WriteMessageAsync(response).ConfigureAwait(false);
    }
}
