using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CodeFirst.Packaging.Tests.Support;

namespace CodeFirst.Packaging.Tests;

/// <summary>The 'codefirst' .NET tool installed from the folder feed, talking to a server built from the packages.</summary>
[Collection(PackagingCollection.Name)]
public sealed class ToolTests(LocalFeed feed)
{
    private async Task<string> InstallAsync()
    {
        var toolPath = Path.Combine(feed.WorkArea, "tools");
        var codefirst = Path.Combine(toolPath, "codefirst");
        if (!File.Exists(codefirst))
        {
            // The work area's nuget.config maps CodeFirst* to the folder feed (so no --add-source, which source mapping forbids).
            (await feed.DotnetAsync(feed.WorkArea, "tool", "install", "CodeFirst.Tool", "--tool-path", toolPath, "--version", feed.Version)).ShouldSucceed();
        }
        return codefirst;
    }

    [Fact]
    public async Task Codefirst_Help_ListsTheClientCommands()
    {
        var codefirst = await InstallAsync();

        var help = (await ProcessRunner.RunAsync(codefirst, feed.WorkArea, LocalFeed.CommandTimeout, feed.Environment, "--help")).ShouldSucceed();

        Assert.Contains("codefirst [command] [options]", help.Output, StringComparison.Ordinal);
        foreach (var command in new[] { "dags", "tasks", "pools", "tokens" }) Assert.Contains(command, help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codefirst_Standalone_IsRefusedBecauseTheToolHasNoDagCode()
    {
        var codefirst = await InstallAsync();

        var result = await ProcessRunner.RunAsync(codefirst, feed.WorkArea, LocalFeed.CommandTimeout, feed.Environment, "standalone");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("runs DAG code", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codefirst_TasksTest_IsRefusedBecauseTheToolHasNoDagCode()
    {
        var codefirst = await InstallAsync();

        var result = await ProcessRunner.RunAsync(codefirst, feed.WorkArea, LocalFeed.CommandTimeout, feed.Environment, "tasks", "test", "orders_etl", "extract");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'tasks test' runs DAG code", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codefirst_DagsList_AgainstAServerBuiltFromThePackages_ListsItsDags()
    {
        var codefirst = await InstallAsync();
        var project = await feed.Greetings;
        project.Build.ShouldSucceed();
        var port = FreePort();
        var server = $"http://127.0.0.1:{port}";
        var info = ProcessRunner.StartInfo("dotnet", project.Directory, feed.Environment,
            [project.Dll, "standalone", "--db", Path.Combine(project.Directory, "server.db"), "--listen", $"127.0.0.1:{port}"]);
        using var standalone = Process.Start(info)!;
        var serverOutput = new StringBuilder();
        standalone.OutputDataReceived += (_, e) => { lock (serverOutput) serverOutput.AppendLine(e.Data); };
        standalone.ErrorDataReceived += (_, e) => { lock (serverOutput) serverOutput.AppendLine(e.Data); };
        standalone.BeginOutputReadLine();
        standalone.BeginErrorReadLine();
        try
        {
            var deadline = Stopwatch.StartNew();
            ProcessResult list;
            do
            {
                list = await ProcessRunner.RunAsync(codefirst, feed.WorkArea, LocalFeed.CommandTimeout, feed.Environment, "dags", "list", "--server", server);
                if (list.ExitCode == 0 || standalone.HasExited) break;
                await Task.Delay(250);
            }
            while (deadline.Elapsed < TimeSpan.FromSeconds(30));

            string serverLog;
            lock (serverOutput) serverLog = serverOutput.ToString();
            Assert.True(list.ExitCode == 0, $"{list}\nserver:\n{serverLog}");
            Assert.Matches(@"greetings\s+@hourly", list.Output);
        }
        finally
        {
            if (!standalone.HasExited) standalone.Kill(entireProcessTree: true);
            await standalone.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
