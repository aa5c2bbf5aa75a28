using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

/// <summary>'tokens' works on the database; the server enforces a token as soon as it exists.</summary>
public sealed class TokensCommandTests : IAsyncLifetime
{
    private readonly ControlPlaneHost _host = new();
    private readonly CliRunner _cli = new(ControlPlaneDags.All);

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task CreateListRevoke_TokenGatesTheServer()
    {
        var server = _host.Address.ToString();
        Assert.Equal(0, (await _cli.RunAsync("dags", "list", "--server", server)).ExitCode);

        var created = await _cli.RunAsync("tokens", "create", "--name", "ops", "--role", "operator", "--db", _host.DatabasePath);
        Assert.Equal(0, created.ExitCode);
        var secret = created.Output.Trim();
        Assert.StartsWith("cf_", secret, StringComparison.Ordinal);
        Assert.Contains("shown only once", created.Error, StringComparison.Ordinal);

        var anonymous = await _cli.RunAsync("dags", "list", "--server", server);
        Assert.Equal(1, anonymous.ExitCode);
        Assert.StartsWith("Error: UNAUTHENTICATED: A bearer token is required", anonymous.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await _cli.RunAsync("dags", "pause", "passing", "--server", server, "--token", secret)).ExitCode);

        var duplicate = await _cli.RunAsync("tokens", "create", "--name", "ops", "--role", "viewer", "--db", _host.DatabasePath);
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Matches(@"ops\s+operator", (await _cli.RunAsync("tokens", "list", "--db", _host.DatabasePath)).Output);
        Assert.DoesNotContain(secret, (await _cli.RunAsync("tokens", "list", "--db", _host.DatabasePath)).Output, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("tokens", "revoke", "ops", "--db", _host.DatabasePath)).ExitCode);
        var revoked = await _cli.RunAsync("dags", "list", "--server", server, "--token", secret);
        Assert.Equal(1, revoked.ExitCode);
        Assert.Contains("UNAUTHENTICATED", revoked.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_NonLoopbackWithoutAuth_RefusesSayingWhy()
    {
        var result = await _cli.RunAsync("api", "--listen", "0.0.0.0:0", "--db", _host.DatabasePath);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Error: Refusing to listen on 0.0.0.0:0: it is not a loopback address and auth is off", result.Error, StringComparison.Ordinal);
    }
}
