namespace CodeFirst.Server.ControlPlane.Auth;

/// <summary>When bearer tokens are required.</summary>
internal enum AuthMode
{
    /// <summary>Required once any token exists; with none, every call is allowed (loopback only).</summary>
    Auto,
    /// <summary>Always required, even before the first token exists.</summary>
    Required,
}
