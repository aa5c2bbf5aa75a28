using System.Diagnostics;
using System.Text;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.EndToEnd;

/// <summary>
/// The README's "Control plane" commands, exactly as written there (only npx and the port are
/// swapped for the installed buf and a free port), against the sample application's standalone
/// as a real process: they must trigger orders_etl and watch the run to its end.
/// </summary>
public sealed class ReadmeBufCurlTests : IDisposable
{
    private const string ReadmeServer = "http://127.0.0.1:50051";
    private const string Npx = "npx --yes @bufbuild/buf ";
    private static readonly string SampleDll = Path.Combine(AppContext.BaseDirectory, "CodeFirst.Samples.dll");
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-readme-").FullName;

    [Fact]
    public async Task ReadmeBufCurlCommands_SampleStandalone_TriggerAndWatchOrdersEtlToSuccess()
    {
        var commands = ReadmeCommands();
        Assert.Contains(commands, c => c.Contains($"{ReadmeServer}/codefirst.v1.DagRunService/TriggerDagRun"));
        Assert.Contains(commands, c => c.Contains($"{ReadmeServer}/codefirst.v1.DagRunService/WatchDagRun"));
        var buf = (await NodeClients.GetAsync().WaitAsync(TimeSpan.FromMinutes(6))).Buf;
        var server = $"http://127.0.0.1:{FreePort.Next()}";
        using var standalone = await StartSampleAsync(server);
        try
        {
            var outputs = new List<string>();
            foreach (var command in commands)
            {
                var result = await ProcessRunner.RunAsync(buf, [.. command.Select(a => a.Replace(ReadmeServer, server, StringComparison.Ordinal))], TimeSpan.FromSeconds(90));
                Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)}\n{result}");
                outputs.Add(result.StandardOutput);
            }

            var trigger = outputs[commands.FindIndex(c => c.Any(a => a.EndsWith("/TriggerDagRun", StringComparison.Ordinal)))];
            var watch = outputs[commands.FindIndex(c => c.Any(a => a.EndsWith("/WatchDagRun", StringComparison.Ordinal)))];
            Assert.Equal("queued", BufCurl.ParseDocuments(trigger).Single().GetProperty("dagRun").GetProperty("state").GetString());
            var last = BufCurl.ParseDocuments(watch)[^1];
            Assert.Equal("success", last.TryGetProperty("dagRunChanged", out var changed)
                ? changed.GetProperty("state").GetString()
                : last.GetProperty("snapshot").GetProperty("dagRun").GetProperty("state").GetString());
        }
        finally
        {
            if (!standalone.HasExited) standalone.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>The buf curl commands of the README's first bash block under "## Control plane", as argument lists.</summary>
    private static List<string[]> ReadmeCommands()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("\n## Control plane", StringComparison.Ordinal)..];
        var start = section.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length;
        var block = section[start..section.IndexOf("```", start, StringComparison.Ordinal)].Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.StartsWith(Npx, StringComparison.Ordinal) ? Words(line[Npx.Length..]) : throw new InvalidOperationException($"Not a buf command: {line}"))];
    }

    /// <summary>Splits a shell line into words; single quotes keep spaces (all the README uses).</summary>
    private static string[] Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '\'') quoted = !quoted;
            else if (c == ' ' && !quoted)
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
            }
            else word.Append(c);
        }
        if (word.Length > 0) words.Add(word.ToString());
        return [.. words];
    }

    /// <summary>The sample's standalone as a real process; ready once it prints its banner.</summary>
    private async Task<Process> StartSampleAsync(string server)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { SampleDll, "standalone", "--db", Path.Combine(_dir, "codefirst.db"), "--listen", new Uri(server).Authority, "--no-dashboard" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("CodeFirst standalone", StringComparison.Ordinal) == true) started.TrySetResult();
        };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"the sample exited with {process.ExitCode}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return process;
    }
}
