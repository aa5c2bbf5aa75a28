using System.CommandLine;
using CodeFirst.Proto.V1;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.Cli;

internal static partial class DagsCommands
{
    private static Command Backfill(CliContext context)
    {
        var dagId = new Argument<string>("dag_id") { Description = "The DAG to backfill (cron or interval schedule)" };
        var startDate = new Option<string?>("--start-date", "-s", "--from-date") { Description = "First logical date (inclusive), e.g. 2024-01-01" };
        var endDate = new Option<string?>("--end-date", "-e", "--to-date") { Description = "Last logical date (inclusive)" };
        var reprocess = new Option<string>("--reprocess-behavior")
        {
            Description = "Dates that already have a run: none (keep them), failed (rerun failed ones), completed (rerun finished ones)",
            DefaultValueFactory = _ => "none",
        };
        reprocess.AcceptOnlyFromAmong("none", "failed", "completed");
        var maxActiveRuns = new Option<int?>("--max-active-runs") { Description = "How many backfill runs may be queued or running at once (default 10)" };
        var runBackwards = new Option<bool>("--run-backwards") { Description = "Run the newest date first" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the logical dates it would run and create nothing" };
        var conf = new Option<string?>("--conf", "-c") { Description = "JSON object every run gets, checked against the DAG's params" };
        var command = context.ClientCommand("backfill", "Backfill a range of logical dates; the server's scheduler creates the runs",
            dagId, startDate, endDate, reprocess, maxActiveRuns, runBackwards, dryRun, conf);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var request = new CreateBackfillRequest
            {
                DagId = parse.GetValue(dagId)!,
                FromDate = Timestamp.FromDateTimeOffset(CliParsing.ParseDate(parse.GetValue(startDate), "--start-date")
                    ?? throw new CliException("--start-date is required: the first logical date to backfill, e.g. 2024-01-01.")),
                ToDate = Timestamp.FromDateTimeOffset(CliParsing.ParseDate(parse.GetValue(endDate), "--end-date")
                    ?? throw new CliException("--end-date is required: the last logical date to backfill, e.g. 2024-01-31.")),
                ReprocessBehavior = parse.GetValue(reprocess)!,
                MaxActiveRuns = parse.GetValue(maxActiveRuns) is { } max
                    ? max > 0 ? max : throw new CliException($"--max-active-runs must be at least 1, but it is {max}.")
                    : 0,
                RunBackwards = parse.GetValue(runBackwards),
                DryRun = parse.GetValue(dryRun),
                ConfJson = CliParsing.Conf(parse.GetValue(conf)),
            };
            if (request.FromDate.ToDateTimeOffset() > request.ToDate.ToDateTimeOffset())
                throw new CliException($"--start-date ({parse.GetValue(startDate)}) is after --end-date ({parse.GetValue(endDate)}).");
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.DagRunService/CreateBackfill", request, CreateBackfillResponse.Parser, cancellationToken);
            if (context.Json(parse))
            {
                await CliOutput.WriteJsonAsync(context.Output, response);
                return ExitCodes.Success;
            }

            BackfillsCommands.WriteDates(context.Output, response.Dates, withProgress: false);
            var runs = response.Dates.Count(d => d.Action != "skip");
            await context.Output.WriteLineAsync(response.Backfill is { } backfill
                ? $"Created backfill {backfill.Id} of {backfill.DagId} ({backfill.State}): {runs} of {response.Dates.Count} date(s) to run. Follow it with 'backfills get {backfill.Id}'."
                : $"Dry run: would run {runs} of {response.Dates.Count} date(s); nothing was created.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
