namespace CodeFirst.Runtime.Storage;

/// <summary>Lines to add to the end of one try's log (<see cref="MapIndex"/> -1 for an unmapped task).</summary>
public sealed record TaskLogChunk(long RunPk, string TaskId, int MapIndex, int TryNumber, IReadOnlyList<LogLine> Lines);
