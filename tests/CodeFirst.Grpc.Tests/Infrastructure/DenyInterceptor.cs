namespace CodeFirst.Grpc.Tests.Infrastructure;

/// <summary>Stands in for bearer-token auth: refuses calls carrying <c>x-deny</c>, records the caller otherwise.</summary>
public sealed class DenyInterceptor : IServerCallInterceptor
{
    public ValueTask InterceptAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue("x-deny") is { } reason)
        {
            throw new RpcException(StatusCode.PermissionDenied, $"Denied: {reason}");
        }

        if (context.RequestHeaders.GetValue("authorization") is { } authorization)
        {
            context.UserState[EchoTestService.UserKey] = authorization;
        }

        return ValueTask.CompletedTask;
    }
}
