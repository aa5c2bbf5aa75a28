using CodeFirst.Grpc.Internal;
using CodeFirst.Grpc.Internal.CallHandlers;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CodeFirst.Grpc;

/// <summary>
/// Binds handlers to the methods of a service descriptor. Each method is checked against the
/// descriptor (name, message types, streaming kind) when added, so a mistake fails at start-up.
/// Descriptor methods left unbound answer UNIMPLEMENTED.
/// </summary>
public sealed class GrpcServiceDefinitionBuilder
{
    private readonly ServiceDescriptor _service;
    private readonly List<MethodBinding> _methods = [];

    internal GrpcServiceDefinitionBuilder(ServiceDescriptor service) =>
        _service = service ?? throw new ArgumentNullException(nameof(service));

    public GrpcServiceDefinitionBuilder AddUnary<TRequest, TResponse>(string methodName, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add<TRequest, TResponse>(methodName, MethodType.Unary, s => new UnaryServerCallHandler<TRequest, TResponse>(handler, s));
    }

    public GrpcServiceDefinitionBuilder AddServerStreaming<TRequest, TResponse>(string methodName, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add<TRequest, TResponse>(methodName, MethodType.ServerStreaming, s => new ServerStreamingServerCallHandler<TRequest, TResponse>(handler, s));
    }

    public GrpcServiceDefinitionBuilder AddClientStreaming<TRequest, TResponse>(string methodName, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add<TRequest, TResponse>(methodName, MethodType.ClientStreaming, s => new ClientStreamingServerCallHandler<TRequest, TResponse>(handler, s));
    }

    public GrpcServiceDefinitionBuilder AddDuplexStreaming<TRequest, TResponse>(string methodName, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add<TRequest, TResponse>(methodName, MethodType.DuplexStreaming, s => new DuplexStreamingServerCallHandler<TRequest, TResponse>(handler, s));
    }

    public GrpcServiceDefinition Build() => new(_service, [.. _methods]);

    /// <summary>
    /// Binds without comparing message types: reflection v1alpha reuses the v1 messages, which
    /// are identical on the wire.
    /// </summary>
    internal GrpcServiceDefinitionBuilder AddDuplexStreamingWireCompatible<TRequest, TResponse>(string methodName, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
    {
        var method = FindMethod(methodName, MethodType.DuplexStreaming);
        _methods.Add(new MethodBinding(method, s => new DuplexStreamingServerCallHandler<TRequest, TResponse>(handler, s)));
        return this;
    }

    private GrpcServiceDefinitionBuilder Add<TRequest, TResponse>(
        string methodName, MethodType type, Func<GrpcWireServices, ServerCallHandlerBase> createHandler)
    {
        var method = FindMethod(methodName, type);
        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"Method '{method.FullName}' takes {method.InputType.FullName} and returns {method.OutputType.FullName}, " +
                $"not {typeof(TRequest).Name} and {typeof(TResponse).Name}.", nameof(methodName));
        }

        _methods.Add(new MethodBinding(method, createHandler));
        return this;
    }

    private MethodDescriptor FindMethod(string methodName, MethodType type)
    {
        var method = _service.FindMethodByName(methodName)
            ?? throw new ArgumentException($"Service '{_service.FullName}' has no method '{methodName}'.", nameof(methodName));
        var actual = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        if (actual != type)
        {
            throw new ArgumentException($"Method '{method.FullName}' is {actual}, not {type}.", nameof(methodName));
        }

        if (_methods.Any(m => m.Method.Name == methodName))
        {
            throw new ArgumentException($"Method '{method.FullName}' is bound twice.", nameof(methodName));
        }

        return method;
    }
}
