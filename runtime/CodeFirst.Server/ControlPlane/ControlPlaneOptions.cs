using System.Net;
using CodeFirst.Grpc;
using CodeFirst.Server.ControlPlane.Auth;

namespace CodeFirst.Server.ControlPlane;

/// <summary>Where and how the control plane listens.</summary>
internal sealed class ControlPlaneOptions
{
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, GrpcWireKestrelExtensions.DefaultPort);

    /// <summary>
    /// Where the web dashboard listens (HTTP/1.1: the page and the Connect JSON API on one origin); null serves no
    /// dashboard. The CLI defaults to 127.0.0.1:8080; in code it is off unless set.
    /// </summary>
    public IPEndPoint? Dashboard { get; init; }

    /// <summary>False for the CLI's default address: if it cannot be bound, the control plane starts without the dashboard.</summary>
    public bool DashboardRequired { get; init; } = true;

    public AuthMode Auth { get; init; } = AuthMode.Auto;

    /// <summary>How often watch and follow streams re-read the store when no event arrives (changes made by other processes).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long /metrics reuses the database counts behind its gauges (queued/running per queue and pool, triggers).</summary>
    public TimeSpan MetricsGaugesMaxAge { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxReceiveMessageSize { get; init; } = GrpcWireOptions.DefaultMaxReceiveMessageSize;

    /// <summary>A PFX/PKCS#12 certificate file: serve gRPC over TLS (HTTP/2 via ALPN) instead of cleartext.</summary>
    public string? TlsCertificatePath { get; init; }

    public string? TlsCertificatePassword { get; init; }
}
