using CodeFirst.Grpc;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Auth;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.ControlPlane;

/// <summary>Writes every mutating call (who, method + key arguments, when, from where) to the audit log.</summary>
internal sealed class AuditTrail(IAccessStore access, TimeProvider time, ILogger logger)
{
    public async Task RecordAsync(ServerCallContext context, string details)
    {
        var who = CallerIdentity.Of(context).Name;
        var method = context.Method.TrimStart('/');
        ControlPlaneLog.Mutated(logger, who, method, details);
        // The change is made; record it even if the client has gone.
        await access.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), who, method, details, context.Peer), CancellationToken.None);
    }
}
