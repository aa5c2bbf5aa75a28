using CodeFirst.Bench.Support;
using CodeFirst.Definitions;

namespace CodeFirst.Bench.Scenarios;

/// <summary>
/// The child process of <see cref="StartupScenario"/>: a DAG application with <c>--dags</c> DAGs
/// whose Program.cs hands over to <see cref="CodeFirstApp"/>, started as <c>standalone</c> with the
/// control plane on <c>--port</c>. It runs until the parent kills it.
/// </summary>
internal static class StartupProbe
{
    public static async Task<int> RunAsync(BenchArgs args, DbTarget db, CancellationToken cancellationToken)
    {
        var count = args.Int("dags", 100);
        var port = args.Int("port", 0);
        args.EnsureAllRead();
        DagRegistry.Register(Enumerable.Range(0, count).Select(i => NoopDags.Wide($"startup_{i:D3}", 3)));
        var database = db.Location; // a SQLite path or a PostgreSQL connection string, as `--db` takes them
        return await CodeFirstApp.RunAsync(["standalone", "--db", database, "--listen", $"127.0.0.1:{port}", "--no-dashboard"]).WaitAsync(cancellationToken);
    }
}
