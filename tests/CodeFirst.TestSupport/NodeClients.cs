namespace CodeFirst.TestSupport;

/// <summary>
/// Real third-party clients from npm: <c>buf</c> (its binary ships in <c>@bufbuild/buf</c>) and
/// <c>@grpc/grpc-js</c>. Installed once per test run into a cache folder that later runs reuse
/// (<c>CODEFIRST_TEST_NPM_CACHE</c>, default <c>~/.cache/codefirst-tests/npm</c>).
/// </summary>
public sealed class NodeClients
{
    private static readonly string[] Packages = ["@bufbuild/buf@1.75.0", "@grpc/grpc-js@1.14.7", "@grpc/proto-loader@0.8.1"];

    private static readonly Lazy<Task<NodeClients>> Instance = new(InstallAsync);

    private NodeClients(string directory) => Directory = directory;

    public string Directory { get; }

    public string NodeModules => Path.Combine(Directory, "node_modules");

    public string Buf => Path.Combine(NodeModules, ".bin", "buf");

    /// <summary>The environment for a <c>node</c> script that requires the installed packages.</summary>
    public IReadOnlyDictionary<string, string?> NodeEnvironment => new Dictionary<string, string?> { ["NODE_PATH"] = NodeModules };

    public static Task<NodeClients> GetAsync() => Instance.Value;

    private static async Task<NodeClients> InstallAsync()
    {
        var directory = Environment.GetEnvironmentVariable("CODEFIRST_TEST_NPM_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "codefirst-tests", "npm");
        System.IO.Directory.CreateDirectory(directory);
        var clients = new NodeClients(directory);
        var marker = Path.Combine(directory, "installed.txt");
        var wanted = string.Join(' ', Packages);
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == wanted && File.Exists(clients.Buf))
        {
            return clients;
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "package.json"), """{ "name": "codefirst-test-clients", "private": true }""");
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--save-exact", .. Packages],
                TimeSpan.FromMinutes(5), directory);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "npm was not found on PATH. The gRPC interop tests need Node.js (20 or newer) and npm to install buf and @grpc/grpc-js.", ex);
        }

        if (result.ExitCode != 0 || !File.Exists(clients.Buf))
        {
            throw new InvalidOperationException($"npm install of the test clients failed in {directory}:\n{result}");
        }

        await File.WriteAllTextAsync(marker, wanted);
        return clients;
    }
}
