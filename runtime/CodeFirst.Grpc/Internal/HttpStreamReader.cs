using Google.Protobuf;

namespace CodeFirst.Grpc.Internal;

internal sealed class HttpStreamReader<T>(HttpServerCallContext context) : IAsyncStreamReader<T>
    where T : class, IMessage<T>, new()
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("Call MoveNext before reading Current.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, cancellationToken);
        _current = await context.ReadMessageAsync<T>(linked.Token).ConfigureAwait(false);
        return _current is not null;
    }
}
