namespace CodeFirst.Grpc;

/// <summary>
/// What a handler knows about its call. Shaped like Grpc.Core's <c>ServerCallContext</c> so
/// services can move to Grpc.AspNetCore unchanged; it never exposes HTTP.
/// </summary>
public abstract class ServerCallContext
{
    /// <summary>The full method name, e.g. <c>/codefirst.v1.DagService/ListDags</c>.</summary>
    public abstract string Method { get; }

    public abstract string Host { get; }

    /// <summary>The client address, e.g. <c>ipv4:127.0.0.1:50123</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>When the call must end (UTC); <see cref="DateTime.MaxValue"/> when the client set none.</summary>
    public abstract DateTime Deadline { get; }

    public abstract Metadata RequestHeaders { get; }

    /// <summary>Cancelled when the client cancels, the deadline passes or the connection drops.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>A status to end the call with when the handler returns normally.</summary>
    public abstract Status Status { get; set; }

    /// <summary>
    /// A per-call property bag, e.g. for the identity an authentication interceptor found
    /// (Grpc.Core names it <c>UserState</c>).
    /// </summary>
    public abstract IDictionary<object, object> UserState { get; }

    /// <summary>Sends the response headers now; allowed once, before the first message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
