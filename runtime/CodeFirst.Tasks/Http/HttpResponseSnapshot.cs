namespace CodeFirst.Tasks;

/// <summary>A fully read response: nothing here holds a connection open.</summary>
public sealed class HttpResponseSnapshot
{
    public required int StatusCode { get; init; }

    public required string Body { get; init; }

    /// <summary>Response and content headers, names compared case-insensitively.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; }

    /// <summary>Which attempt produced this response, from 1.</summary>
    public required int Attempt { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>The body as JSON (camelCase, the XCom conventions).</summary>
    public T? ReadJson<T>() => XComJson.Deserialize<T>(Body);
}
