using System.CommandLine;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Server.Cli;

/// <summary>What every command shares: the DAGs, the DI setup, the writers and the common options.</summary>
internal sealed class CliContext(IReadOnlyList<DagDefinition> dags, Action<IServiceCollection>? configureServices, TextWriter output, TextWriter error)
{
    private DagBag? _dagBag;

    public IReadOnlyList<DagDefinition> DagDefinitions { get; } = dags;
    public Action<IServiceCollection>? ConfigureServices { get; } = configureServices;
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    public DagBag DagBag => _dagBag ??= new DagBag(DagDefinitions);

    public Option<string?> Db { get; } = new("--db")
    {
        Description = "SQLite database file (default: $CODEFIRST_DB, else ./.codefirst/codefirst.db)",
    };

    public LoadedDag Dag(string dagId)
    {
        try
        {
            return DagBag.Get(dagId);
        }
        catch (DagNotFoundException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>Runs a command body, turning user errors into "Error: …" and their exit code.</summary>
    public async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException e)
        {
            await Error.WriteLineAsync($"Error: {e.Message}");
            return e.ExitCode;
        }
    }
}
