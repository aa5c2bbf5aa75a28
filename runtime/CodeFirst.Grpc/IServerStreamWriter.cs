namespace CodeFirst.Grpc;

/// <summary>Writes a stream of response messages; each write is flushed to the client.</summary>
public interface IServerStreamWriter<in T>
{
    Task WriteAsync(T message);
}
