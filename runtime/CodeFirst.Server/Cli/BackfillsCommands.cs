using System.CommandLine;
using System.Globalization;
using CodeFirst.Proto.V1;

namespace CodeFirst.Server.Cli;

/// <summary><c>backfills list|get|cancel</c> over gRPC (<c>dags backfill</c> creates them).</summary>
internal static class BackfillsCommands
{
    public static Command Create(CliContext context)
    {
        var backfills = new Command("backfills", "Follow and cancel backfills (create them with 'dags backfill')");
        backfills.Subcommands.Add(List(context));
        backfills.Subcommands.Add(Get(context));
        backfills.Subcommands.Add(Cancel(context));
        return backfills;
    }

    /// <summary>One line per logical date: its data interval and what the backfill does (and, once stored, how far it got).</summary>
    public static void WriteDates(TextWriter output, IEnumerable<BackfillDate> dates, bool withProgress) =>
        Table.Write(output, withProgress
                ? ["logical_date", "data_interval_start", "data_interval_end", "action", "state", "run_id"]
                : ["logical_date", "data_interval_start", "data_interval_end", "action"],
            dates.Select(d => (IReadOnlyList<string>)(withProgress
                ? [CliOutput.Format(d.LogicalDate), CliOutput.Format(d.DataIntervalStart), CliOutput.Format(d.DataIntervalEnd), d.Action, d.State, d.RunId]
                : [CliOutput.Format(d.LogicalDate), CliOutput.Format(d.DataIntervalStart), CliOutput.Format(d.DataIntervalEnd), d.Action])));

    private static Command List(CliContext context)
    {
        var dagId = new Option<string?>("--dag-id", "-d") { Description = "Only backfills of this DAG" };
        var running = new Option<bool>("--running") { Description = "Only backfills that are still running" };
        var command = context.ClientCommand("list", "Backfills, newest first", dagId, running);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var request = new ListBackfillsRequest { DagId = parse.GetValue(dagId) ?? "", RunningOnly = parse.GetValue(running), PageSize = 1000 };
            var all = new ListBackfillsResponse();
            do
            {
                var page = await client.UnaryAsync("codefirst.v1.DagRunService/ListBackfills", request, ListBackfillsResponse.Parser, cancellationToken);
                all.Backfills.AddRange(page.Backfills);
                all.TotalSize = page.TotalSize;
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, all);
            else
            {
                Table.Write(context.Output, ["id", "dag_id", "state", "from_date", "to_date", "reprocess", "done", "created_at"],
                    all.Backfills.Select(b => (IReadOnlyList<string>)
                    [
                        Number(b.Id), b.DagId, b.State, CliOutput.Format(b.FromDate), CliOutput.Format(b.ToDate), b.ReprocessBehavior,
                        $"{b.Progress.Success + b.Progress.Failed + b.Progress.Skipped}/{b.Progress.Total}", CliOutput.Format(b.CreatedAt),
                    ]));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Get(CliContext context)
    {
        var id = new Argument<string>("backfill_id");
        var command = context.ClientCommand("get", "A backfill and the progress of each of its dates", id);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.DagRunService/GetBackfill",
                new GetBackfillRequest { BackfillId = Id(parse.GetValue(id)) }, GetBackfillResponse.Parser, cancellationToken);
            if (context.Json(parse))
            {
                await CliOutput.WriteJsonAsync(context.Output, response);
                return ExitCodes.Success;
            }

            var b = response.Backfill;
            var p = b.Progress;
            await context.Output.WriteLineAsync($"Backfill {b.Id} of {b.DagId}: {b.State}, {CliOutput.Format(b.FromDate)} to {CliOutput.Format(b.ToDate)}, " +
                $"reprocess {b.ReprocessBehavior}, max active runs {b.MaxActiveRuns}{(b.RunBackwards ? ", backwards" : "")}");
            await context.Output.WriteLineAsync($"{p.Total} date(s): {p.Pending} pending, {p.Queued} queued, {p.Running} running, " +
                $"{p.Success} success, {p.Failed} failed, {p.Skipped} skipped");
            await context.Output.WriteLineAsync();
            WriteDates(context.Output, response.Dates, withProgress: true);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Cancel(CliContext context)
    {
        var id = new Argument<string>("backfill_id");
        var command = context.ClientCommand("cancel", "Cancel a running backfill: no new runs, its queued runs fail, running ones finish", id);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.DagRunService/CancelBackfill",
                new CancelBackfillRequest { BackfillId = Id(parse.GetValue(id)) }, CancelBackfillResponse.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, response);
            else await context.Output.WriteLineAsync($"Backfill {response.Backfill.Id} of {response.Backfill.DagId} is canceled.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static long Id(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new CliException($"backfill id '{text}' is not a backfill id: use the number 'backfills list' prints.");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
