using System.CommandLine;
using System.Net;
using CodeFirst.Server.ControlPlane;
using CodeFirst.Server.ControlPlane.Auth;

namespace CodeFirst.Server.Cli;

/// <summary>The options of the roles that serve the control plane (<c>api</c>, <c>standalone</c>).</summary>
internal sealed class ServeOptions
{
    public Option<string> Listen { get; } = new("--listen")
    {
        Description = "Address of the gRPC control plane (HTTP/2); a non-loopback address needs auth (a token or --auth required)",
        DefaultValueFactory = _ => "127.0.0.1:50051",
    };

    public Option<string> Dashboard { get; } = new("--dashboard")
    {
        Description = "Address of the web dashboard (HTTP/1.1: the page and the Connect JSON API); a non-loopback address needs auth",
        DefaultValueFactory = _ => "127.0.0.1:8080",
    };

    public Option<bool> NoDashboard { get; } = new("--no-dashboard") { Description = "Do not serve the web dashboard" };

    public Option<string> Auth { get; } = CreateAuth();

    public Option<string?> TlsCertificate { get; } = new("--tls-cert") { Description = "PFX/PKCS#12 certificate file: serve over TLS" };

    public Option<string?> TlsPassword { get; } = new("--tls-cert-password") { Description = "Password of --tls-cert (default: $CODEFIRST_TLS_CERT_PASSWORD)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Listen);
        command.Options.Add(Dashboard);
        command.Options.Add(NoDashboard);
        command.Options.Add(Auth);
        command.Options.Add(TlsCertificate);
        command.Options.Add(TlsPassword);
    }

    public ControlPlaneOptions Read(ParseResult parse) => new()
    {
        Listen = ParseEndpoint(parse.GetValue(Listen)!),
        Dashboard = parse.GetValue(NoDashboard) ? null : ParseEndpoint(parse.GetValue(Dashboard)!, "--dashboard"),
        DashboardRequired = parse.GetResult(Dashboard) is { Implicit: false },
        Auth = parse.GetValue(Auth) == "required" ? AuthMode.Required : AuthMode.Auto,
        TlsCertificatePath = parse.GetValue(TlsCertificate),
        TlsCertificatePassword = parse.GetValue(TlsPassword) ?? Environment.GetEnvironmentVariable("CODEFIRST_TLS_CERT_PASSWORD"),
    };

    public static IPEndPoint ParseEndpoint(string text, string option = "--listen")
    {
        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)) text = "127.0.0.1" + text[9..];
        if (IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':', StringComparison.Ordinal) && endpoint.Port is >= 0 and <= 65535)
            return endpoint;
        throw new CliException($"{option} '{text}' is not an address and port such as 127.0.0.1:50051 or [::1]:50051.");
    }

    private static Option<string> CreateAuth()
    {
        var option = new Option<string>("--auth")
        {
            Description = "auto: tokens are required once one exists; required: always (even before the first token)",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "required");
        return option;
    }
}
