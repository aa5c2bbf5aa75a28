namespace CodeFirst.Tasks;

/// <summary>What counts as success for <see cref="Http"/> and how hard it tries.</summary>
public sealed class HttpCallOptions
{
    internal static HttpCallOptions Default { get; } = new();

    /// <summary>The client to send with; a shared process-wide client when null. Its own <c>Timeout</c> still applies.</summary>
    public HttpClient? Client { get; init; }

    /// <summary>Status codes that count as success; any 2xx when null.</summary>
    public IReadOnlyCollection<int>? ExpectedStatusCodes { get; init; }

    /// <summary>Checks an expected response; false fails the try (retryable), like Airflow's <c>response_check</c>.</summary>
    public Func<HttpResponseSnapshot, bool>? ResponseCheck { get; init; }

    /// <summary>Attempts within one task try; 5xx answers, transport errors and attempt timeouts are retried.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait before the second attempt; doubled for each later one.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt (headers and body) may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);
}
