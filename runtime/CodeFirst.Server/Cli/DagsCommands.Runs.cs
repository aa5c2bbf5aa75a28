using System.CommandLine;
using CodeFirst.Proto.V1;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.Cli;

internal static partial class DagsCommands
{
    private static Command Trigger(CliContext context)
    {
        var dagId = new Argument<string>("dag_id") { Description = "The DAG to run" };
        var conf = new Option<string?>("--conf", "-c") { Description = "JSON object passed to the run, e.g. '{\"region\":\"eu\"}'" };
        var logicalDate = new Option<string?>("--logical-date", "-l") { Description = "Logical date (default: now)" };
        var runId = new Option<string?>("--run-id", "-r") { Description = "Run id (default: manual__<logical date>)" };
        var note = new Option<string?>("--note") { Description = "A note kept in the server's audit log" };
        var command = context.ClientCommand("trigger", "Create a manual run; the server's scheduler starts it", dagId, conf, logicalDate, runId, note);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var request = new TriggerDagRunRequest
            {
                DagId = parse.GetValue(dagId)!,
                ConfJson = CliParsing.Conf(parse.GetValue(conf)),
                RunId = parse.GetValue(runId) ?? "",
                Note = parse.GetValue(note) ?? "",
            };
            if (CliParsing.ParseDate(parse.GetValue(logicalDate), "--logical-date") is { } logical) request.LogicalDate = Timestamp.FromDateTimeOffset(logical);
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.DagRunService/TriggerDagRun", request, TriggerDagRunResponse.Parser, cancellationToken);
            if (context.Json(parse))
            {
                await CliOutput.WriteJsonAsync(context.Output, response);
                return ExitCodes.Success;
            }

            var run = response.DagRun;
            await context.Output.WriteLineAsync($"Created run {run.RunId} of {run.DagId} ({run.State}, logical date {CliOutput.Format(run.LogicalDate)}).");
            if (response.DagPaused) await context.Output.WriteLineAsync($"Note: DAG '{run.DagId}' is paused; the run starts once it is unpaused.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListRuns(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var state = new Option<string?>("--state", "-s") { Description = "Only runs in this state (queued, running, success, failed)" };
        var startDate = new Option<string?>("--start-date") { Description = "Only runs with a logical date on or after this" };
        var endDate = new Option<string?>("--end-date") { Description = "Only runs with a logical date on or before this" };
        var limit = new Option<int>("--limit") { Description = "At most this many runs, newest first", DefaultValueFactory = _ => 25 };
        var command = context.ClientCommand("list-runs", "List the runs of a DAG, newest first", dagId, state, startDate, endDate, limit);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var request = new ListDagRunsRequest { DagId = parse.GetValue(dagId)!, PageSize = Math.Clamp(parse.GetValue(limit), 1, 1000) };
            if (CliParsing.RunState(parse.GetValue(state)) is not null) request.States.Add(parse.GetValue(state)!);
            if (CliParsing.ParseDate(parse.GetValue(startDate), "--start-date") is { } from) request.LogicalDateGte = Timestamp.FromDateTimeOffset(from);
            if (CliParsing.ParseDate(parse.GetValue(endDate), "--end-date") is { } to) request.LogicalDateLte = Timestamp.FromDateTimeOffset(to);
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.DagRunService/ListDagRuns", request, ListDagRunsResponse.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, response);
            else
            {
                Table.Write(context.Output, ["dag_id", "run_id", "state", "run_type", "logical_date", "start_date", "end_date"],
                    response.DagRuns.Select(r => (IReadOnlyList<string>)
                    [
                        r.DagId, r.RunId, r.State, r.RunType, CliOutput.Format(r.LogicalDate), CliOutput.Format(r.StartDate), CliOutput.Format(r.EndDate),
                    ]));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command State(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var runId = new Argument<string>("run_id");
        var command = context.ClientCommand("state", "Print the state of a run", dagId, runId);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var run = await client.UnaryAsync("codefirst.v1.DagRunService/GetDagRun",
                new GetDagRunRequest { DagId = parse.GetValue(dagId)!, RunId = parse.GetValue(runId)! }, DagRun.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, run);
            else await context.Output.WriteLineAsync(run.State);
            return ExitCodes.Success;
        }));
        return command;
    }
}
