using System.Buffers;
using System.Text.Json;
using CodeFirst.Grpc.Internal.Framing;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace CodeFirst.Grpc.Internal.Protocols;

/// <summary>
/// Connect streaming (<c>application/connect+proto|json</c>): enveloped messages like gRPC, but the
/// status is a final end-stream envelope holding JSON, and the HTTP status is 200.
/// </summary>
internal sealed class ConnectStreamingProtocol(MessageFormat format, string contentType) : WireProtocol(format)
{
    public override string Name => "connect-streaming";

    public override bool RequiresHttp2 => false;

    public override bool SupportsStreaming => true;

    public override TimeSpan? ReadTimeout(HttpRequest request) => ParseConnectTimeout(request);

    public override void ValidateRequestEncoding(HttpContext httpContext)
    {
        var encoding = httpContext.Request.Headers["connect-content-encoding"].ToString();
        if (!IsIdentity(encoding))
        {
            httpContext.Response.Headers["connect-accept-encoding"] = "identity";
            throw new RpcException(StatusCode.Unimplemented,
                $"Unsupported connect-content-encoding value '{encoding}'. Supported encodings: identity");
        }
    }

    public override ValueTask<T?> ReadMessageAsync<T>(HttpContext httpContext, int? maxSize, CancellationToken cancellationToken)
        where T : class =>
        FrameReader.ReadMessageAsync<T>(httpContext.Request.BodyReader, Format, maxSize, cancellationToken);

    public override Task WriteMessageAsync(HttpContext httpContext, IMessage message, int? maxSize, CancellationToken cancellationToken)
    {
        PrepareResponse(httpContext.Response);
        return FrameWriter.WriteMessageAsync(httpContext.Response.BodyWriter, message, Format, maxSize, cancellationToken);
    }

    public override Task WriteResponseHeadersAsync(HttpContext httpContext, Metadata headers)
    {
        PrepareResponse(httpContext.Response);
        MetadataHeaders.Append(httpContext.Response.Headers, headers);
        return httpContext.Response.StartAsync();
    }

    public override async Task WriteStatusAsync(HttpContext httpContext, Status status, Metadata trailers)
    {
        PrepareResponse(httpContext.Response);
        var body = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            if (status.StatusCode != StatusCode.OK)
            {
                writer.WritePropertyName("error");
                ConnectErrors.WriteError(writer, status);
            }

            if (trailers.Count > 0)
            {
                writer.WriteStartObject("metadata");
                foreach (var group in trailers.GroupBy(e => e.Key))
                {
                    writer.WriteStartArray(group.Key);
                    foreach (var entry in group)
                    {
                        writer.WriteStringValue(entry.Value);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        FrameWriter.WriteFrame(httpContext.Response.BodyWriter, FrameHeader.EndStream, body.WrittenSpan);
        await httpContext.Response.BodyWriter.FlushAsync().ConfigureAwait(false);
    }

    private void PrepareResponse(HttpResponse response)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
        }
    }
}
