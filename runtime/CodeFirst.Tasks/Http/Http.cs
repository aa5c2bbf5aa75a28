using System.Diagnostics;
using CodeFirst.Tasks.HttpCalls;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks;

/// <summary>
/// Calls an HTTP endpoint and checks the answer, Airflow's <c>HttpOperator</c>. 5xx answers,
/// transport errors and attempt timeouts are retried inside the call with exponential backoff;
/// any other unexpected status fails at once (the task's own retries still apply).
/// </summary>
public static class Http
{
    /// <summary>Sends with <see cref="TaskContext.Log"/> as the log.</summary>
    public static Task<HttpResponseSnapshot> SendAsync(TaskContext context, HttpCallRequest request, HttpCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SendAsync(request, options, context.Log, cancellationToken);
    }

    /// <summary>Sends <paramref name="request"/> until it gets an expected answer or runs out of attempts.</summary>
    /// <exception cref="HttpCallException">An unexpected status, a failed response check, or every attempt failed (retryable).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static async Task<HttpResponseSnapshot> SendAsync(HttpCallRequest request, HttpCallOptions? options, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        options ??= HttpCallOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));

        var client = options.Client ?? SharedHttpClient.Instance;
        var method = request.Method.Method;
        var url = request.Url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
        HttpResponseSnapshot? last = null;
        Exception? lastError = null;

        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            var startedAt = Stopwatch.GetTimestamp();
            using var attemptDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptDeadline.CancelAfter(options.AttemptTimeout);
            try
            {
                last = await HttpAttempt.SendAsync(client, request, attempt, startedAt, attemptDeadline.Token).ConfigureAwait(false);
                lastError = null;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                last = null;
                lastError = e is OperationCanceledException ? new TimeoutException($"No complete answer within {options.AttemptTimeout}.", e) : e;
                HttpLog.Failed(log, method, url, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, attempt, options.MaxAttempts, lastError.Message);
            }

            if (last is not null)
            {
                HttpLog.Answered(log, method, url, last.StatusCode, last.Elapsed.TotalMilliseconds, attempt, options.MaxAttempts);
                if (IsExpected(last.StatusCode, options)) return Check(last, options, method, url);
                if (last.StatusCode < 500)
                    throw new HttpCallException($"{method} {url} returned {last.StatusCode}, which is not expected.{Excerpt(last)}", last, attempt);
            }

            if (attempt < options.MaxAttempts)
            {
                var delay = Backoff(attempt, options);
                HttpLog.Retrying(log, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        var outcome = last is null ? lastError!.Message : $"{last.StatusCode}.{Excerpt(last)}";
        throw new HttpCallException($"{method} {url} failed after {options.MaxAttempts} attempts; the last ended with {outcome}", last, options.MaxAttempts, lastError);
    }

    internal static TimeSpan Backoff(int attempt, HttpCallOptions options)
    {
        // In double ticks so a large attempt number saturates at MaxDelay instead of overflowing.
        var ticks = Math.Min(options.InitialDelay.Ticks * Math.Pow(2, attempt - 1), options.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static bool IsExpected(int statusCode, HttpCallOptions options) =>
        options.ExpectedStatusCodes is { } expected ? expected.Contains(statusCode) : statusCode is >= 200 and < 300;

    private static HttpResponseSnapshot Check(HttpResponseSnapshot response, HttpCallOptions options, string method, string url)
    {
        if (options.ResponseCheck is null || options.ResponseCheck(response)) return response;
        throw new HttpCallException($"{method} {url} returned {response.StatusCode} but the response check failed.{Excerpt(response)}", response, response.Attempt);
    }

    private static string Excerpt(HttpResponseSnapshot response)
    {
        const int Limit = 500;
        if (response.Body.Length == 0) return "";
        var body = response.Body.Length <= Limit ? response.Body : response.Body[..Limit] + "…";
        return $" Body: {body}";
    }
}
