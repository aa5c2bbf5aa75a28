namespace CodeFirst.Tasks.Tests;

public sealed class SparkSubmitKillTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [UnixFact]
    public async Task RunAsync_TimeoutElapses_KillsDriverAndItsChildAndThrowsTimeout()
    {
        using var fake = new FakeSparkSubmit();
        var options = new SparkSubmitOptions
        {
            Application = "app.py",
            SparkSubmitPath = fake.Executable,
            Environment = fake.Environment(hang: true),
            Timeout = TimeSpan.FromSeconds(2),
        };

        await Assert.ThrowsAsync<TimeoutException>(() => SparkSubmit.RunAsync(options, new TestLogger()).WaitAsync(Bound));

        var driver = await ProcessProbe.ReadPidAsync(fake.PidFile, Bound);
        var child = await ProcessProbe.ReadPidAsync(fake.ChildPidFile, Bound);
        await Poll.UntilAsync(() => !ProcessProbe.IsAlive(driver) && !ProcessProbe.IsAlive(child), Bound, "the driver and its child to die");
    }

    [UnixFact]
    public async Task RunAsync_Cancelled_KillsDriverAndItsChildAndThrowsOperationCanceled()
    {
        using var fake = new FakeSparkSubmit();
        using var cts = new CancellationTokenSource();
        var options = new SparkSubmitOptions { Application = "app.py", SparkSubmitPath = fake.Executable, Environment = fake.Environment(hang: true) };

        var run = SparkSubmit.RunAsync(options, new TestLogger(), cts.Token);
        var child = await ProcessProbe.ReadPidAsync(fake.ChildPidFile, Bound);
        var driver = await ProcessProbe.ReadPidAsync(fake.PidFile, Bound);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Bound));
        await Poll.UntilAsync(() => !ProcessProbe.IsAlive(driver) && !ProcessProbe.IsAlive(child), Bound, "the driver and its child to die");
    }
}
