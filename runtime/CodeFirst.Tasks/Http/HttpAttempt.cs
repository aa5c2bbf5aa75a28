using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace CodeFirst.Tasks.HttpCalls;

/// <summary>Sends one attempt of a request and reads the whole response within the attempt's timeout.</summary>
internal static class HttpAttempt
{
    public static async Task<HttpResponseSnapshot> SendAsync(HttpClient client, HttpCallRequest request, int attempt, long startedAt, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(request);
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new HttpResponseSnapshot
        {
            StatusCode = (int)response.StatusCode,
            Body = body,
            Headers = CollectHeaders(response),
            Attempt = attempt,
            Elapsed = Stopwatch.GetElapsedTime(startedAt),
        };
    }

    private static HttpRequestMessage CreateMessage(HttpCallRequest request)
    {
        var message = new HttpRequestMessage(request.Method, request.Url);
        if (request.Body is not null)
            message.Content = new StringContent(request.Body, Encoding.UTF8, request.MediaType ?? "text/plain");
        foreach (var (name, value) in request.Headers)
        {
            if (message.Headers.TryAddWithoutValidation(name, value)) continue;
            if (message.Content is null)
                throw new ArgumentException($"Header '{name}' is a content header but the request has no body.", nameof(request));
            message.Content.Headers.Remove(name);
            message.Content.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    private static Dictionary<string, IReadOnlyList<string>> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        Add(response.Headers);
        Add(response.Content.Headers);
        return headers;

        void Add(HttpHeaders source)
        {
            foreach (var (name, values) in source.NonValidated) headers[name] = [.. values];
        }
    }
}
