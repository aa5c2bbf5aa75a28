using System.Buffers;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace CodeFirst.Grpc.Internal.Protocols;

/// <summary>
/// Connect unary: the body is one bare message (<c>application/proto</c> or <c>application/json</c>);
/// errors are a JSON body with an HTTP status; trailers travel as <c>trailer-</c> headers, so the
/// response message is held back until the status is known.
/// </summary>
internal sealed class ConnectUnaryProtocol(MessageFormat format, string contentType) : WireProtocol(format)
{
    private bool _requestRead;
    private byte[]? _responseBody;

    public override string Name => "connect";

    public override bool RequiresHttp2 => false;

    public override bool SupportsStreaming => false;

    public override TimeSpan? ReadTimeout(HttpRequest request) => ParseConnectTimeout(request);

    public override void ValidateRequestEncoding(HttpContext httpContext)
    {
        var encoding = httpContext.Request.Headers.ContentEncoding.ToString();
        if (!IsIdentity(encoding))
        {
            httpContext.Response.Headers.AcceptEncoding = "identity";
            throw new RpcException(StatusCode.Unimplemented,
                $"Unsupported content-encoding value '{encoding}'. Supported encodings: identity");
        }
    }

    public override async ValueTask<T?> ReadMessageAsync<T>(HttpContext httpContext, int? maxSize, CancellationToken cancellationToken)
        where T : class
    {
        if (_requestRead)
        {
            return null;
        }

        _requestRead = true;
        var reader = httpContext.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > (maxSize ?? int.MaxValue))
            {
                reader.AdvanceTo(buffer.End);
                throw new RpcException(StatusCode.ResourceExhausted,
                    $"Received message exceeds the maximum of {maxSize} bytes.");
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                try
                {
                    return result.IsCanceled
                        ? throw new OperationCanceledException("Reading the request was cancelled.")
                        : MessageSerializer.Deserialize<T>(buffer, Format);
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public override Task WriteMessageAsync(HttpContext httpContext, IMessage message, int? maxSize, CancellationToken cancellationToken)
    {
        if (_responseBody is not null)
        {
            throw new InvalidOperationException("A unary call has exactly one response message.");
        }

        _responseBody = Format == MessageFormat.Json ? MessageSerializer.SerializeJson(message) : message.ToByteArray();
        Framing.FrameWriter.CheckSize(_responseBody, maxSize);
        return Task.CompletedTask;
    }

    public override Task WriteResponseHeadersAsync(HttpContext httpContext, Metadata headers)
    {
        MetadataHeaders.Append(httpContext.Response.Headers, headers);
        return Task.CompletedTask;
    }

    public override async Task WriteStatusAsync(HttpContext httpContext, Status status, Metadata trailers)
    {
        var response = httpContext.Response;
        MetadataHeaders.Append(response.Headers, trailers, "trailer-");
        if (status.StatusCode == StatusCode.OK && _responseBody is not null)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = _responseBody.Length;
            await response.BodyWriter.WriteAsync(_responseBody).ConfigureAwait(false);
            return;
        }

        if (status.StatusCode == StatusCode.OK)
        {
            status = new Status(StatusCode.Internal, "The handler completed without a response message.");
        }

        response.StatusCode = ConnectErrors.HttpStatus(status.StatusCode);
        response.ContentType = "application/json";
        var body = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            ConnectErrors.WriteError(writer, status);
        }

        await response.BodyWriter.WriteAsync(body.WrittenMemory).ConfigureAwait(false);
    }
}
