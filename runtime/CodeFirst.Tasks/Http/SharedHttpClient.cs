namespace CodeFirst.Tasks.HttpCalls;

/// <summary>The client used when a task brings none: one pooled handler for the whole worker process.</summary>
internal static class SharedHttpClient
{
    // A bounded connection lifetime makes pooled connections notice DNS changes.
    public static HttpClient Instance { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        // Each attempt has its own timeout; the client's would cap the whole retry loop instead.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
