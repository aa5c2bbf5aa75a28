namespace CodeFirst.Server.Cli;

/// <summary>A problem with what the user asked for; printed as "Error: …" with the exit code.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.UsageError) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
