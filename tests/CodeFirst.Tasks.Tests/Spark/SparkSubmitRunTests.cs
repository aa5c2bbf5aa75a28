using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Tests;

public sealed class SparkSubmitRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [UnixFact]
    public async Task RunAsync_ValuesWithSpacesAndShellCharacters_ReachSparkSubmitAsSingleLiteralArguments()
    {
        using var fake = new FakeSparkSubmit();
        var marker = Path.Combine(fake.Home, "pwned");
        var options = new SparkSubmitOptions
        {
            SparkSubmitPath = fake.Executable,
            Environment = fake.Environment(),
            Application = "/jobs/my app.py",
            Name = "nightly job; $(touch " + marker + ")",
            Conf = new Dictionary<string, string> { ["spark.z"] = "last", ["spark.driver.extraJavaOptions"] = "-Da=1 -Db='two words'" },
            ApplicationArguments = ["--where", "name = 'x' && `id`", ""],
        };

        await SparkSubmit.RunAsync(options, new TestLogger()).WaitAsync(Bound);

        Assert.Equal(
        [
            "--name", "nightly job; $(touch " + marker + ")",
            "--conf", "spark.driver.extraJavaOptions=-Da=1 -Db='two words'",
            "--conf", "spark.z=last",
            "/jobs/my app.py",
            "--where", "name = 'x' && `id`", "",
        ], fake.RecordedArguments());
        Assert.False(File.Exists(marker));
    }

    [UnixFact]
    public async Task RunAsync_SparkHomeInEnvironment_RunsItsBinSparkSubmit()
    {
        using var fake = new FakeSparkSubmit();
        var environment = fake.Environment();
        environment["SPARK_HOME"] = fake.Home;

        await SparkSubmit.RunAsync(new SparkSubmitOptions { Application = "app.py", Master = "local[2]", Environment = environment }, new TestLogger()).WaitAsync(Bound);

        Assert.Equal(["--master", "local[2]", "app.py"], fake.RecordedArguments());
    }

    [UnixFact]
    public async Task RunAsync_Output_IsLoggedAndLastStdoutLineReturned()
    {
        using var fake = new FakeSparkSubmit();
        var log = new TestLogger();

        var result = await SparkSubmit.RunAsync(TestContexts.Create(log), new SparkSubmitOptions { Application = "app.py", SparkSubmitPath = fake.Executable, Environment = fake.Environment() }).WaitAsync(Bound);

        Assert.Equal("final state: FINISHED", result);
        Assert.Equal(["fake spark-submit starting", "final state: FINISHED"], log.OutputLines.Where(e => !e.Message.StartsWith("INFO", StringComparison.Ordinal)).Select(e => e.Message));
        Assert.Contains(new LogEntry(LogLevel.Information, "INFO SparkContext: Running Spark version 3.5.0", 3), log.OutputLines);
    }

    [UnixFact]
    public async Task RunAsync_NonZeroExit_ThrowsShellCommandExceptionWithStderrTail()
    {
        using var fake = new FakeSparkSubmit();
        var options = new SparkSubmitOptions { Application = "app.py", SparkSubmitPath = fake.Executable, Environment = fake.Environment(exitCode: 12) };

        var error = await Assert.ThrowsAsync<ShellCommandException>(() => SparkSubmit.RunAsync(options, new TestLogger()).WaitAsync(Bound));

        Assert.Equal(12, error.ExitCode);
        Assert.Equal("ERROR ApplicationMaster: job failed", error.StderrTail[^1]);
    }

    [UnixFact]
    public async Task RunAsync_SecretLookingConf_IsMaskedInTheLogButPassedInFull()
    {
        using var fake = new FakeSparkSubmit();
        var log = new TestLogger();
        var options = new SparkSubmitOptions
        {
            Application = "app.py",
            SparkSubmitPath = fake.Executable,
            Environment = fake.Environment(),
            Conf = new Dictionary<string, string> { ["spark.hadoop.fs.s3a.secret.key"] = "hunter2", ["spark.app.owner"] = "data team" },
        };

        await SparkSubmit.RunAsync(options, log).WaitAsync(Bound);

        Assert.Contains("spark.hadoop.fs.s3a.secret.key=hunter2", fake.RecordedArguments());
        Assert.Equal(
            $"Running {fake.Executable} --conf 'spark.app.owner=data team' --conf spark.hadoop.fs.s3a.secret.key=*** app.py",
            log.Entries[0].Message);
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task RunAsync_ExecutableMissing_ThrowsTaskFailedException()
    {
        using var dir = new TempDirectory();
        var options = new SparkSubmitOptions { Application = "app.py", SparkSubmitPath = dir.File("no-such-spark-submit") };

        await Assert.ThrowsAsync<TaskFailedException>(() => SparkSubmit.RunAsync(options, new TestLogger()).WaitAsync(Bound));
    }
}
