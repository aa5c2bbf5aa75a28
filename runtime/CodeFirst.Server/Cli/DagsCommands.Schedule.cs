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
        var count = new Option<int>("--num-executions", "-n") { Description = "How many upcoming runs to print", DefaultValueFactory = _ => 1 };
        var command = context.ClientCommand("next-execution",
            "The next scheduled runs: logical date, data interval and when each run is created, in the DAG's zone and in UTC (None when there is none)",
            dagId, count);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var n = parse.GetValue(count);
            if (n < 1) throw new CliException($"-n must be at least 1, but it is {n}.");
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.DagService/ListNextDagRuns",
                new ListNextDagRunsRequest { DagId = parse.GetValue(dagId)!, Count = n }, ListNextDagRunsResponse.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, response);
            else if (response.NextRuns.Count == 0) await context.Output.WriteLineAsync("None");
            else
            {
                if (Zone(response.Timezone) is { } zone)
                {
                    await WriteNextRunsAsync(context.Output, response.NextRuns, zone, response.Timezone);
                    await context.Output.WriteLineAsync();
                }
                await WriteNextRunsAsync(context.Output, response.NextRuns, TimeZoneInfo.Utc, "UTC");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The DAG's zone when it is not UTC and this machine knows it (else the UTC table alone is printed).</summary>
    private static TimeZoneInfo? Zone(string id)
    {
        if (id is "" or "UTC" or "Etc/UTC") return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
    }

    private static async Task WriteNextRunsAsync(TextWriter output, IEnumerable<NextDagRun> runs, TimeZoneInfo zone, string name)
    {
        string Local(Google.Protobuf.WellKnownTypes.Timestamp value) =>
            TimeZoneInfo.ConvertTime(value.ToDateTimeOffset(), zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

        await output.WriteLineAsync($"{name}:");
        Table.Write(output, ["logical_date", "data_interval_start", "data_interval_end", "run_after"],
            runs.Select(r => (IReadOnlyList<string>)[Local(r.LogicalDate), Local(r.DataIntervalStart), Local(r.DataIntervalEnd), Local(r.RunAfter)]));
    }
}
