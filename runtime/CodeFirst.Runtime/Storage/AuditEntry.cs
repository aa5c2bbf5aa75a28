namespace CodeFirst.Runtime.Storage;

/// <summary>One mutating control-plane call: who (token name or "anonymous"), what (method and key arguments), when, from where.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Who, string Method, string Details, string Peer);
