namespace CodeFirst.Samples.Heartbeat;

/// <summary>The heartbeat's conf: <c>{"target": "...", "timeout_seconds": 5}</c>; both have defaults.</summary>
public sealed record HeartbeatParams(string Target = "localhost", int TimeoutSeconds = 5);
