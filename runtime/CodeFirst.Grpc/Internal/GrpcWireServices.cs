using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeFirst.Grpc.Internal;

/// <summary>What every call handler needs from DI, resolved once when services are mapped.</summary>
internal sealed class GrpcWireServices(
    IOptions<GrpcWireOptions> options,
    IEnumerable<IServerCallInterceptor> interceptors,
    GrpcServiceRegistry registry,
    ILoggerFactory loggerFactory)
{
    public GrpcWireOptions Options { get; } = options.Value;

    public IReadOnlyList<IServerCallInterceptor> Interceptors { get; } = [.. interceptors, .. options.Value.Interceptors];

    public GrpcServiceRegistry Registry { get; } = registry;

    public ILogger Logger { get; } = loggerFactory.CreateLogger("CodeFirst.Grpc.Server");
}
