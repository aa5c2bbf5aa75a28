using System.CommandLine;
using CodeFirst.Runtime.Engine;
using CodeFirst.Server.ControlPlane;
using CodeFirst.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Cli;

/// <summary><c>standalone</c>: scheduler, workers and the gRPC control plane in one process on the embedded store.</summary>
internal static class StandaloneCommand
{
    public static Command Create(CliContext context)
    {
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Task instances run at once (default: processor count x 2)",
            DefaultValueFactory = _ => Environment.ProcessorCount * 2,
        };
        var noApi = new Option<bool>("--no-api") { Description = "Do not serve the gRPC control plane" };
        var serve = new ServeOptions();
        var command = new Command("standalone", "Run the scheduler, a worker and the control plane in this process until Ctrl+C") { context.Db, concurrency, noApi };
        serve.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var workers = parse.GetValue(concurrency);
            if (workers < 1) throw new CliException($"--concurrency must be at least 1, not {workers}.");
            var options = parse.GetValue(noApi) ? null : serve.Read(parse);
            var dagBag = context.DagBag;
            await using var services = RuntimeServices.Build(context.ConfigureServices, LogLevel.Information);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var engine = new CodeFirstEngine(store, context.DagDefinitions, services, new EngineOptions { Concurrency = workers });
            await using var server = options is null ? null : await ApiCommand.StartAsync(engine, options, cancellationToken);
            await context.Output.WriteLineAsync(
                $"CodeFirst standalone: {dagBag.Dags.Count} DAG(s), database {StoreLocator.Resolve(parse.GetValue(context.Db))}, concurrency {workers}, " +
                $"control plane {(server is null ? "off" : server.Address.ToString())}, {(server is null ? "dashboard off" : ApiCommand.DashboardText(server))}. Ctrl+C stops.");
            try
            {
                await engine.RunAsync(scheduler: true, worker: true, triggerer: true, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
