namespace CodeFirst.Tasks.Tests;

/// <summary>
/// A bash stand-in for spark-submit at <c>{home}/bin/spark-submit</c>: records its argv one
/// per line, writes to both streams, and on request spawns a child and waits, or fails.
/// </summary>
internal sealed class FakeSparkSubmit : IDisposable
{
    private const string Script = """
        #!/bin/bash
        printf '%s\n' "$@" > "$FAKE_ARGS_FILE"
        echo "fake spark-submit starting"
        echo "INFO SparkContext: Running Spark version 3.5.0" >&2
        if [ -n "$FAKE_HANG" ]; then
          echo $$ > "$FAKE_PID_FILE.tmp" && mv "$FAKE_PID_FILE.tmp" "$FAKE_PID_FILE"
          sleep 60 &
          echo $! > "$FAKE_CHILD_PID_FILE.tmp" && mv "$FAKE_CHILD_PID_FILE.tmp" "$FAKE_CHILD_PID_FILE"
          wait
        fi
        if [ -n "$FAKE_EXIT_CODE" ]; then
          echo "ERROR ApplicationMaster: job failed" >&2
          exit "$FAKE_EXIT_CODE"
        fi
        echo "final state: FINISHED"
        """;

    private readonly TempDirectory _dir = new();

    public FakeSparkSubmit()
    {
        Directory.CreateDirectory(Path.Combine(Home, "bin"));
        File.WriteAllText(Executable, Script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Usable as SPARK_HOME.</summary>
    public string Home => _dir.Path;

    public string Executable => Path.Combine(Home, "bin", "spark-submit");

    public string ArgsFile => _dir.File("args.txt");

    public string PidFile => _dir.File("driver.pid");

    public string ChildPidFile => _dir.File("child.pid");

    public Dictionary<string, string?> Environment(bool hang = false, int? exitCode = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["FAKE_ARGS_FILE"] = ArgsFile,
            ["FAKE_PID_FILE"] = PidFile,
            ["FAKE_CHILD_PID_FILE"] = ChildPidFile,
        };
        if (hang) environment["FAKE_HANG"] = "1";
        if (exitCode is { } code) environment["FAKE_EXIT_CODE"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }

    /// <summary>The argv the fake received (a trailing empty line is printf's newline, not an argument).</summary>
    public string[] RecordedArguments() => File.ReadAllText(ArgsFile).Split('\n')[..^1];

    public void Dispose() => _dir.Dispose();
}
