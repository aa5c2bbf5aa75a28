using System.CommandLine;
using System.Globalization;
using CodeFirst.Proto.V1;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.Cli;

internal static partial class TasksCommands
{
    /// <summary>Hangfire's "Failed jobs" on the command line: failed task instances of every run, newest end first.</summary>
    private static Command Failed(CliContext context)
    {
        var dagId = new Option<string?>("--dag-id", "-d") { Description = "Only this DAG's task instances (default: every DAG)" };
        var startDate = new Option<string?>("--start-date", "-s") { Description = "Only task instances that ended on or after this (yyyy-MM-dd or ISO 8601)" };
        var endDate = new Option<string?>("--end-date", "-e") { Description = "Only task instances that ended on or before this" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest end first (1 to 1000)", DefaultValueFactory = _ => 25 };
        var command = context.ClientCommand("failed", "List failed task instances of every run (of every DAG unless --dag-id), newest end first",
            dagId, startDate, endDate, limit);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var size = parse.GetValue(limit);
            if (size is < 1 or > 1000) throw new CliException($"--limit {size} is out of range: use 1 to 1000.");
            var request = new ListTaskInstancesRequest { DagId = parse.GetValue(dagId) ?? "~", RunId = "~", States = { "failed" }, PageSize = size };
            if (CliParsing.ParseDate(parse.GetValue(startDate), "--start-date") is { } from) request.EndDateGte = Timestamp.FromDateTimeOffset(from);
            if (CliParsing.ParseDate(parse.GetValue(endDate), "--end-date") is { } to) request.EndDateLte = Timestamp.FromDateTimeOffset(to);
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.TaskInstanceService/ListTaskInstances", request, ListTaskInstancesResponse.Parser, cancellationToken);
            if (context.Json(parse))
            {
                await CliOutput.WriteJsonAsync(context.Output, response);
                return ExitCodes.Success;
            }

            Table.Write(context.Output, ["dag_id", "run_id", "task_id", "map_index", "tries", "end_date"],
                response.TaskInstances.Select(t => (IReadOnlyList<string>)
                    [t.DagId, t.RunId, t.TaskId, t.MapIndex.ToString(CultureInfo.InvariantCulture), $"{t.TryNumber}/{t.MaxTries}", CliOutput.Format(t.EndDate)]));
            await context.Output.WriteLineAsync($"{response.TaskInstances.Count} of {response.TotalSize} failed task instance(s).");
            return ExitCodes.Success;
        }));
        return command;
    }
}
