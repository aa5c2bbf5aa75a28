using System.Diagnostics;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

/// <summary>
/// 'standalone' as a real process: its control plane answers a client, and SIGTERM (what Ctrl+C,
/// systemd and Docker send) stops the whole process, control plane included.
/// </summary>
public sealed class StandaloneProcessTests : IDisposable
{
    private static readonly string TestDagsDll = Path.Combine(AppContext.BaseDirectory, "CodeFirst.TestDags.dll");
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-standalone-process-").FullName;

    [Fact]
    public async Task Standalone_Sigterm_StopsGracefullyWithExitCodeZero()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { TestDagsDll, "standalone", "--db", Path.Combine(_dir, "db.sqlite"), "--listen", $"127.0.0.1:{port}" }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("CodeFirst standalone", StringComparison.Ordinal) == true) started.TrySetResult();
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var list = await new CliRunner([]).RunAsync("dags", "list", "--server", $"http://127.0.0.1:{port}");
            Assert.True(list.ExitCode == 0, list.Error);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

            // SIGTERM cancels the command, which stops its roles and returns 0; System.CommandLine
            // reports 143 (128 + SIGTERM) when its own termination handler wins the race to finish.
            Assert.Contains(process.ExitCode, new[] { 0, 143 });
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
