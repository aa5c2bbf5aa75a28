using System.Diagnostics;
using CodeFirst.Bench.Support;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// Starts <c>dotnet &lt;this dll&gt; startup-probe</c> as a child process and times, from
/// <see cref="Process.Start()"/>, the "ready" line (100 DAGs registered, fresh SQLite file
/// migrated, the store answered) and the "ran" line (one 1-task DAG run finished).
/// </summary>
internal static class StartupScenario
{
    public static async Task<ResultLine> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var repeat = args.Int("repeat", 5);
        var dags = args.Int("dags", 100);
        args.EnsureAllRead();
        if (db.Kind != DbKind.Sqlite) StoreFactory.Create(db); // fails clearly until PostgreSQL lands
        var dll = typeof(StartupScenario).Assembly.Location;

        var loadBefore = MachineLoad.OneMinute();
        await ProbeAsync(dll, db.Fresh("startup-warm"), dags, cancellationToken); // warm-up: disk cache of the runtime and our dlls
        var ready = new List<double>();
        var ran = new List<double>();
        var inProcess = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var (readyMs, ranMs, selfMs) = await ProbeAsync(dll, db.Fresh($"startup{i}"), dags, cancellationToken);
            ready.Add(readyMs);
            ran.Add(ranMs);
            inProcess.Add(selfMs);
        }
        return new ResultLine("startup", db.Label)
            .Add("measured", $"`dotnet {Path.GetFileName(dll)} startup-probe` child process: Process.Start → stdout 'ready' ({dags} hand-built DAGs registered, fresh SQLite file migrated, DAG rows synced and read back) and → 'ran' (one 1-task run triggered, executed by the worker, succeeded). No gRPC server yet.")
            .Add("dags", dags)
            .Add("repeat", repeat)
            .Add("ready_ms", Stats.Median(ready))
            .Add("first_run_ms", Stats.Median(ran))
            .Add("ready_ms_in_process", Stats.Median(inProcess))
            .Add("ready_ms_all", ready.Select(r => Math.Round(r, 1)).ToArray())
            .Add("load_1m_before", loadBefore)
            .Add("load_1m_after", MachineLoad.OneMinute());
    }

    private static async Task<(double Ready, double Ran, double InProcess)> ProbeAsync(string dll, DbTarget db, int dags, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "startup-probe", "--db", $"sqlite:{db.Location}", "--dags", dags.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        try
        {
            var start = Stopwatch.GetTimestamp();
            using var process = Process.Start(info) ?? throw new BenchException("Could not start the probe.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            double ready = double.NaN, ran = double.NaN, inProcess = double.NaN;
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                var now = Stats.Ms(start, Stopwatch.GetTimestamp());
                if (line.StartsWith("ready", StringComparison.Ordinal))
                {
                    ready = now;
                    inProcess = double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("ran", StringComparison.Ordinal)) ran = now;
            }
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0 || double.IsNaN(ready) || double.IsNaN(ran))
                throw new BenchException($"The startup probe failed (exit {process.ExitCode}): {await stderr}");
            return (ready, ran, inProcess);
        }
        finally
        {
            db.Cleanup();
        }
    }
}
