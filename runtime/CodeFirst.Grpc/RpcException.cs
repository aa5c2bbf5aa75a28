namespace CodeFirst.Grpc;

/// <summary>Thrown by a handler (or interceptor) to end the call with a specific status.</summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers;
    }

    public RpcException(StatusCode statusCode, string detail)
        : this(new Status(statusCode, detail))
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    public Metadata Trailers { get; }
}
