using CodeFirst.Grpc.Internal.CallHandlers;
using Google.Protobuf.Reflection;

namespace CodeFirst.Grpc.Internal;

/// <summary>A method of a service definition and how to make its call handler once DI is ready.</summary>
internal sealed class MethodBinding(MethodDescriptor method, Func<GrpcWireServices, ServerCallHandlerBase> createHandler)
{
    public MethodDescriptor Method { get; } = method;

    public string Path => $"/{Method.Service.FullName}/{Method.Name}";

    public ServerCallHandlerBase CreateHandler(GrpcWireServices services) => createHandler(services);
}
