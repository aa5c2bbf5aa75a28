using System.Diagnostics;
using System.Text;

namespace CodeFirst.Server.Tests.MultiProcess;

/// <summary>One real role process (scheduler or worker) of the test DAG application.</summary>
internal sealed class RoleProcess : IAsyncDisposable
{
    private static readonly string TestDagsDll = Path.Combine(AppContext.BaseDirectory, "CodeFirst.TestDags.dll");
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RoleProcess(string role, string db, string journal, IEnumerable<string> extra, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { TestDagsDll, role, "--db", db }.Concat(extra)) info.ArgumentList.Add(arg);
        info.Environment["CODEFIRST_TEST_JOURNAL"] = journal;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, role);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, role);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"{role} exited early:\n{Output}"));
    }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the role and waits until it has opened the database and begun its loops.</summary>
    public static async Task<RoleProcess> StartAsync(string role, string db, string journal, IReadOnlyDictionary<string, string>? environment, params string[] extra)
    {
        var process = new RoleProcess(role, db, journal, extra, environment);
        await process._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return process;
    }

    /// <summary>SIGTERM, as systemd and Docker stop a service; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var term = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, leases are left behind as after a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private void OnLine(string? line, string role)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.StartsWith($"CodeFirst {role}", StringComparison.Ordinal)) _ready.TrySetResult();
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
