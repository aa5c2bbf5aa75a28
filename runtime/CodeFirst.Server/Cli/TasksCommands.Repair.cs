using System.CommandLine;
using CodeFirst.Proto.V1;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.Cli;

internal static partial class TasksCommands
{
    private static Command Clear(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var runId = new Option<string?>("--run-id") { Description = "The run whose task instances to clear (or give -s/-e)" };
        var startDate = new Option<string?>("--start-date", "-s") { Description = "Clear runs with a logical date from this one on (yyyy-MM-dd or ISO 8601)" };
        var endDate = new Option<string?>("--end-date", "-e") { Description = "Clear runs with a logical date up to this one (inclusive)" };
        var taskIds = new Option<string[]>("--task-id") { Description = "Clear these tasks (repeatable; default: every task)", AllowMultipleArgumentsPerToken = true };
        var regex = new Option<string?>("--task-regex", "-t") { Description = "Clear tasks whose id matches this regular expression" };
        var upstream = new Option<bool>("--upstream", "-u") { Description = "Also their upstream tasks" };
        var downstream = new Option<bool>("--downstream", "-d") { Description = "Also their downstream tasks" };
        var onlyFailed = new Option<bool>("--only-failed", "-f") { Description = "Only failed and upstream_failed instances" };
        var onlyRunning = new Option<bool>("--only-running", "-r") { Description = "Only running instances" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be cleared; change nothing" };
        var command = context.ClientCommand("clear", "Clear task instances of one run (--run-id) or of the runs in a date range (-s/-e) so they run again",
            dagId, runId, startDate, endDate, taskIds, regex, upstream, downstream, onlyFailed, onlyRunning, dryRun);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var run = parse.GetValue(runId);
            var from = CliParsing.ParseDate(parse.GetValue(startDate), "--start-date");
            var to = CliParsing.ParseDate(parse.GetValue(endDate), "--end-date");
            if (string.IsNullOrEmpty(run) == (from is null && to is null))
                throw new CliException("give either --run-id or a date range (--start-date and/or --end-date).");
            var request = new ClearTaskInstancesRequest
            {
                DagId = parse.GetValue(dagId)!,
                RunId = run ?? "",
                StartDate = from is { } f ? Timestamp.FromDateTimeOffset(f) : null,
                EndDate = to is { } t ? Timestamp.FromDateTimeOffset(t) : null,
                TaskRegex = parse.GetValue(regex) ?? "",
                IncludeUpstream = parse.GetValue(upstream),
                IncludeDownstream = parse.GetValue(downstream),
                OnlyFailed = parse.GetValue(onlyFailed),
                OnlyRunning = parse.GetValue(onlyRunning),
                DryRun = parse.GetValue(dryRun),
            };
            request.TaskIds.AddRange(parse.GetValue(taskIds) ?? []);
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.TaskInstanceService/ClearTaskInstances", request, ClearTaskInstancesResponse.Parser, cancellationToken);
            await WriteAffectedAsync(context, parse, response, response.TaskInstances, response.DryRun, "clear");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Mark(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var runId = new Argument<string>("run_id");
        var taskId = new Argument<string>("task_id");
        var state = new Option<string>("--state", "-s") { Description = "success or failed", Required = true };
        state.AcceptOnlyFromAmong("success", "failed");
        var upstream = new Option<bool>("--upstream", "-u") { Description = "Also its upstream tasks" };
        var downstream = new Option<bool>("--downstream", "-d") { Description = "Also its downstream tasks" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be marked; change nothing" };
        var command = context.ClientCommand("mark", "Mark a task instance success or failed", dagId, runId, taskId, state, upstream, downstream, dryRun);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var request = new SetTaskInstanceStateRequest
            {
                DagId = parse.GetValue(dagId)!,
                RunId = parse.GetValue(runId)!,
                TaskId = parse.GetValue(taskId)!,
                NewState = parse.GetValue(state)!,
                IncludeUpstream = parse.GetValue(upstream),
                IncludeDownstream = parse.GetValue(downstream),
                DryRun = parse.GetValue(dryRun),
            };
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.TaskInstanceService/SetTaskInstanceState", request, SetTaskInstanceStateResponse.Parser, cancellationToken);
            await WriteAffectedAsync(context, parse, response, response.TaskInstances, response.DryRun, "mark");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Logs(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var runId = new Argument<string>("run_id");
        var taskId = new Argument<string>("task_id");
        var tryNumber = new Option<int?>("--try") { Description = "Which try (default: the latest; with --follow, the first to print)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing each new try's log until the task instance finishes" };
        var command = context.ClientCommand("logs", "Print the log of a task instance's try", dagId, runId, taskId, tryNumber, follow);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var (dag, run, task, attempt) = (parse.GetValue(dagId)!, parse.GetValue(runId)!, parse.GetValue(taskId)!, parse.GetValue(tryNumber) ?? 0);
            if (parse.GetValue(follow))
            {
                var request = new StreamTaskLogRequest { DagId = dag, RunId = run, TaskId = task, TryNumber = attempt };
                await foreach (var line in client.StreamAsync("codefirst.v1.TaskInstanceService/StreamTaskLog", request, TaskLogLine.Parser, cancellationToken))
                    await WriteLineAsync(context, parse, line);
                return ExitCodes.Success;
            }

            var log = await client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskLog",
                new GetTaskLogRequest { DagId = dag, RunId = run, TaskId = task, TryNumber = attempt }, GetTaskLogResponse.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, log);
            else foreach (var line in log.Lines) await WriteLineAsync(context, parse, line);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Task WriteLineAsync(CliContext context, ParseResult parse, TaskLogLine line) =>
        context.Json(parse)
            ? CliOutput.WriteJsonAsync(context.Output, line)
            : context.Output.WriteLineAsync($"[{CliOutput.Format(line.Timestamp)}] {line.Level.ToUpperInvariant()} {line.Message}");
}
