using CodeFirst.Grpc;

namespace CodeFirst.Server.ControlPlane.Auth;

/// <summary>Who made a call: a token's name and role, or "anonymous" when auth is not enforced.</summary>
internal sealed record CallerIdentity(string Name, ApiRole Role)
{
    public static readonly CallerIdentity Anonymous = new("anonymous", ApiRole.Admin);

    private static readonly object Key = new();

    public static CallerIdentity Of(ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var identity) ? (CallerIdentity)identity : Anonymous;

    public void AttachTo(ServerCallContext context) => context.UserState[Key] = this;
}
