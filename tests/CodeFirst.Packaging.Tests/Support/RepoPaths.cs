using System.Reflection;

namespace CodeFirst.Packaging.Tests.Support;

internal static class RepoPaths
{
    /// <summary>The repository root: the first folder above the test binaries holding CodeFirst.sln.</summary>
    public static string Root { get; } = Find();

    public static string Solution => Path.Combine(Root, "CodeFirst.sln");

    /// <summary>The configuration this test project (and so every shipped project it references) was built in.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CodeFirst.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"CodeFirst.sln not found above {AppContext.BaseDirectory}.");
    }
}
