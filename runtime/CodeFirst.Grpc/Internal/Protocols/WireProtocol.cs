using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace CodeFirst.Grpc.Internal.Protocols;

/// <summary>
/// One request's protocol: how its messages, deadline and final status travel. The call handlers
/// are written once against this, for gRPC, Connect unary and Connect streaming alike.
/// </summary>
internal abstract class WireProtocol(MessageFormat format)
{
    public MessageFormat Format { get; } = format;

    public abstract string Name { get; }

    public abstract bool RequiresHttp2 { get; }

    public abstract bool SupportsStreaming { get; }

    /// <summary>The timeout the client asked for; null when none or unparseable.</summary>
    public abstract TimeSpan? ReadTimeout(HttpRequest request);

    /// <summary>Throws UNIMPLEMENTED for a request compression this server does not speak.</summary>
    public abstract void ValidateRequestEncoding(HttpContext httpContext);

    public abstract ValueTask<T?> ReadMessageAsync<T>(HttpContext httpContext, int? maxSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>, new();

    public abstract Task WriteMessageAsync(HttpContext httpContext, IMessage message, int? maxSize, CancellationToken cancellationToken);

    public abstract Task WriteResponseHeadersAsync(HttpContext httpContext, Metadata headers);

    public abstract Task WriteStatusAsync(HttpContext httpContext, Status status, Metadata trailers);

    /// <summary>Picks the protocol from the request's content type; null when none applies (HTTP 415).</summary>
    public static WireProtocol? FromContentType(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/grpc" or "application/grpc+proto" => new GrpcProtocol(MessageFormat.Proto, mediaType),
            "application/grpc+json" => new GrpcProtocol(MessageFormat.Json, mediaType),
            "application/proto" => new ConnectUnaryProtocol(MessageFormat.Proto, mediaType),
            "application/json" => new ConnectUnaryProtocol(MessageFormat.Json, mediaType),
            "application/connect+proto" => new ConnectStreamingProtocol(MessageFormat.Proto, mediaType),
            "application/connect+json" => new ConnectStreamingProtocol(MessageFormat.Json, mediaType),
            _ => null,
        };
    }

    protected static TimeSpan? ParseConnectTimeout(HttpRequest request)
    {
        var value = request.Headers["connect-timeout-ms"].ToString();
        return value.Length is > 0 and <= 10 && long.TryParse(value, out var milliseconds) && milliseconds >= 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;
    }

    protected static bool IsIdentity(string encoding) =>
        encoding.Length == 0 || string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase);
}
