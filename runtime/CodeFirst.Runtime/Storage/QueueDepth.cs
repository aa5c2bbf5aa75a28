namespace CodeFirst.Runtime.Storage;

/// <summary>Task instances of one queue waiting for a worker (queued), on one (running) and waiting on a trigger (deferred).</summary>
public sealed record QueueDepth(string Queue, int Queued, int Running, int Deferred);
