namespace CodeFirst.TestSupport;

/// <summary>The environment for a <c>dotnet</c> started from inside <c>dotnet test</c>.</summary>
public static class NestedDotnet
{
    /// <summary>
    /// The outer <c>dotnet test</c> sets MSBuild variables that must not leak into a nested build
    /// (it would resolve SDKs and targets from the outer build's paths).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["MSBuildExtensionsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["MSBuildSDKsPath"] = null,
        ["DOTNET_HOST_PATH"] = null,
        ["VSTEST_HOST_DEBUG"] = null,
    };
}
