using CodeFirst.Grpc;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.ControlPlane.Auth;

/// <summary>
/// Checks <c>authorization: Bearer …</c> against the stored token hashes and the method's role.
/// Enforced when <see cref="AuthMode.Required"/> or once any token was created (checked per call, so a
/// token created by the CLI takes effect at once).
/// </summary>
internal sealed class BearerTokenInterceptor(IAccessStore access, AuthMode mode, ILogger logger) : IServerCallInterceptor
{
    public async ValueTask InterceptAsync(ServerCallContext context)
    {
        if (MethodPolicy.IsOpen(context.Method)) return;
        var enforced = mode == AuthMode.Required || await access.HasAnyTokensAsync(context.CancellationToken);
        if (!enforced) return;

        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            ControlPlaneLog.Unauthenticated(logger, context.Method, context.Peer, "no bearer token");
            throw new RpcException(StatusCode.Unauthenticated, "A bearer token is required: send 'authorization: Bearer <token>' (create one with 'tokens create').");
        }

        var token = await access.FindActiveTokenAsync(ApiTokens.Hash(header[7..].Trim()), context.CancellationToken);
        if (token is null || !ApiRoles.TryParse(token.Role, out var role))
        {
            ControlPlaneLog.Unauthenticated(logger, context.Method, context.Peer, "unknown or revoked token");
            throw new RpcException(StatusCode.Unauthenticated, "The bearer token is not valid (unknown or revoked).");
        }

        var required = MethodPolicy.Required(context.Method);
        if (role < required)
        {
            ControlPlaneLog.PermissionDenied(logger, context.Method, token.Name, role.Name());
            throw new RpcException(StatusCode.PermissionDenied,
                $"Token '{token.Name}' has role '{role.Name()}'; {context.Method} needs role '{required.Name()}'.");
        }

        new CallerIdentity(token.Name, role).AttachTo(context);
    }
}
