using CodeFirst.Definitions;
using CodeFirst.Server.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst;

/// <summary>
/// The entry point of a DAG application: <c>return await CodeFirstApp.RunAsync(args);</c> in
/// Program.cs runs any role (<c>standalone</c>) or client command (<c>dags …</c>, <c>tasks …</c>)
/// with every DAG the application declares.
/// </summary>
public static class CodeFirstApp
{
    /// <param name="args">The command line.</param>
    /// <param name="configureServices">Registers the services the DAGs' constructors and tasks ask for.</param>
    public static Task<int> RunAsync(string[] args, Action<IServiceCollection>? configureServices = null) =>
        new CliApplication(DagRegistry.All, configureServices, Console.Out, Console.Error).RunAsync(args);
}
