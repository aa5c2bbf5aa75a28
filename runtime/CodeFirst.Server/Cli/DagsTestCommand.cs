using System.CommandLine;
using System.Globalization;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage.Sqlite;
using CodeFirst.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Cli;

/// <summary>
/// <c>dags test</c>: one run of one DAG in this process, on a throw-away database, printing every
/// state change and the final states; exits 1 when the run failed.
/// </summary>
internal static class DagsTestCommand
{
    public static Command Create(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var logicalDate = new Argument<string?>("logical_date") { Description = "Logical date of the run (default: now)", Arity = ArgumentArity.ZeroOrOne };
        var conf = new Option<string?>("--conf", "-c") { Description = "JSON object passed to the run" };
        var command = new Command("test", "Run one DAG run in this process (no scheduler, no server) and print each task's final state")
        {
            dagId, logicalDate, conf,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(() =>
            RunAsync(context, parse.GetValue(dagId)!, parse.GetValue(logicalDate), parse.GetValue(conf), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string dagId, string? logicalDateText, string? confText, CancellationToken cancellationToken)
    {
        var dag = context.Dag(dagId);
        var logicalDate = CliParsing.ParseDate(logicalDateText, "logical_date");
        var conf = CliParsing.Conf(confText);
        var directory = Directory.CreateTempSubdirectory("codefirst-dags-test-");
        try
        {
            await using var services = RuntimeServices.Build(context.ConfigureServices, LogLevel.Warning);
            await using var store = new SqliteStore(Path.Combine(directory.FullName, "test.db"));
            var engine = new CodeFirstEngine(store, [dag.Definition], services, new EngineOptions { Concurrency = Math.Max(2, Environment.ProcessorCount) });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await store.MigrateAsync(cancellationToken);
            await store.SyncDagsAsync([(dag.DagId, false)], cancellationToken);
            await DagPools.CreateMissingAsync(store, [dag.Definition], cancellationToken);
            var run = await engine.Runs.TriggerAsync(dag, conf, logicalDate, null, cancellationToken);
            await context.Output.WriteLineAsync($"Testing {dag.DagId}, run {run.RunId} (data interval {DagsCommands.Format(run.DataIntervalStart)} to {DagsCommands.Format(run.DataIntervalEnd)})");

            var finished = new TaskCompletionSource<DagRunState>(TaskCreationOptions.RunContinuationsAsynchronously);
            var print = new Lock();
            engine.Events.TaskInstanceChanged += change =>
            {
                if (change.RunId != run.RunId) return;
                var tries = change.TryNumber > 0 ? $"  try {change.TryNumber}/{change.MaxTries}" : "";
                var error = change.Error is null ? "" : $"  {change.Error}";
                lock (print) context.Output.WriteLine($"  {DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}  {Label(change.TaskId, change.MapIndex),-24} {change.State.Name(),-16}{tries}{error}");
            };
            engine.Events.DagRunChanged += change =>
            {
                if (change.RunId == run.RunId && change.State is DagRunState.Success or DagRunState.Failed) finished.TrySetResult(change.State);
            };
            var worker = engine.RunAsync(scheduler: false, worker: true, stop.Token);
            await engine.StartRunAsync(run, cancellationToken);
            var state = await finished.Task.WaitAsync(cancellationToken);
            await stop.CancelAsync();
            await worker;

            await context.Output.WriteLineAsync();
            var instances = await store.ListTaskInstancesAsync(run.Id, CancellationToken.None);
            Table.Write(context.Output, ["task_id", "state", "tries"],
                instances.Select(t => (IReadOnlyList<string>)[Label(t.TaskId, t.MapIndex), t.State.Name(), $"{t.TryNumber}/{t.MaxTries}"]));
            await context.Output.WriteLineAsync();
            await context.Output.WriteLineAsync($"Run {run.RunId}: {state.Name()}");
            return state == DagRunState.Success ? ExitCodes.Success : ExitCodes.Failed;
        }
        finally
        {
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>An expanded instance of a mapped task shows its map index, as Airflow's grid does.</summary>
    private static string Label(string taskId, int mapIndex) =>
        mapIndex < 0 ? taskId : $"{taskId}[{mapIndex.ToString(CultureInfo.InvariantCulture)}]";
}
