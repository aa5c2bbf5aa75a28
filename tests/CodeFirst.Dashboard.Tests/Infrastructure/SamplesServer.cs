using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CodeFirst.Dashboard.Tests.Infrastructure;

/// <summary>
/// The sample application as a user runs it: <c>dotnet CodeFirst.Samples.dll standalone</c> in its own process on a
/// temp SQLite file, the control plane and dashboard on free loopback ports read from its start line.
/// </summary>
public sealed partial class SamplesServer : IAsyncLifetime
{
    private static readonly string SampleDll = Path.Combine(AppContext.BaseDirectory, "CodeFirst.Samples.dll");
    private readonly string _directory = Directory.CreateTempSubdirectory("codefirst-dash-samples-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The dashboard's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The standalone process's id, as the processes page shows it.</summary>
    public int ProcessId => _process!.Id;

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { SampleDll, "standalone", "--db", Path.Combine(_directory, "codefirst.db"), "--listen", "127.0.0.1:0", "--dashboard", "127.0.0.1:0" })
            info.ArgumentList.Add(arg);
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, started);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, started);
        _process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"The sample standalone exited early:\n{Output}"));
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            Address = await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"The sample standalone did not print its dashboard address:\n{Output}", e);
        }
    }

    private string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    private void OnLine(string? line, TaskCompletionSource<Uri> started)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (DashboardLine().Match(line) is { Success: true } match) started.TrySetResult(new Uri(match.Groups[1].Value));
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"^CodeFirst standalone:.*dashboard on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex DashboardLine();
}
