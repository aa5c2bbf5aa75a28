using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>How many task instances of one queue and pool are in <see cref="State"/> (queued or running).</summary>
public sealed record ActiveTaskCount(string Queue, string Pool, TaskInstanceState State, int Count);
