using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>The state of one task instance of a run: <see cref="MapIndex"/> -1 unless it is an expanded instance of a mapped task.</summary>
public sealed record InstanceState(string TaskId, int MapIndex, TaskInstanceState State);
