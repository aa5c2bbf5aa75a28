namespace CodeFirst.Tasks.Tests;

public sealed class ShellEnvironmentTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [UnixFact]
    public async Task RunAsync_EnvironmentGiven_ChildSeesItMergedOverInherited()
    {
        var inherited = SetUniqueProcessVariable();
        var options = new ShellOptions { Environment = new Dictionary<string, string?> { ["CF_GREETING"] = "hello world" } };

        var result = await Shell.RunAsync($"echo \"$CF_GREETING|${inherited}\"", options, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("hello world|inherited", result);
    }

    [UnixFact]
    public async Task RunAsync_InheritEnvironmentFalse_ChildSeesOnlyGivenVariables()
    {
        var inherited = SetUniqueProcessVariable();
        var options = new ShellOptions
        {
            InheritEnvironment = false,
            Environment = new Dictionary<string, string?> { ["CF_ONLY"] = "x" },
        };

        // Not PATH: bash invents a default PATH when it has none.
        var result = await Shell.RunAsync($"echo \"$CF_ONLY|${{{inherited}:-not-inherited}}\"", options, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("x|not-inherited", result);
    }

    [UnixFact]
    public async Task RunAsync_NullEnvironmentValue_RemovesInheritedVariable()
    {
        var inherited = SetUniqueProcessVariable();
        var options = new ShellOptions { Environment = new Dictionary<string, string?> { [inherited] = null } };

        var result = await Shell.RunAsync($"echo \"${{{inherited}:-removed}}\"", options, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("removed", result);
    }

    [UnixFact]
    public async Task RunAsync_WorkingDirectoryGiven_ChildRunsThere()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("marker.txt"), "");

        var result = await Shell.RunAsync("ls", new ShellOptions { WorkingDirectory = dir.Path }, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("marker.txt", result);
    }

    [UnixFact]
    public async Task RunAsync_WorkingDirectoryMissing_ThrowsTaskFailedException()
    {
        var options = new ShellOptions { WorkingDirectory = Path.Combine(Path.GetTempPath(), "codefirst-missing-" + Guid.NewGuid().ToString("N")) };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => Shell.RunAsync("true", options, new TestLogger()).WaitAsync(Bound));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    // A name no other test uses, so setting it on the test process cannot disturb a parallel test.
    private static string SetUniqueProcessVariable()
    {
        var name = "CF_INHERITED_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "inherited");
        return name;
    }
}
