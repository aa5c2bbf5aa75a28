using System.Diagnostics;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;

namespace CodeFirst.Bench.Support;

/// <summary>
/// Untimed work of a scenario's own shape on a throwaway store, so the timed part measures a worker that
/// has run a while on a fresh database. The JIT's tiering (tier-0, instrumented, then optimized code) takes
/// tens of thousands of task instances to settle on two busy cores; timed right after the process started,
/// it doubled the client CPU per task instance of <c>wide</c>. <c>--warmup-seconds 0</c> skips it.
/// </summary>
internal static class WarmUp
{
    public static int Seconds(BenchArgs args) => args.Int("warmup-seconds", 10, minimum: 0);

    /// <summary>Repeats <paramref name="round"/> (which returns the runs it did) until <paramref name="seconds"/> have passed; the runs done in all.</summary>
    public static async Task<int> RunAsync(DbTarget db, string name, DagDefinition dag, EngineOptions options, int seconds,
        Func<EngineHost, CancellationToken, Task<int>> round, CancellationToken cancellationToken)
    {
        if (seconds == 0) return 0;
        var warm = db.Fresh($"{name}-warm");
        try
        {
            await using var host = new EngineHost(StoreFactory.Create(warm), [dag], options);
            await host.PrepareAsync(cancellationToken);
            host.StartWorker();
            var started = Stopwatch.GetTimestamp();
            var runs = 0;
            do runs += await round(host, cancellationToken);
            while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(seconds));
            return runs;
        }
        finally
        {
            warm.Cleanup();
        }
    }
}
