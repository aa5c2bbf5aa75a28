using System.Globalization;
using CodeFirst.Grpc.Internal.Framing;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace CodeFirst.Grpc.Internal.Protocols;

/// <summary>gRPC over HTTP/2: framed messages, status in trailers (or trailers-only when nothing was sent).</summary>
internal sealed class GrpcProtocol(MessageFormat format, string contentType) : WireProtocol(format)
{
    public override string Name => "grpc";

    public override bool RequiresHttp2 => true;

    public override bool SupportsStreaming => true;

    public override TimeSpan? ReadTimeout(HttpRequest request) =>
        GrpcTimeout.TryParse(request.Headers["grpc-timeout"].ToString(), out var timeout) ? timeout : null;

    public override void ValidateRequestEncoding(HttpContext httpContext)
    {
        var encoding = httpContext.Request.Headers["grpc-encoding"].ToString();
        if (!IsIdentity(encoding))
        {
            httpContext.Response.Headers["grpc-accept-encoding"] = "identity";
            throw new RpcException(StatusCode.Unimplemented,
                $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: identity");
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

    public override Task WriteStatusAsync(HttpContext httpContext, Status status, Metadata trailers)
    {
        var response = httpContext.Response;
        var code = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!response.HasStarted)
        {
            // Trailers-only response: the status rides in the headers.
            PrepareResponse(response);
            response.Headers["grpc-status"] = code;
            if (status.Detail.Length > 0)
            {
                response.Headers["grpc-message"] = PercentEncoding.Encode(status.Detail);
            }

            MetadataHeaders.Append(response.Headers, trailers);
            return Task.CompletedTask;
        }

        response.AppendTrailer("grpc-status", code);
        if (status.Detail.Length > 0)
        {
            response.AppendTrailer("grpc-message", PercentEncoding.Encode(status.Detail));
        }

        foreach (var entry in trailers)
        {
            response.AppendTrailer(entry.Key, entry.Value);
        }

        return Task.CompletedTask;
    }

    private void PrepareResponse(HttpResponse response)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType == "application/grpc+json" ? contentType : "application/grpc";
        }
    }
}
