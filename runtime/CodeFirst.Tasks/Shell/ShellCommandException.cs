namespace CodeFirst.Tasks;

/// <summary>
/// A command exited with a non-zero code. An ordinary failure: the task is retried while it
/// has retries left (throw <see cref="TaskFailedException"/> yourself to fail at once).
/// </summary>
public sealed class ShellCommandException : Exception
{
    public ShellCommandException(string command, int exitCode, IReadOnlyList<string> stderrTail)
        : base(FormatMessage(command, exitCode, stderrTail))
    {
        Command = command;
        ExitCode = exitCode;
        StderrTail = stderrTail;
    }

    /// <summary>The command as it was logged.</summary>
    public string Command { get; }

    public int ExitCode { get; }

    /// <summary>The last lines the command wrote to stderr (at most 20), oldest first.</summary>
    public IReadOnlyList<string> StderrTail { get; }

    private static string FormatMessage(string command, int exitCode, IReadOnlyList<string> stderrTail)
    {
        var message = $"Command exited with code {exitCode}: {command}";
        return stderrTail.Count == 0
            ? message
            : message + System.Environment.NewLine + "Last stderr lines:" + System.Environment.NewLine + string.Join(System.Environment.NewLine, stderrTail);
    }
}
