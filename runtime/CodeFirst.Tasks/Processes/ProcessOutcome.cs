namespace CodeFirst.Tasks.Processes;

/// <summary>How a process that ran to completion ended.</summary>
internal sealed record ProcessOutcome(int ExitCode, string? LastStdoutLine, IReadOnlyList<string> StderrTail);
