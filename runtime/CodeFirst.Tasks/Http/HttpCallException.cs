namespace CodeFirst.Tasks;

/// <summary>
/// An HTTP call did not succeed: an unexpected status, a failed response check, or every
/// attempt used up. An ordinary failure: the task is retried while it has retries left.
/// </summary>
public sealed class HttpCallException(string message, HttpResponseSnapshot? response, int attempts, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The last response, or null when the last attempt got none (transport error, timeout).</summary>
    public HttpResponseSnapshot? Response { get; } = response;

    public int? StatusCode => Response?.StatusCode;

    public int Attempts { get; } = attempts;
}
