namespace CodeFirst.Grpc.Internal;

internal sealed class DelegateInterceptor(Func<ServerCallContext, ValueTask> intercept) : IServerCallInterceptor
{
    public ValueTask InterceptAsync(ServerCallContext context) => intercept(context);
}
