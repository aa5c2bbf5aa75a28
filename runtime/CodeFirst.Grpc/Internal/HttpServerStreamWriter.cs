using Google.Protobuf;

namespace CodeFirst.Grpc.Internal;

internal sealed class HttpServerStreamWriter<T>(HttpServerCallContext context) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message) => context.WriteMessageAsync(message);
}
