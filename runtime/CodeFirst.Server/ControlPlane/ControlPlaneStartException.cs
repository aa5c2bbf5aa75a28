namespace CodeFirst.Server.ControlPlane;

/// <summary>The control plane refused to start; the message says why and what to do.</summary>
internal sealed class ControlPlaneStartException(string message) : Exception(message);
