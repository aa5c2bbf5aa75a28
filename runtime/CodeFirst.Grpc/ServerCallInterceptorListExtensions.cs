using CodeFirst.Grpc.Internal;

namespace CodeFirst.Grpc;

public static class ServerCallInterceptorListExtensions
{
    /// <summary>Adds an interceptor written as a delegate: <c>options.Interceptors.Add(context => …)</c>.</summary>
    public static void Add(this IList<IServerCallInterceptor> interceptors, Func<ServerCallContext, ValueTask> intercept)
    {
        ArgumentNullException.ThrowIfNull(interceptors);
        ArgumentNullException.ThrowIfNull(intercept);
        interceptors.Add(new DelegateInterceptor(intercept));
    }
}
