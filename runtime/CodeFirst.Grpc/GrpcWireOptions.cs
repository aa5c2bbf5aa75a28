namespace CodeFirst.Grpc;

public sealed class GrpcWireOptions
{
    /// <summary>gRPC's usual default limit for one received message: 4 MiB.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>Larger request messages get RESOURCE_EXHAUSTED; null means no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = DefaultMaxReceiveMessageSize;

    /// <summary>Larger response messages end the call with RESOURCE_EXHAUSTED; null means no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Put the message of unexpected exceptions in the INTERNAL status (development only).</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Run before every handler, in order, after those registered in DI.</summary>
    public IList<IServerCallInterceptor> Interceptors { get; } = [];
}
