namespace CodeFirst.Server.Cli;

/// <summary>Exit codes of every command, documented in the README.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command ran but what it ran failed (e.g. <c>dags test</c> of a failing run), or the server could not be reached.</summary>
    public const int Failed = 1;
    /// <summary>Bad input: a command line that does not parse, an unknown DAG or run, an invalid date or conf.</summary>
    public const int UsageError = 2;
}
