using System.Diagnostics;
using System.Text;

namespace CodeFirst.Watchers.Tests.Support;

/// <summary>
/// A real triggerer process of the test DAG application (a tiny local runner: start, wait for its
/// banner, SIGKILL). Short leases so a killed triggerer's watchers are taken over within seconds.
/// </summary>
internal sealed class TriggererProcess : IAsyncDisposable
{
    private static readonly string TestDagsDll = Path.Combine(AppContext.BaseDirectory, "CodeFirst.TestDags.dll");
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TriggererProcess(string db, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { TestDagsDll, "triggerer", "--db", db, "--lease-seconds", "3" }) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"The triggerer exited early:\n{Output}"));
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<TriggererProcess> StartAsync(string db, IReadOnlyDictionary<string, string> environment)
    {
        var process = new TriggererProcess(db, environment);
        await process._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return process;
    }

    /// <summary>SIGKILL (kill -9): no shutdown code runs, the watcher's lease and unacknowledged messages are left behind.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.StartsWith("CodeFirst triggerer", StringComparison.Ordinal)) _ready.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
