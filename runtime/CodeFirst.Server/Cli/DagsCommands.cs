using System.CommandLine;
using System.Globalization;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Hosting;

namespace CodeFirst.Server.Cli;

/// <summary><c>dags list|trigger|list-runs|pause|unpause|test</c>.</summary>
internal static class DagsCommands
{
    public static Command Create(CliContext context)
    {
        var dags = new Command("dags", "List, trigger, test and inspect DAGs");
        dags.Subcommands.Add(List(context));
        dags.Subcommands.Add(Trigger(context));
        dags.Subcommands.Add(ListRuns(context));
        dags.Subcommands.Add(SetPaused(context, "pause", true));
        dags.Subcommands.Add(SetPaused(context, "unpause", false));
        dags.Subcommands.Add(DagsTestCommand.Create(context));
        return dags;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the DAGs of this application") { context.Db };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var paused = (await store.ListDagsAsync(cancellationToken)).ToDictionary(d => d.DagId, d => d.IsPaused);
            Table.Write(context.Output, ["dag_id", "schedule", "paused", "tasks", "tags", "description"],
                context.DagBag.Dags.OrderBy(d => d.DagId, StringComparer.Ordinal).Select(d => (IReadOnlyList<string>)
                [
                    d.DagId,
                    d.Definition.Schedule ?? "None",
                    paused.TryGetValue(d.DagId, out var p) ? (p ? "True" : "False") : (d.Definition.IsPausedUponCreation ? "True" : "False"),
                    d.Definition.Tasks.Count.ToString(CultureInfo.InvariantCulture),
                    string.Join(",", d.Definition.Tags),
                    d.Definition.Description ?? "",
                ]));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Trigger(CliContext context)
    {
        var dagId = new Argument<string>("dag_id") { Description = "The DAG to run" };
        var conf = new Option<string?>("--conf", "-c") { Description = "JSON object passed to the run, e.g. '{\"region\":\"eu\"}'" };
        var logicalDate = new Option<string?>("--logical-date", "-l") { Description = "Logical date (default: now)" };
        var runId = new Option<string?>("--run-id", "-r") { Description = "Run id (default: manual__<logical date>)" };
        var command = new Command("trigger", "Create a manual run; a running scheduler (standalone) starts it") { dagId, conf, logicalDate, runId, context.Db };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var dag = context.Dag(parse.GetValue(dagId)!);
            var normalizedConf = CliParsing.Conf(parse.GetValue(conf));
            var logical = CliParsing.ParseDate(parse.GetValue(logicalDate), "--logical-date");
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            await store.SyncDagsAsync([(dag.DagId, dag.Definition.IsPausedUponCreation)], cancellationToken);
            var factory = new Runtime.Engine.RunFactory(store, TimeProvider.System);
            try
            {
                var run = await factory.TriggerAsync(dag, normalizedConf, logical, parse.GetValue(runId), cancellationToken);
                await context.Output.WriteLineAsync($"Created run {run.RunId} of {run.DagId} (queued, logical date {Format(run.LogicalDate)}).");
                if ((await store.GetDagAsync(dag.DagId, cancellationToken))?.IsPaused == true)
                    await context.Output.WriteLineAsync($"Note: DAG '{dag.DagId}' is paused; the run starts once it is unpaused.");
            }
            catch (InvalidOperationException e)
            {
                throw new CliException(e.Message);
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListRuns(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var state = new Option<string?>("--state", "-s") { Description = "Only runs in this state (queued, running, success, failed)" };
        var limit = new Option<int>("--limit") { Description = "At most this many runs, newest first", DefaultValueFactory = _ => 25 };
        var command = new Command("list-runs", "List the runs of a DAG, newest first") { dagId, state, limit, context.Db };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var dag = context.Dag(parse.GetValue(dagId)!);
            var runState = CliParsing.RunState(parse.GetValue(state));
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var runs = await store.ListRunsAsync(dag.DagId, runState, Math.Max(1, parse.GetValue(limit)), cancellationToken);
            Table.Write(context.Output, ["dag_id", "run_id", "state", "run_type", "logical_date", "start_date", "end_date"],
                runs.Select(r => (IReadOnlyList<string>)
                [
                    r.DagId, r.RunId, r.State.Name(), Runtime.Storage.RunTypeNames.Name(r.RunType),
                    Format(r.LogicalDate), Format(r.StartDate), Format(r.EndDate),
                ]));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command SetPaused(CliContext context, string name, bool paused)
    {
        var dagId = new Argument<string>("dag_id");
        var command = new Command(name, paused ? "Pause a DAG: the scheduler creates and starts no runs of it" : "Unpause a DAG") { dagId, context.Db };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var dag = context.Dag(parse.GetValue(dagId)!);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            await store.SyncDagsAsync([(dag.DagId, dag.Definition.IsPausedUponCreation)], cancellationToken);
            await store.SetPausedAsync(dag.DagId, paused, cancellationToken);
            await context.Output.WriteLineAsync($"DAG '{dag.DagId}' is {(paused ? "paused" : "unpaused")}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    public static string Format(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture) ?? "";
}
