using System.Globalization;

namespace CodeFirst.Packaging.Tests.Support;

/// <summary>
/// The solution packed once per test run into a folder feed, under a version no other run uses,
/// plus a work area outside the repository whose nuget.config takes CodeFirst* packages only from
/// that feed. Restores go to a private packages folder (deleted afterwards) so the machine's
/// global cache never collects test versions; third-party packages are read from the machine's
/// cache as a fallback folder, so nothing is downloaded twice.
/// </summary>
public sealed class LocalFeed : IAsyncLifetime
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);
    private readonly Lazy<Task<ConsumerProject>> _greetings;

    public LocalFeed()
    {
        _greetings = new Lazy<Task<ConsumerProject>>(() => ConsumerProject.CreateAndBuildAsync(this, "Greetings", ConsumerProject.GoodDag));
    }

    public string Version { get; } = string.Create(CultureInfo.InvariantCulture, $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{System.Environment.ProcessId}");

    /// <summary>Outside the repository, so no Directory.Build.props or Directory.Packages.props applies.</summary>
    public string WorkArea { get; } = Directory.CreateTempSubdirectory("codefirst-packaging-").FullName;

    public string FeedDirectory => Path.Combine(WorkArea, "feed");

    public string PackagesDirectory => Path.Combine(WorkArea, "packages");

    public ProcessResult? Pack { get; private set; }

    /// <summary>Environment of every nested dotnet command: the private packages folder.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesDirectory };

    /// <summary>The 'greetings' project built once from the feed, shared by the tests that only run it.</summary>
    public Task<ConsumerProject> Greetings => _greetings.Value;

    public string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(WorkArea, name)).FullName;

    public Task<ProcessResult> DotnetAsync(string workingDirectory, params string[] args) =>
        ProcessRunner.RunAsync("dotnet", workingDirectory, CommandTimeout, Environment, args);

    public string Package(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(PackagesDirectory);
        File.WriteAllText(Path.Combine(WorkArea, "nuget.config"), NuGetConfig());
        // --no-build: the shipped projects were built with this test project (its ProjectReferences).
        Pack = await ProcessRunner.RunAsync("dotnet", RepoPaths.Root, CommandTimeout, null,
            "pack", RepoPaths.Solution, "--no-build", "-c", RepoPaths.Configuration, "-o", FeedDirectory,
            $"-p:Version={Version}", "-nologo", "-v", "q", "-clp:NoSummary");
    }

    private string NuGetConfig()
    {
        var machineCache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="codefirst-local" value="{FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="codefirst-local">
                  <package pattern="CodeFirst" />
                  <package pattern="CodeFirst.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }

    public async Task DisposeAsync()
    {
        if (_greetings.IsValueCreated)
        {
            try { await _greetings.Value; } catch (Exception) { /* reported by the test that awaited it */ }
        }
        try { Directory.Delete(WorkArea, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
