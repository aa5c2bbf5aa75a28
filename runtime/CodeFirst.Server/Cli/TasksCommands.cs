using System.CommandLine;
using CodeFirst.Proto.V1;

namespace CodeFirst.Server.Cli;

/// <summary><c>tasks list|states-for-dag-run|failed|clear|mark|logs</c> over gRPC, and <c>tasks test</c> in-process.</summary>
internal static partial class TasksCommands
{
    public static Command Create(CliContext context)
    {
        var tasks = new Command("tasks", "Inspect, repair and test task instances");
        tasks.Subcommands.Add(List(context));
        tasks.Subcommands.Add(States(context));
        tasks.Subcommands.Add(Clear(context));
        tasks.Subcommands.Add(Mark(context));
        tasks.Subcommands.Add(Failed(context));
        tasks.Subcommands.Add(Logs(context));
        tasks.Subcommands.Add(TasksTestCommand.Create(context));
        return tasks;
    }

    private static Command List(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var command = context.ClientCommand("list", "The task ids of a DAG", dagId);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var dag = await client.UnaryAsync("codefirst.v1.DagService/GetDag", new GetDagRequest { DagId = parse.GetValue(dagId)! }, GetDagResponse.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, dag);
            else foreach (var task in dag.Tasks) await context.Output.WriteLineAsync(task.TaskId);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command States(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var runId = new Argument<string>("run_id");
        var command = context.ClientCommand("states-for-dag-run", "The state of every task instance of a run", dagId, runId);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.TaskInstanceService/ListTaskInstances",
                new ListTaskInstancesRequest { DagId = parse.GetValue(dagId)!, RunId = parse.GetValue(runId)! }, ListTaskInstancesResponse.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, response);
            else
            {
                Table.Write(context.Output, ["task_id", "map_index", "state", "tries", "start_date", "end_date"],
                    response.TaskInstances.Select(t => (IReadOnlyList<string>)
                        [t.TaskId, t.MapIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), t.State, $"{t.TryNumber}/{t.MaxTries}", CliOutput.Format(t.StartDate), CliOutput.Format(t.EndDate)]));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task WriteAffectedAsync(CliContext context, ParseResult parse, Google.Protobuf.IMessage response,
        IReadOnlyCollection<AffectedTaskInstance> affected, bool dryRun, string verb)
    {
        if (context.Json(parse))
        {
            await CliOutput.WriteJsonAsync(context.Output, response);
            return;
        }

        Table.Write(context.Output, ["dag_id", "run_id", "task_id", "previous_state"],
            affected.Select(a => (IReadOnlyList<string>)[a.DagId, a.RunId, a.TaskId, a.PreviousState]));
        await context.Output.WriteLineAsync(dryRun
            ? $"Dry run: would {verb} {affected.Count} task instance(s); nothing changed."
            : $"{char.ToUpperInvariant(verb[0])}{verb[1..]}ed {affected.Count} task instance(s).");
    }
}
