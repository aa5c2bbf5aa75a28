using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CodeFirst.Grpc;

public static class GrpcWireKestrelExtensions
{
    public const int DefaultPort = 50051;

    /// <summary>
    /// Listens for gRPC on an HTTP/2-only cleartext port (h2c with prior knowledge), by default
    /// 127.0.0.1:50051. It must be HTTP/2 only: a cleartext Http1AndHttp2 port answers h2c with
    /// GOAWAY. Connect (JSON) clients can use this port over HTTP/2 too; HTTP/1.1 clients need
    /// another port.
    /// </summary>
    public static KestrelServerOptions ListenGrpcWire(
        this KestrelServerOptions options, IPAddress? address = null, int port = DefaultPort, Action<ListenOptions>? configure = null) =>
        options.ListenGrpcWire(new IPEndPoint(address ?? IPAddress.Loopback, port), configure);

    /// <param name="configure">Runs after the protocol is set, e.g. to add TLS or read the bound port later.</param>
    public static KestrelServerOptions ListenGrpcWire(this KestrelServerOptions options, IPEndPoint endpoint, Action<ListenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoint);
        options.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            configure?.Invoke(listen);
        });
        return options;
    }
}
