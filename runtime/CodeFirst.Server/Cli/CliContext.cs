using System.CommandLine;
using CodeFirst.Definitions;
using CodeFirst.Grpc;
using CodeFirst.Runtime.Engine;
using CodeFirst.Server.Cli.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Server.Cli;

/// <summary>What every command shares: the DAGs, the DI setup, the writers and the common options.</summary>
internal sealed class CliContext(IReadOnlyList<DagDefinition> dags, Action<IServiceCollection>? configureServices, TextWriter output, TextWriter error)
{
    public const string DefaultServer = "http://127.0.0.1:50051";

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

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The CodeFirst server's control plane (default: $CODEFIRST_SERVER, else {DefaultServer})",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Bearer token for the server (default: $CODEFIRST_TOKEN)",
    };

    public Option<string> Format { get; } = CreateFormatOption();

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

    /// <summary>A command that talks to the server: it gets --server, --token and --output.</summary>
    public Command ClientCommand(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: command.Arguments.Add(argument); break;
                case Option option: command.Options.Add(option); break;
            }
        }
        command.Options.Add(Server);
        command.Options.Add(Token);
        command.Options.Add(Format);
        return command;
    }

    public GrpcClient Client(ParseResult parse)
    {
        var text = parse.GetValue(Server) is { Length: > 0 } server ? server
            : Environment.GetEnvironmentVariable("CODEFIRST_SERVER") is { Length: > 0 } fromEnv ? fromEnv
            : DefaultServer;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException($"--server '{text}' is not an http:// or https:// address such as {DefaultServer}.");
        var token = parse.GetValue(Token) is { Length: > 0 } t ? t : Environment.GetEnvironmentVariable("CODEFIRST_TOKEN");
        return new GrpcClient(uri, token);
    }

    public bool Json(ParseResult parse) => parse.GetValue(Format) == "json";

    /// <summary>Runs a command body, turning user errors and server statuses into "Error: …" and their exit code.</summary>
    /// <summary>
    /// For long-running roles: a stop (SIGTERM, Ctrl+C) that surfaces as cancellation anywhere while
    /// shutting down (engine, control plane, disposal) is the clean end it asked for, exit code 0.
    /// </summary>
    public async Task<int> GuardAsync(Func<Task<int>> body, CancellationToken stopping)
    {
        try
        {
            return await GuardAsync(body);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }

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
        catch (GrpcCallException e)
        {
            await Error.WriteLineAsync($"Error: {e.Message}");
            return e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.AlreadyExists ? ExitCodes.UsageError : ExitCodes.Failed;
        }
        catch (HttpRequestException e)
        {
            await Error.WriteLineAsync($"Error: talking to the CodeFirst server failed: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    private static Option<string> CreateFormatOption()
    {
        var option = new Option<string>("--output", "-o") { Description = "table or json", DefaultValueFactory = _ => "table" };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }
}
