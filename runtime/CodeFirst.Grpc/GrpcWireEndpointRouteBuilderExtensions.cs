using CodeFirst.Grpc.Internal;
using CodeFirst.Grpc.Internal.CallHandlers;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Grpc;

public static class GrpcWireEndpointRouteBuilderExtensions
{
    /// <summary>Maps every bound method at <c>POST /{package.Service}/{Method}</c> and registers the service for reflection.</summary>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, GrpcServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(definition);
        var services = endpoints.ServiceProvider.GetService<GrpcWireServices>()
            ?? throw new InvalidOperationException("Call services.AddGrpcWire() before mapping gRPC services.");
        services.Registry.Add(definition.Service);

        var builders = new List<IEndpointConventionBuilder>();
        foreach (var method in definition.Methods)
        {
            var handler = method.CreateHandler(services);
            builders.Add(endpoints.MapPost(method.Path, handler.HandleCallAsync).WithDisplayName($"gRPC {method.Path}"));
        }

        if (services.Registry.TryClaimUnimplementedRoute())
        {
            // Last resort for any two-segment POST, so unknown methods get UNIMPLEMENTED, not 404.
            var unimplemented = new UnimplementedCallHandler(services);
            endpoints.MapPost("/{service}/{method}", unimplemented.HandleCallAsync)
                .WithOrder(int.MaxValue)
                .WithDisplayName("gRPC unimplemented");
        }

        return new CompositeEndpointConventionBuilder(builders);
    }

    public static IEndpointConventionBuilder MapGrpcService(
        this IEndpointRouteBuilder endpoints, ServiceDescriptor service, Action<GrpcServiceDefinitionBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = GrpcServiceDefinition.CreateBuilder(service);
        configure(builder);
        return endpoints.MapGrpcService(builder.Build());
    }

    /// <summary>Maps <c>grpc.health.v1.Health</c>; set statuses through <see cref="Health.HealthStatusRegistry"/>.</summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var health = endpoints.ServiceProvider.GetRequiredService<Health.HealthService>();
        return endpoints.MapGrpcService(global::Grpc.Health.V1.HealthReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Health"), b => b
            .AddUnary<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>("Check", health.Check)
            .AddServerStreaming<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>("Watch", health.Watch));
    }

    /// <summary>Maps server reflection, <c>grpc.reflection.v1</c> and <c>v1alpha</c>, with one handler.</summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var reflection = endpoints.ServiceProvider.GetRequiredService<Reflection.ReflectionService>();
        var v1 = endpoints.MapGrpcService(global::Grpc.Reflection.V1.ReflectionReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServerReflection"), b => b
            .AddDuplexStreaming<global::Grpc.Reflection.V1.ServerReflectionRequest, global::Grpc.Reflection.V1.ServerReflectionResponse>(
                "ServerReflectionInfo", reflection.ServerReflectionInfo));
        var v1Alpha = endpoints.MapGrpcService(global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServerReflection"), b => b
            .AddDuplexStreamingWireCompatible<global::Grpc.Reflection.V1.ServerReflectionRequest, global::Grpc.Reflection.V1.ServerReflectionResponse>(
                "ServerReflectionInfo", reflection.ServerReflectionInfo));
        return new CompositeEndpointConventionBuilder([v1, v1Alpha]);
    }
}
