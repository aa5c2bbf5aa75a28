namespace CodeFirst.Grpc.Internal.CallHandlers;

/// <summary>Answers any <c>/{service}/{method}</c> nobody mapped, in the caller's own protocol.</summary>
internal sealed class UnimplementedCallHandler(GrpcWireServices services) : ServerCallHandlerBase(null, services)
{
    protected override Task HandleCallCoreAsync(HttpServerCallContext context)
    {
        Services.Logger.Unimplemented(context.Method);
        var parts = context.Method.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var known = parts.Length > 0 && Services.Registry.Services.Any(s => s.FullName == parts[0]);
        throw new RpcException(StatusCode.Unimplemented, known
            ? $"Method is unimplemented: {context.Method}"
            : $"Service is unimplemented: {(parts.Length > 0 ? parts[0] : context.Method)}");
    }
}
