namespace CodeFirst.Tasks;

/// <summary>One HTTP request, rebuilt for every attempt <see cref="Http"/> makes.</summary>
public sealed class HttpCallRequest
{
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    public required Uri Url { get; init; }

    /// <summary>Request headers; content headers such as <c>Content-Type</c> may be given here too.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body, sent as UTF-8; none when null.</summary>
    public string? Body { get; init; }

    /// <summary>The body's media type; <c>text/plain</c> when null.</summary>
    public string? MediaType { get; init; }

    /// <summary>A request whose body is <paramref name="body"/> as JSON (the XCom JSON conventions: camelCase).</summary>
    public static HttpCallRequest Json<T>(HttpMethod method, Uri url, T body, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Method = method,
        Url = url,
        Body = XComJson.Serialize(body),
        MediaType = "application/json",
        Headers = headers ?? new Dictionary<string, string>(),
    };
}
