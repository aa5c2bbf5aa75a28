using CodeFirst.Server.ControlPlane.Auth;

namespace CodeFirst.Server.Tests.ControlPlane.Infrastructure;

/// <summary>A host started with <c>--auth required</c>.</summary>
public sealed class AuthRequiredHost() : IAsyncLifetime
{
    public ControlPlaneHost Host { get; } = new(AuthMode.Required);

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}
