using System.CommandLine;
using CodeFirst.Runtime.Engine;
using CodeFirst.Server.ControlPlane;
using CodeFirst.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Cli;

/// <summary><c>api</c>: only the gRPC control plane, over a database a scheduler and workers share.</summary>
internal static class ApiCommand
{
    public static Command Create(CliContext context)
    {
        var serve = new ServeOptions();
        var command = new Command("api", "Serve the gRPC control plane until Ctrl+C (runs no scheduler or worker)") { context.Db };
        serve.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var options = serve.Read(parse);
            await using var services = RuntimeServices.Build(context.ConfigureServices, LogLevel.Information);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var engine = new CodeFirstEngine(store, context.DagDefinitions, services);
            await using var server = await StartAsync(engine, options, cancellationToken);
            await context.Output.WriteLineAsync(
                $"CodeFirst api: control plane on {server.Address}, {DashboardText(server)}, {engine.Dags.Dags.Count} DAG(s), database {StoreLocator.Resolve(parse.GetValue(context.Db))}. Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>"dashboard on http://127.0.0.1:8080/", or why it is off.</summary>
    public static string DashboardText(ControlPlaneServer server) =>
        server.DashboardAddress is { } dashboard ? $"dashboard on {dashboard}" : server.DashboardProblem is { } problem ? $"dashboard off ({problem})" : "dashboard off";

    /// <summary>Starts the control plane, turning a refusal into a CLI error that says why.</summary>
    public static async Task<ControlPlaneServer> StartAsync(CodeFirstEngine engine, ControlPlaneOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await ControlPlaneServer.StartAsync(engine, options,
                logging => logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(LogLevel.Warning),
                cancellationToken);
        }
        catch (ControlPlaneStartException e)
        {
            throw new CliException(e.Message);
        }
        catch (IOException e)
        {
            throw new CliException($"cannot listen on {options.Listen}: {e.Message}", ExitCodes.Failed);
        }
    }
}
