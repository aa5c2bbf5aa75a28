namespace CodeFirst.Grpc;

/// <summary>Reads a stream of request messages (client and duplex streaming).</summary>
public interface IAsyncStreamReader<out T>
{
    T Current { get; }

    /// <summary>Moves to the next message; false when the client has finished sending.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}
