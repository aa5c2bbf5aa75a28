using System.CommandLine;
using CodeFirst.Runtime.Engine;
using CodeFirst.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Cli;

/// <summary><c>standalone</c>: scheduler and workers in one process on the embedded store.</summary>
internal static class StandaloneCommand
{
    public static Command Create(CliContext context)
    {
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Task instances run at once (default: processor count x 2)",
            DefaultValueFactory = _ => Environment.ProcessorCount * 2,
        };
        var command = new Command("standalone", "Run the scheduler and a worker in this process until Ctrl+C") { context.Db, concurrency };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var workers = parse.GetValue(concurrency);
            if (workers < 1) throw new CliException($"--concurrency must be at least 1, not {workers}.");
            var dagBag = context.DagBag;
            await using var services = RuntimeServices.Build(context.ConfigureServices, LogLevel.Information);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var engine = new CodeFirstEngine(store, context.DagDefinitions, services, new EngineOptions { Concurrency = workers });
            await context.Output.WriteLineAsync(
                $"CodeFirst standalone: {dagBag.Dags.Count} DAG(s), database {StoreLocator.Resolve(parse.GetValue(context.Db))}, concurrency {workers}. Ctrl+C stops.");
            try
            {
                await engine.RunAsync(scheduler: true, worker: true, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
