using System.CommandLine;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Cli;

/// <summary>
/// <c>triggerer</c>: runs deferred tasks' triggers (deferrable sensors, <c>TaskDeferredException</c>).
/// Any number of triggerers may share one PostgreSQL database: triggers are claimed under a lease,
/// and a dead triggerer's are taken over when its lease runs out.
/// </summary>
internal static class TriggererCommand
{
    public static Command Create(CliContext context)
    {
        var tuning = new EngineOptionsBinding();
        var capacity = new Option<int>("--capacity") { Description = "Triggers this triggerer runs at once", DefaultValueFactory = _ => 10_000 };
        var command = new Command("triggerer", "Run the triggers of deferred task instances (deferrable sensors)") { context.Db, capacity };
        tuning.AddTo(command, worker: false);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var options = tuning.Read(parse, worker: false);
            options.TriggererCapacity = parse.GetValue(capacity);
            if (options.TriggererCapacity < 1) throw new CliException($"--capacity must be at least 1, not {options.TriggererCapacity}.");
            await using var services = RuntimeServices.Build(context.ConfigureServices, LogLevel.Information);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var engine = new CodeFirstEngine(store, context.DagDefinitions, services, options);
            await context.Output.WriteLineAsync(
                $"CodeFirst triggerer {options.WorkerId}: capacity {options.TriggererCapacity}, database {PostgresConnectionString.Redact(StoreLocator.Resolve(parse.GetValue(context.Db)))}.");
            await context.Output.FlushAsync(cancellationToken);
            try
            {
                await engine.RunAsync(scheduler: false, worker: false, triggerer: true, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
