using System.CommandLine;
using CodeFirst.Proto.V1;
using CodeFirst.Server.Cli.Graphs;

namespace CodeFirst.Server.Cli;

internal static partial class DagsCommands
{
    private const string TextFormat = "text";

    private static Option<string> GraphFormatOption()
    {
        var option = new Option<string>("--format")
        {
            Description = "text (details from the server), mermaid (a flowchart) or dot (Graphviz)",
            DefaultValueFactory = _ => TextFormat,
        };
        option.AcceptOnlyFromAmong(TextFormat, "mermaid", "dot");
        return option;
    }

    /// <summary>
    /// Draws the graph from this application's own definition, like Airflow's <c>dags show</c> reads
    /// the local DagBag: no server needed, and task groups are known. A DAG only the server has is
    /// fetched from it (its groups are then unknown).
    /// </summary>
    private static async Task<int> ShowGraphAsync(CliContext context, ParseResult parse, string dagId, string format, CancellationToken cancellationToken)
    {
        if (context.Json(parse))
            throw new CliException($"--output json applies to --format {TextFormat} only; --format {format} prints the graph itself.");
        GraphView graph;
        if (context.DagBag.Find(dagId) is { } local) graph = GraphView.From(local.Definition);
        else
        {
            using var client = context.Client(parse);
            graph = GraphView.From(await client.UnaryAsync("codefirst.v1.DagService/GetDag", new GetDagRequest { DagId = dagId }, GetDagResponse.Parser, cancellationToken));
        }
        await context.Output.WriteAsync(format == "dot" ? DotGraph.Render(graph) : MermaidGraph.Render(graph));
        return ExitCodes.Success;
    }
}
