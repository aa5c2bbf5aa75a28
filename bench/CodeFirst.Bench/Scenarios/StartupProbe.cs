using System.Diagnostics;
using System.Globalization;
using CodeFirst.Bench.Support;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// The child process of <see cref="StartupScenario"/>: what a standalone host does before it can
/// run a DAG. Prints "ready &lt;ms since the OS started this process&gt;", then "ran".
/// </summary>
internal static class StartupProbe
{
    public static async Task<int> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var count = args.Int("dags", 100);
        args.EnsureAllRead();
        DagRegistry.Register(Enumerable.Range(0, count).Select(i => NoopDags.Wide($"startup_{i:D3}", 3)));
        DagRegistry.Register([NoopDags.Wide("startup_first", 1)]);

        await using var host = new EngineHost(StoreFactory.Create(db), DagRegistry.All, new EngineOptions());
        await host.PrepareAsync(cancellationToken);
        var known = await host.Store.ListDagsAsync(cancellationToken);
        if (known.Count != count + 1) throw new BenchException($"Expected {count + 1} DAG rows, found {known.Count}.");
        using (var self = Process.GetCurrentProcess())
            Console.WriteLine($"ready {(DateTime.Now - self.StartTime).TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)}");

        host.StartWorker();
        if (await await host.TriggerAndStartAsync("startup_first", cancellationToken) != DagRunState.Success)
            throw new BenchException("The first run failed.");
        Console.WriteLine("ran");
        return 0;
    }
}
