using System.Net;
using System.Net.Http.Headers;

namespace CodeFirst.Bench.Support;

/// <summary>
/// <c>grpc.health.v1.Health/Check</c> over HTTP/2 cleartext, by hand: an empty request frame, and the
/// answer <c>status: SERVING</c> is the two bytes <c>08 01</c> after the 5-byte frame header.
/// </summary>
internal sealed class HealthProbe(int port) : IDisposable
{
    private static readonly byte[] EmptyRequest = [0, 0, 0, 0, 0];
    private static readonly byte[] Serving = [0, 0, 0, 0, 2, 0x08, 0x01];
    private readonly HttpClient _client = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) }) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>True when the server answered SERVING; false while it refuses connections or answers otherwise.</summary>
    public async Task<bool> IsServingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/grpc.health.v1.Health/Check")
        {
            Content = new ByteArrayContent(EmptyRequest),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact, // HTTP/2 cleartext with prior knowledge
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode && body.AsSpan().SequenceEqual(Serving);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
