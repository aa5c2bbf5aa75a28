using CodeFirst.Grpc.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CodeFirst.Grpc;

public static class GrpcWireServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gRPC wire layer. Interceptors come from <paramref name="configure"/> and from any
    /// singleton <see cref="IServerCallInterceptor"/> registered in DI (those run first).
    /// </summary>
    public static IServiceCollection AddGrpcWire(this IServiceCollection services, Action<GrpcWireOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddLogging();
        var options = services.AddOptions<GrpcWireOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<GrpcWireServices>();
        services.TryAddSingleton<Health.HealthStatusRegistry>();
        services.TryAddSingleton<Health.HealthService>();
        services.TryAddSingleton<Reflection.ReflectionService>();
        return services;
    }
}
