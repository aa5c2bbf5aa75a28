using System.Net;
using System.Net.Sockets;
using CodeFirst.Grpc.Internal.Protocols;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Grpc.Internal;

/// <summary>The one object per call: the handler's <see cref="ServerCallContext"/> and its way to the wire.</summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly HttpContext _httpContext;
    private readonly WireProtocol _protocol;
    private readonly GrpcWireOptions _options;
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenSource _callSource;
    private readonly TaskCompletionSource _deadlineReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Metadata? _requestHeaders;
    private Dictionary<object, object>? _userState;
    private bool _completed;

    public HttpServerCallContext(HttpContext httpContext, WireProtocol protocol, string method, TimeSpan? timeout, GrpcWireOptions options)
    {
        _httpContext = httpContext;
        _protocol = protocol;
        _options = options;
        Method = method;
        Deadline = DateTime.MaxValue;

        // CancellationTokenSource cannot wait past ~24 days; a longer timeout is as good as none.
        if (timeout is { } value && value.TotalMilliseconds < int.MaxValue)
        {
            Deadline = DateTime.UtcNow + value;
            _deadlineSource = new CancellationTokenSource(value);
            _deadlineSource.Token.Register(() => _deadlineReached.TrySetResult());
            _callSource = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, _deadlineSource.Token);
        }
        else
        {
            _callSource = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        }
    }

    public override string Method { get; }

    public override string Host => _httpContext.Request.Host.Value ?? "";

    public override string Peer => FormatPeer(_httpContext.Connection.RemoteIpAddress, _httpContext.Connection.RemotePort);

    public override DateTime Deadline { get; }

    public override Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.FromRequest(_httpContext.Request.Headers);

    public override CancellationToken CancellationToken => _callSource.Token;

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override IDictionary<object, object> UserState => _userState ??= [];

    public HttpContext HttpContext => _httpContext;

    public WireProtocol Protocol => _protocol;

    /// <summary>Completes when the deadline passes; never when there is none.</summary>
    public Task DeadlineReached => _deadlineReached.Task;

    public bool DeadlineExceeded => _deadlineSource?.IsCancellationRequested == true;

    public bool ClientCancelled => _httpContext.RequestAborted.IsCancellationRequested;

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed || _httpContext.Response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call, before anything else.");
            }

            await _protocol.WriteResponseHeadersAsync(_httpContext, responseHeaders).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public ValueTask<T?> ReadMessageAsync<T>(CancellationToken cancellationToken)
        where T : class, IMessage<T>, new() =>
        _protocol.ReadMessageAsync<T>(_httpContext, _options.MaxReceiveMessageSize, cancellationToken);

    /// <summary>Reads the one request message of a unary or server-streaming call.</summary>
    public async Task<T> ReadSingleMessageAsync<T>()
        where T : class, IMessage<T>, new()
    {
        var message = await ReadMessageAsync<T>(CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "The request ended without a message; this method takes exactly one.");
        if (await ReadMessageAsync<T>(CancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, "The request has more than one message; this method takes exactly one.");
        }

        return message;
    }

    public async Task WriteMessageAsync(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        // Writes after a client reset do not throw, so stop a streaming handler here.
        CancellationToken.ThrowIfCancellationRequested();
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException("The call is complete; no more messages can be written.");
            }

            await _protocol.WriteMessageAsync(_httpContext, message, _options.MaxSendMessageSize, CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes the status once; later writes fail. With <paramref name="endResponse"/> the client gets it now.</summary>
    public async Task CompleteAsync(Status status, ILogger logger, bool endResponse)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            await _protocol.WriteStatusAsync(_httpContext, status, ResponseTrailers).ConfigureAwait(false);
            if (endResponse)
            {
                await _httpContext.Response.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ClientCancelled)
        {
            logger.StatusNotSent(ex, Method);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        _callSource.Dispose();
        _deadlineSource?.Dispose();
        _writeLock.Dispose();
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}
