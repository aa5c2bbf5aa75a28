using CodeFirst.Grpc.Internal;
using Google.Protobuf.Reflection;

namespace CodeFirst.Grpc;

/// <summary>A service's descriptor and its bound methods; map it with <c>MapGrpcService</c>.</summary>
public sealed class GrpcServiceDefinition
{
    internal GrpcServiceDefinition(ServiceDescriptor service, IReadOnlyList<MethodBinding> methods)
    {
        Service = service;
        Methods = methods;
    }

    /// <summary>The descriptor; its file (and the file's dependencies) is what reflection serves.</summary>
    public ServiceDescriptor Service { get; }

    internal IReadOnlyList<MethodBinding> Methods { get; }

    public static GrpcServiceDefinitionBuilder CreateBuilder(ServiceDescriptor service) => new(service);
}
