using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CodeFirst.Bench.Support;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// Starts <c>dotnet &lt;this dll&gt; startup-probe</c> (a DAG application with 100 DAGs running
/// <c>standalone</c>) as a child process and times, from <see cref="Process.Start()"/>, until its
/// gRPC control plane answers a health check with SERVING.
/// </summary>
internal static class StartupScenario
{
    public static async Task<ResultLine> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var repeat = args.Int("repeat", 5);
        var dags = args.Int("dags", 100);
        args.EnsureAllRead();
        var dll = typeof(StartupScenario).Assembly.Location;

        var loadBefore = MachineLoad.OneMinute();
        await ProbeAsync(dll, db.Fresh("startup-warm"), dags, cancellationToken); // warm-up: disk cache of the runtime and our dlls
        var answers = new List<double>();
        for (var i = 0; i < repeat; i++) answers.Add(await ProbeAsync(dll, db.Fresh($"startup{i}"), dags, cancellationToken));
        return new ResultLine("startup", db.Label)
            .Add("measured", $"`dotnet {Path.GetFileName(dll)} startup-probe`: CodeFirstApp.RunAsync([\"standalone\", …]) with {dags} DAGs; Process.Start → first grpc.health.v1.Health/Check answered SERVING (polled every 5 ms). SQLite: a fresh file each time; PostgreSQL: the schema is already migrated after the warm-up.")
            .Add("dags", dags)
            .Add("repeat", repeat)
            .Add("answers_ms", Stats.Median(answers))
            .Add("answers_ms_all", answers.Select(r => Math.Round(r, 1)).ToArray())
            .Add("load_1m_before", loadBefore)
            .Add("load_1m_after", MachineLoad.OneMinute());
    }

    private static async Task<double> ProbeAsync(string dll, DbTarget db, int dags, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var database = db.Kind == DbKind.Sqlite ? $"sqlite:{db.Location}" : db.Location;
        foreach (var a in new[] { dll, "startup-probe", "--db", database, "--dags", dags.ToString(CultureInfo.InvariantCulture), "--port", port.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        using var health = new HealthProbe(port);
        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new BenchException("Could not start the probe.");
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            while (!await health.IsServingAsync(cancellationToken))
            {
                if (process.HasExited) throw new BenchException($"The startup probe exited ({process.ExitCode}) before answering: {await stderr}");
                if (Stats.Ms(start, Stopwatch.GetTimestamp()) > 60_000) throw new BenchException("The startup probe did not answer within 60 s.");
                await Task.Delay(5, cancellationToken);
            }
            return Stats.Ms(start, Stopwatch.GetTimestamp());
        }
        finally
        {
            // Our own child, by its handle.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            db.Cleanup();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
