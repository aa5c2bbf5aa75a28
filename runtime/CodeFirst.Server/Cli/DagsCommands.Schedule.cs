using System.CommandLine;
using CodeFirst.Proto.V1;

namespace CodeFirst.Server.Cli;

internal static partial class DagsCommands
{
    private static Command SetPaused(CliContext context, string name, bool paused)
    {
        var dagId = new Argument<string>("dag_id");
        var command = context.ClientCommand(name, paused ? "Pause a DAG: the scheduler creates and starts no runs of it" : "Unpause a DAG", dagId);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.DagService/SetDagPaused",
                new SetDagPausedRequest { DagId = parse.GetValue(dagId)!, Paused = paused }, SetDagPausedResponse.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, response);
            else await context.Output.WriteLineAsync($"DAG '{response.Dag.DagId}' is {(paused ? "paused" : "unpaused")}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command NextExecution(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var command = context.ClientCommand("next-execution", "The logical date of the DAG's next scheduled run (None when there is none)", dagId);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var dag = (await client.UnaryAsync("codefirst.v1.DagService/GetDag", new GetDagRequest { DagId = parse.GetValue(dagId)! },
                GetDagResponse.Parser, cancellationToken)).Dag;
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, dag.NextRun ?? new NextDagRun());
            else await context.Output.WriteLineAsync(dag.NextRun is { } next ? CliOutput.Format(next.LogicalDate) : "None");
            return ExitCodes.Success;
        }));
        return command;
    }
}
