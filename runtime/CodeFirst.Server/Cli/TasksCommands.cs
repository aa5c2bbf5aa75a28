using System.CommandLine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.Hosting;

namespace CodeFirst.Server.Cli;

/// <summary><c>tasks states-for-dag-run|logs</c>.</summary>
internal static class TasksCommands
{
    public static Command Create(CliContext context)
    {
        var tasks = new Command("tasks", "Inspect task instances");
        tasks.Subcommands.Add(States(context));
        tasks.Subcommands.Add(Logs(context));
        return tasks;
    }

    private static Command States(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var runId = new Argument<string>("run_id");
        var command = new Command("states-for-dag-run", "The state of every task instance of a run") { dagId, runId, context.Db };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var run = await FindRunAsync(context, store, parse.GetValue(dagId)!, parse.GetValue(runId)!, cancellationToken);
            Table.Write(context.Output, ["task_id", "state", "tries", "start_date", "end_date"],
                (await store.ListTaskInstancesAsync(run.Id, cancellationToken)).Select(t => (IReadOnlyList<string>)
                    [t.TaskId, t.State.Name(), $"{t.TryNumber}/{t.MaxTries}", DagsCommands.Format(t.StartDate), DagsCommands.Format(t.EndDate)]));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Logs(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var runId = new Argument<string>("run_id");
        var taskId = new Argument<string>("task_id");
        var tryNumber = new Option<int?>("--try") { Description = "Which try (default: the latest)" };
        var command = new Command("logs", "Print the log of a task instance's try") { dagId, runId, taskId, tryNumber, context.Db };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var run = await FindRunAsync(context, store, parse.GetValue(dagId)!, parse.GetValue(runId)!, cancellationToken);
            var task = parse.GetValue(taskId)!;
            var instance = (await store.ListTaskInstancesAsync(run.Id, cancellationToken)).FirstOrDefault(t => t.TaskId == task)
                ?? throw new CliException($"Run '{run.RunId}' has no task '{task}'.");
            var attempt = parse.GetValue(tryNumber) ?? instance.TryNumber;
            if (attempt < 1 || attempt > Math.Max(1, instance.TryNumber))
                throw new CliException($"--try {attempt}: task '{task}' has run {instance.TryNumber} tr{(instance.TryNumber == 1 ? "y" : "ies")}.");
            foreach (var line in await store.GetLogAsync(run.Id, task, attempt, cancellationToken))
                await context.Output.WriteLineAsync($"[{DagsCommands.Format(line.Timestamp)}] {line.Level.ToUpperInvariant()} {line.Message}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<DagRunRecord> FindRunAsync(CliContext context, IStore store, string dagId, string runId, CancellationToken cancellationToken)
    {
        var dag = context.Dag(dagId);
        return await store.GetRunAsync(dag.DagId, runId, cancellationToken)
            ?? throw new CliException($"DAG '{dag.DagId}' has no run '{runId}'. 'dags list-runs {dag.DagId}' lists its runs.");
    }
}
