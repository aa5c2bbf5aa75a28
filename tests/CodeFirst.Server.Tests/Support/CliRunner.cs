using CodeFirst.Definitions;
using CodeFirst.Server.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Server.Tests.Support;

/// <summary>Runs the CLI in-process with given DAGs and captures what it prints.</summary>
internal sealed class CliRunner(IReadOnlyList<DagDefinition> dags, Action<IServiceCollection>? services = null)
{
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        await RunAsync(args, CancellationToken.None);

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await new CliApplication(dags, services, TextWriter.Synchronized(output), TextWriter.Synchronized(error)).RunAsync(args, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
