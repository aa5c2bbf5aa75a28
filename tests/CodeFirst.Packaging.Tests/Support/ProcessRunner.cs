using System.Diagnostics;
using System.Text;

namespace CodeFirst.Packaging.Tests.Support;

/// <summary>Runs a real process to completion with a hard time limit, capturing its output.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string fileName, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = StartInfo(fileName, workingDirectory, environment, args);
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var limit = new CancellationTokenSource(timeout);
        var started = Stopwatch.StartNew();
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', args)}' in {workingDirectory} did not finish within {timeout}:\n{output}");
        }
        await Task.WhenAll(stdout, stderr);
        return new ProcessResult($"{fileName} {string.Join(' ', args)}", process.ExitCode, output.ToString(), started.Elapsed);
    }

    public static ProcessStartInfo StartInfo(string fileName, string workingDirectory, IReadOnlyDictionary<string, string>? environment, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // The outer 'dotnet test' sets MSBuild variables that must not leak into a nested build.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "DOTNET_HOST_PATH", "VSTEST_HOST_DEBUG", "MSBuildLoadMicrosoftTargetsReadOnly" })
            info.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return info;
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into) into.AppendLine(line);
        }
    }
}
