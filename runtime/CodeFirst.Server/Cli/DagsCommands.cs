using System.CommandLine;
using System.Globalization;
using CodeFirst.Proto.V1;

namespace CodeFirst.Server.Cli;

/// <summary><c>dags list|show|trigger|pause|unpause|list-runs|state|next-execution|backfill</c> over gRPC, and <c>dags test</c> in-process.</summary>
internal static partial class DagsCommands
{
    public static Command Create(CliContext context)
    {
        var dags = new Command("dags", "List, trigger, test and inspect DAGs");
        dags.Subcommands.Add(List(context));
        dags.Subcommands.Add(Show(context));
        dags.Subcommands.Add(Trigger(context));
        dags.Subcommands.Add(ListRuns(context));
        dags.Subcommands.Add(State(context));
        dags.Subcommands.Add(SetPaused(context, "pause", true));
        dags.Subcommands.Add(SetPaused(context, "unpause", false));
        dags.Subcommands.Add(NextExecution(context));
        dags.Subcommands.Add(Backfill(context));
        dags.Subcommands.Add(DagsTestCommand.Create(context));
        return dags;
    }

    private static Command List(CliContext context)
    {
        var tags = new Option<string[]>("--tag") { Description = "Only DAGs with one of these tags (repeatable)", AllowMultipleArgumentsPerToken = true };
        var paused = new Option<bool?>("--paused") { Description = "Only paused (true) or unpaused (false) DAGs" };
        var pattern = new Option<string?>("--pattern") { Description = "Only DAGs whose id contains this (% and _ are wildcards)" };
        var command = context.ClientCommand("list", "List the server's DAGs", tags, paused, pattern);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var request = new ListDagsRequest { PageSize = 1000, DagIdPattern = parse.GetValue(pattern) ?? "" };
            request.Tags.AddRange(parse.GetValue(tags) ?? []);
            if (parse.GetValue(paused) is { } p) request.Paused = p;
            var all = new ListDagsResponse();
            do
            {
                var page = await client.UnaryAsync("codefirst.v1.DagService/ListDags", request, ListDagsResponse.Parser, cancellationToken);
                all.Dags.AddRange(page.Dags);
                all.TotalSize = page.TotalSize;
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, all);
            else
            {
                Table.Write(context.Output, ["dag_id", "schedule", "paused", "tasks", "tags", "description"],
                    all.Dags.Select(d => (IReadOnlyList<string>)
                    [
                        d.DagId, d.Schedule.Length > 0 ? d.Schedule : "None", d.IsPaused ? "True" : "False",
                        d.TaskCount.ToString(CultureInfo.InvariantCulture), string.Join(",", d.Tags), d.Description,
                    ]));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var command = context.ClientCommand("show", "A DAG's schedule, next run, tasks and edges", dagId);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var dag = await client.UnaryAsync("codefirst.v1.DagService/GetDag", new GetDagRequest { DagId = parse.GetValue(dagId)! }, GetDagResponse.Parser, cancellationToken);
            if (context.Json(parse))
            {
                await CliOutput.WriteJsonAsync(context.Output, dag);
                return ExitCodes.Success;
            }

            var d = dag.Dag;
            var output = context.Output;
            await output.WriteLineAsync($"dag_id:       {d.DagId}");
            await output.WriteLineAsync($"description:  {d.Description}");
            await output.WriteLineAsync($"schedule:     {(d.Schedule.Length > 0 ? d.Schedule : "None")} ({d.TimetableSummary})");
            await output.WriteLineAsync($"paused:       {(d.IsPaused ? "True" : "False")}");
            await output.WriteLineAsync($"tags:         {string.Join(",", d.Tags)}");
            await output.WriteLineAsync(d.NextRun is { } next
                ? $"next run:     logical date {CliOutput.Format(next.LogicalDate)}, data interval {CliOutput.Format(next.DataIntervalStart)} to {CliOutput.Format(next.DataIntervalEnd)}, created after {CliOutput.Format(next.RunAfter)}"
                : "next run:     None");
            await output.WriteLineAsync("params:       " + (dag.Params.Count == 0 ? "None" : string.Join(", ", dag.Params.Select(p =>
                $"{p.Name}: {p.Type}{(p.Nullable ? "?" : "")}{(p.Required ? " (required)" : p.DefaultJson.Length > 0 ? $" = {p.DefaultJson}" : "")}"))));
            await output.WriteLineAsync();
            Table.Write(output, ["task_id", "upstream", "downstream", "trigger_rule", "retries"],
                dag.Tasks.Select(t => (IReadOnlyList<string>)
                [
                    t.TaskId, string.Join(",", t.UpstreamTaskIds), string.Join(",", t.DownstreamTaskIds), t.TriggerRule,
                    t.Retries.ToString(CultureInfo.InvariantCulture),
                ]));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Kept for <c>dags test</c> and the task commands.</summary>
    public static string Format(DateTimeOffset? value) => CliOutput.Format(value);
}
