namespace CodeFirst.Grpc;

/// <summary>
/// Runs before every handler (e.g. bearer-token authentication). Throw an
/// <see cref="RpcException"/> (UNAUTHENTICATED, PERMISSION_DENIED, …) to refuse the call; put what
/// the handler needs in <see cref="ServerCallContext.UserState"/>.
/// </summary>
public interface IServerCallInterceptor
{
    ValueTask InterceptAsync(ServerCallContext context);
}
