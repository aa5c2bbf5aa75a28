using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using CodeFirst.Grpc;
using Google.Protobuf;

namespace CodeFirst.Server.Cli.Client;

/// <summary>
/// A small gRPC client over <see cref="HttpClient"/> (Grpc.Net.Client cannot be restored here):
/// HTTP/2 with prior knowledge (or TLS for https), length-prefixed frames, status from the
/// trailers or, for a trailers-only answer, the headers. Unary and server streaming only.
/// </summary>
internal sealed class GrpcClient : IDisposable
{
    /// <summary>Unary calls end with DEADLINE_EXCEEDED after this long.</summary>
    public static readonly TimeSpan UnaryDeadline = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly string? _token;

    public GrpcClient(Uri server, string? token)
    {
        Server = server;
        _token = token;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            BaseAddress = server,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri Server { get; }

    public async Task<TResponse> UnaryAsync<TResponse>(string method, IMessage request, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        using var response = await SendAsync(method, request, UnaryDeadline, cancellationToken);
        var messages = new List<TResponse>();
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            await foreach (var payload in ReadFramesAsync(body, cancellationToken)) messages.Add(parser.ParseFrom(payload));
        }
        ThrowIfFailed(response);
        return messages.Count == 1 ? messages[0] : throw new GrpcCallException(StatusCode.Internal, $"expected one response message, got {messages.Count}.");
    }

    public async IAsyncEnumerable<TResponse> StreamAsync<TResponse>(
        string method, IMessage request, MessageParser<TResponse> parser, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        using var response = await SendAsync(method, request, null, cancellationToken);
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            await foreach (var payload in ReadFramesAsync(body, cancellationToken)) yield return parser.ParseFrom(payload);
        }
        ThrowIfFailed(response);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string method, IMessage message, TimeSpan? deadline, CancellationToken cancellationToken)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, method.TrimStart('/'))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (deadline is { } d) request.Headers.TryAddWithoutValidation("grpc-timeout", ((int)d.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "S");
        if (!string.IsNullOrEmpty(_token)) request.Headers.TryAddWithoutValidation("authorization", "Bearer " + _token);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new CliException($"cannot reach the CodeFirst server at {Server}; start it with 'standalone' or 'api' ({e.Message})", ExitCodes.Failed);
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using (response)
            {
                ThrowIfFailed(response);
                throw new GrpcCallException(StatusCode.Unknown, $"the server answered HTTP {(int)response.StatusCode} to {method}.");
            }
        }
        return response;
    }

    private static async IAsyncEnumerable<byte[]> ReadFramesAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = new byte[5];
        while (true)
        {
            var read = await body.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false, cancellationToken);
            if (read == 0) yield break;
            if (read < 5) throw new GrpcCallException(StatusCode.Internal, "the response ended inside a message header.");
            if (header[0] != 0) throw new GrpcCallException(StatusCode.Internal, "the server sent a compressed message; this client supports none.");
            var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
            await body.ReadExactlyAsync(payload, cancellationToken);
            yield return payload;
        }
    }

    private static void ThrowIfFailed(HttpResponseMessage response)
    {
        var status = Header(response, "grpc-status");
        if (status is null)
        {
            if (response.StatusCode == HttpStatusCode.OK)
                throw new GrpcCallException(StatusCode.Internal, "the server ended the call without a grpc-status.");
            return;
        }

        if (!int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            throw new GrpcCallException(StatusCode.Internal, $"the server sent an invalid grpc-status '{status}'.");
        if (code != 0)
            throw new GrpcCallException((StatusCode)code, Header(response, "grpc-message") is { } message ? Uri.UnescapeDataString(message) : "");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values) ? values.FirstOrDefault() : null;
}
