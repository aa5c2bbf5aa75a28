using Google.Protobuf.Reflection;

namespace CodeFirst.Grpc.Internal;

/// <summary>Every mapped service, so reflection can list and describe them.</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly Lock _lock = new();
    private readonly List<ServiceDescriptor> _services = [];
    private bool _unimplementedMapped;

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (_lock)
            {
                return [.. _services];
            }
        }
    }

    public void Add(ServiceDescriptor service)
    {
        lock (_lock)
        {
            if (_services.Any(s => s.FullName == service.FullName))
            {
                throw new InvalidOperationException($"gRPC service '{service.FullName}' is mapped twice.");
            }

            _services.Add(service);
        }
    }

    /// <summary>True once: the first caller maps the catch-all UNIMPLEMENTED route.</summary>
    public bool TryClaimUnimplementedRoute()
    {
        lock (_lock)
        {
            var first = !_unimplementedMapped;
            _unimplementedMapped = true;
            return first;
        }
    }
}
