using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace CodeFirst.TestSupport;

/// <summary>.NET's own HttpClient speaking HTTP/2 with prior knowledge, to send what real clients never would.</summary>
public sealed class RawGrpcClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly HttpClient _client;
    private readonly Version _version;

    /// <param name="handler">A handler of the caller's (e.g. one that trusts a test certificate); disposed with the client.</param>
    public RawGrpcClient(Uri address, Version? version = null, HttpMessageHandler? handler = null)
    {
        _client = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = address, Timeout = Timeout };
        _version = version ?? HttpVersion.Version20;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static byte[] Frame(byte[] payload, byte flags = 0, int? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? payload.Length));
        payload.CopyTo(frame, 5);
        return frame;
    }

    public async Task<RawResponse> SendAsync(
        string path, byte[] body, string contentType = "application/grpc", IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = _version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        using var cts = new CancellationTokenSource(Timeout);
        var response = await _client.SendAsync(request, cts.Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(cts.Token);
        var status = Header(response, "grpc-status");
        return new RawResponse(response.StatusCode, bytes, status is null ? null : int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
            Header(response, "grpc-message") is { } message ? Uri.UnescapeDataString(message) : null, response);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>From the headers (trailers-only response) or else the trailers.</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values)
            ? values.First()
            : null;
}
