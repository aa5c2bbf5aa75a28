namespace CodeFirst.Packaging.Tests.Support;

/// <summary>A finished process: what ran, how it ended, everything it printed.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    public ProcessResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, $"'{CommandLine}' exited with {ExitCode} after {Elapsed.TotalSeconds:0.0}s:\n{Output}");
        return this;
    }

    public override string ToString() => $"'{CommandLine}' (exit {ExitCode}, {Elapsed.TotalSeconds:0.0}s):\n{Output}";
}
