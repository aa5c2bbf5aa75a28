using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CodeFirst.Proto.V1;
using CodeFirst.Server.ControlPlane.Auth;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>
/// The control plane with <c>--tls-cert</c> (docs/control-plane.md, "TLS"): a PFX file makes the
/// port https, HTTP/2 negotiated by ALPN, for .NET's own client and for buf curl.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private const string Password = "test-pw";
    private readonly string _directory = Directory.CreateTempSubdirectory("codefirst-tls-").FullName;
    private X509Certificate2 _certificate = null!;
    private ControlPlaneHost _host = null!;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory, "server.pfx");
        await File.WriteAllBytesAsync(path, _certificate.Export(X509ContentType.Pfx, Password));
        _host = new ControlPlaneHost(AuthMode.Auto, path, Password);
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _certificate.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task TlsCertificate_DotNetClientOverHttp2_CallSucceedsWithTheServersCertificate()
    {
        string? seen = null;
        using var client = new RawGrpcClient(_host.Address, handler: new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => (seen = certificate?.GetCertHashString()) == _certificate.GetCertHashString() },
        });

        var response = await client.SendAsync("/codefirst.v1.DagService/ListDags", RawGrpcClient.Frame(new ListDagsRequest()));

        Assert.Equal("https", _host.Address.Scheme);
        Assert.Equal((HttpVersion.Version20, 0), (response.Message.Version, response.GrpcStatus));
        Assert.Equal(_certificate.GetCertHashString(), seen);
        Assert.Contains("nightly", ListDagsResponse.Parser.ParseFrom(Assert.Single(response.Frames)).Dags.Select(d => d.DagId));
    }

    [Fact]
    public async Task TlsCertificate_BufCurlInsecure_ListsServicesOverReflection()
    {
        var clients = await NodeClients.GetAsync().WaitAsync(TimeSpan.FromMinutes(6));

        var result = await ProcessRunner.RunAsync(clients.Buf,
            ["curl", "--protocol", "grpc", "--insecure", "--list-services", _host.Address.ToString().TrimEnd('/')], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("codefirst.v1.DagRunService", result.StandardOutput, StringComparison.Ordinal);
    }
}
