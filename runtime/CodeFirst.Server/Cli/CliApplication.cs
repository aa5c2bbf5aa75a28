using System.CommandLine;
using CodeFirst.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Server.Cli;

/// <summary>The command tree of a DAG application.</summary>
internal sealed class CliApplication(
    IReadOnlyList<DagDefinition> dags, Action<IServiceCollection>? configureServices, TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(dags, configureServices, output, error);
        var root = new RootCommand("CodeFirst: workflows as attributed C#. Run 'standalone' to schedule and execute the DAGs of this application.");
        root.Subcommands.Add(StandaloneCommand.Create(context));
        foreach (var role in RoleCommands.Create(context)) root.Subcommands.Add(role);
        root.Subcommands.Add(TriggererCommand.Create(context));
        root.Subcommands.Add(DbCommands.Create(context));
        root.Subcommands.Add(DagsCommands.Create(context));
        root.Subcommands.Add(ApiCommand.Create(context));
        root.Subcommands.Add(BackfillsCommands.Create(context));
        root.Subcommands.Add(TasksCommands.Create(context));
        root.Subcommands.Add(AssetsCommands.Create(context));
        root.Subcommands.Add(PoolsCommands.Create(context));
        root.Subcommands.Add(TokensCommands.Create(context));
        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // SIGTERM/SIGINT cancel the command's token and wait this long for a graceful stop:
            // longer than the workers' shutdown grace, so running tries finish or are handed back.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        }, cancellationToken);
    }
}
