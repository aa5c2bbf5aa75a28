using System.Runtime.CompilerServices;

namespace CodeFirst.Generators.Tests.TestHelpers;

/// <summary>
/// Compares text to a checked-in <c>Snapshots/NAME.expected</c>. With CODEFIRST_UPDATE_SNAPSHOTS=1
/// it rewrites the file beside the test source instead, so a reviewer sees the change in the diff.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        var sourceDirectory = Path.Combine(FindProjectDirectory(callerPath), "Snapshots");
        var path = Path.Combine(sourceDirectory, name + ".expected");
        if (Environment.GetEnvironmentVariable("CODEFIRST_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(sourceDirectory);
            File.WriteAllText(path, actual);
            return;
        }
        if (!File.Exists(path)) path = Path.Combine(AppContext.BaseDirectory, "Snapshots", name + ".expected");
        Assert.True(File.Exists(path), $"Snapshot '{name}.expected' is missing; run the tests with CODEFIRST_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    private static string FindProjectDirectory(string callerPath)
    {
        for (var directory = Path.GetDirectoryName(callerPath); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "CodeFirst.Generators.Tests.csproj"))) return directory;
        }
        return AppContext.BaseDirectory;
    }
}
