using System.CommandLine;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Cli;

/// <summary>
/// <c>scheduler</c> and <c>worker</c>: the roles as separate processes, each pointed at the same
/// database (PostgreSQL for more than one process; see docs/deployment.md).
/// </summary>
internal static class RoleCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Role(context, "scheduler", "Create and start runs, reap zombies (run any number of schedulers against one PostgreSQL)", scheduler: true, worker: false);
        yield return Role(context, "worker", "Claim and execute queued task instances", scheduler: false, worker: true);
    }

    private static Command Role(CliContext context, string name, string description, bool scheduler, bool worker)
    {
        var tuning = new EngineOptionsBinding();
        var command = new Command(name, description) { context.Db };
        tuning.AddTo(command, worker);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var options = tuning.Read(parse, worker);
            var dags = context.DagBag;
            await using var services = RuntimeServices.Build(context.ConfigureServices, LogLevel.Information);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var engine = new CodeFirstEngine(store, context.DagDefinitions, services, options);
            await context.Output.WriteLineAsync(
                $"CodeFirst {name} {options.WorkerId}: {dags.Dags.Count} DAG(s), database {PostgresConnectionString.Redact(StoreLocator.Resolve(parse.GetValue(context.Db)))}.");
            await context.Output.FlushAsync(cancellationToken);
            try
            {
                await engine.RunAsync(scheduler, worker, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
