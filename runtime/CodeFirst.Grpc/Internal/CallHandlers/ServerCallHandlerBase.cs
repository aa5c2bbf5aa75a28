using CodeFirst.Grpc.Internal.Protocols;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Grpc.Internal.CallHandlers;

/// <summary>
/// Validates the request, creates the call context, runs interceptors and the method, and turns
/// every outcome — success or any exception — into one status written in one place.
/// </summary>
internal abstract class ServerCallHandlerBase(MethodType? methodType, GrpcWireServices services)
{
    protected GrpcWireServices Services { get; } = services;

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        var method = httpContext.Request.Path.Value ?? "";
        var protocol = WireProtocol.FromContentType(httpContext.Request.ContentType);
        if (protocol is null || (methodType is not null and not MethodType.Unary && !protocol.SupportsStreaming))
        {
            Services.Logger.UnsupportedContentType(httpContext.Request.ContentType, method);
            RejectTransport(httpContext, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{httpContext.Request.ContentType}' is not supported.");
            return;
        }

        if (protocol.RequiresHttp2 && !HttpProtocol.IsHttp2(httpContext.Request.Protocol))
        {
            Services.Logger.UnsupportedHttpProtocol(httpContext.Request.Protocol, method);
            RejectTransport(httpContext, StatusCodes.Status426UpgradeRequired,
                $"Request protocol '{httpContext.Request.Protocol}' is not supported; gRPC needs HTTP/2.");
            return;
        }

        if (methodType is not null and not MethodType.Unary)
        {
            DisableRequestBodyLimits(httpContext);
        }

        using var context = new HttpServerCallContext(httpContext, protocol, method, protocol.ReadTimeout(httpContext.Request), Services.Options);
        var call = RunAsync(context);
        if (await Task.WhenAny(call, context.DeadlineReached).ConfigureAwait(false) != call)
        {
            // Answer at the deadline even if the handler ignores its token, as grpc-dotnet does;
            // then wait for the handler, which may still touch the HttpContext.
            Services.Logger.DeadlineExceeded(method);
            await context.CompleteAsync(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."), Services.Logger, endResponse: true)
                .ConfigureAwait(false);
            await call.ConfigureAwait(false);
            return;
        }

        await context.CompleteAsync(await call.ConfigureAwait(false), Services.Logger, endResponse: false).ConfigureAwait(false);
    }

    protected abstract Task HandleCallCoreAsync(HttpServerCallContext context);

    /// <summary>Interceptors and the method; every outcome becomes a status here, nothing escapes.</summary>
    private async Task<Status> RunAsync(HttpServerCallContext context)
    {
        try
        {
            context.Protocol.ValidateRequestEncoding(context.HttpContext);
            foreach (var interceptor in Services.Interceptors)
            {
                await interceptor.InterceptAsync(context).ConfigureAwait(false);
            }

            await HandleCallCoreAsync(context).ConfigureAwait(false);
            return context.Status;
        }
        catch (Exception ex)
        {
            return ToStatus(ex, context);
        }
    }

    private Status ToStatus(Exception exception, HttpServerCallContext context)
    {
        var logger = Services.Logger;
        switch (exception)
        {
            case RpcException rpc:
                foreach (var entry in rpc.Trailers)
                {
                    context.ResponseTrailers.Add(entry);
                }

                logger.CallFailed(context.Method, rpc.StatusCode, rpc.Status.Detail);
                return rpc.Status;
            case OperationCanceledException or IOException when context.DeadlineExceeded:
                logger.DeadlineExceeded(context.Method);
                return new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
            case OperationCanceledException or IOException when context.ClientCancelled:
                // A pending body read throws IOException, not OperationCanceledException, on a reset.
                logger.ClientCancelled(context.Method);
                return new Status(StatusCode.Cancelled, "Call canceled by the client.");
            case IOException:
                logger.RequestReadFailed(exception, context.Method);
                return new Status(StatusCode.Internal, $"Error reading the request: {exception.Message}");
            default:
                logger.HandlerFailed(exception, context.Method);
                return new Status(StatusCode.Internal, Services.Options.EnableDetailedErrors
                    ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                    : "Exception was thrown by handler.");
        }
    }

    private static void RejectTransport(HttpContext httpContext, int httpStatus, string message)
    {
        httpContext.Response.StatusCode = httpStatus;
        httpContext.Response.Headers["grpc-status"] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        httpContext.Response.Headers["grpc-message"] = PercentEncoding.Encode(message);
    }

    private static void DisableRequestBodyLimits(HttpContext httpContext)
    {
        // Kestrel's minimum data rate would reset an idle long-lived stream after about 5 seconds.
        if (httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
    }
}
