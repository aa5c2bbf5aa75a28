using System.Diagnostics;
using System.Text.RegularExpressions;
using CodeFirst.Definitions;
using CodeFirst.Server.Cli.Graphs;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

public sealed partial class DagsShowGraphTests
{
    /// <summary>Groups, nesting, ids Mermaid would misread ('.', '-', "end") and a diamond of edges.</summary>
    private static readonly DagDefinition Grouped = new DagBuilder("grouped-dag")
        .Task("start", _ => { })
        .Task("ingestion.read_files", _ => { }, t => t.After("start"))
        .Task("ingestion.clean.dedupe-rows", _ => { }, t => t.After("ingestion.read_files"))
        .Task("ingestion.clean.end", _ => { }, t => t.After("ingestion.read_files"))
        .Task("report", _ => { }, t => t.After("ingestion.clean.dedupe-rows", "ingestion.clean.end"))
        .Task("end", _ => { }, t => t.After("report", "start"))
        .Build();

    // Until TaskDefinition carries a group, the test derives it from the dotted id.
    private static string? GroupFromId(TaskDefinition task) => task.TaskId.Contains('.') ? task.TaskId[..task.TaskId.LastIndexOf('.')] : null;

    private static HashSet<(string, string)> ExpectedEdges(DagDefinition dag) =>
        dag.Tasks.SelectMany(t => t.Upstream.Select(u => (u, t.TaskId))).ToHashSet();

    [Fact]
    public void Mermaid_GroupedDag_HasEveryTaskInItsSubgraphAndEveryEdge()
    {
        var parsed = ParseMermaid(MermaidGraph.Render(GraphView.From(Grouped, GroupFromId)));

        Assert.Equal(Grouped.Tasks.Select(t => t.TaskId).Order(), parsed.Groups.Keys.Order());
        Assert.Null(parsed.Groups["start"]);
        Assert.Equal("ingestion", parsed.Groups["ingestion.read_files"]);
        Assert.Equal("ingestion/clean", parsed.Groups["ingestion.clean.dedupe-rows"]);
        Assert.Equal("ingestion/clean", parsed.Groups["ingestion.clean.end"]);
        Assert.Null(parsed.Groups["end"]);
        Assert.Equal(ExpectedEdges(Grouped), parsed.Edges);
    }

    [Fact]
    public void Dot_GroupedDag_HasEveryTaskInItsClusterAndEveryEdge()
    {
        var dot = DotGraph.Render(GraphView.From(Grouped, GroupFromId));
        var parsed = ParseDot(dot);

        Assert.Equal("grouped-dag", parsed.Name);
        Assert.Equal(Grouped.Tasks.Select(t => t.TaskId).Order(), parsed.Groups.Keys.Order());
        Assert.Null(parsed.Groups["start"]);
        Assert.Equal("ingestion", parsed.Groups["ingestion.read_files"]);
        Assert.Equal("ingestion/clean", parsed.Groups["ingestion.clean.end"]);
        Assert.Equal(ExpectedEdges(Grouped), parsed.Edges);
        AssertGraphvizAccepts(dot);
    }

    [Fact]
    public async Task DagsShow_MermaidAndDot_RenderTheLocalDefinitionWithoutAServer()
    {
        var cli = new CliRunner([.. TestDags.All, Grouped]);

        var mermaid = await cli.RunAsync("dags", "show", "grouped-dag", "--format", "mermaid", "--server", "http://127.0.0.1:1");
        var dot = await cli.RunAsync("dags", "show", "passing", "--format", "dot", "--server", "http://127.0.0.1:1");

        Assert.Equal(0, mermaid.ExitCode);
        Assert.Equal(ExpectedEdges(Grouped), ParseMermaid(mermaid.Output).Edges);
        Assert.Equal(0, dot.ExitCode);
        Assert.Equal([("produce", "consume")], ParseDot(dot.Output).Edges);
    }

    [Theory]
    [InlineData(new[] { "dags", "show", "passing", "--format", "svg" }, "Argument 'svg' not recognized. Must be one of:")]
    [InlineData(new[] { "dags", "show", "passing", "--format", "dot", "-o", "json" }, "Error: --output json applies to --format text only")]
    public async Task DagsShow_BadFormat_ExitsWithAClearError(string[] args, string message)
    {
        var (code, _, error) = await new CliRunner(TestDags.All).RunAsync(args);

        Assert.NotEqual(0, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    internal sealed record ParsedGraph(string Name, Dictionary<string, string?> Groups, HashSet<(string, string)> Edges);

    /// <summary>Reads back the subset of Mermaid the renderer writes, failing on any other line.</summary>
    internal static ParsedGraph ParseMermaid(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("flowchart LR", lines[0]);
        var idOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var groups = new Dictionary<string, string?>(StringComparer.Ordinal);
        var edges = new List<(string, string)>();
        var stack = new Stack<string>();
        foreach (var line in lines.Skip(1).Select(l => l.Trim()))
        {
            if (line.StartsWith("%%", StringComparison.Ordinal)) continue;
            if (MermaidSubgraph().Match(line) is { Success: true } sub) stack.Push(sub.Groups[2].Value);
            else if (line == "end") Assert.True(stack.TryPop(out _), "'end' without a subgraph");
            else if (MermaidNode().Match(line) is { Success: true } node)
            {
                Assert.NotEqual("end", node.Groups[1].Value);
                // A task in a group is labelled with its id without the group's prefix.
                var path = stack.Count == 0 ? null : string.Join('/', stack.Reverse());
                var taskId = path is null ? node.Groups[2].Value : path.Replace('/', '.') + "." + node.Groups[2].Value;
                Assert.True(idOf.TryAdd(node.Groups[1].Value, taskId), $"node {node.Groups[1].Value} declared twice");
                groups[taskId] = path;
            }
            else if (MermaidEdge().Match(line) is { Success: true } edge) edges.Add((edge.Groups[1].Value, edge.Groups[2].Value));
            else Assert.Fail($"Not a line the Mermaid renderer writes: '{line}'");
        }
        Assert.Empty(stack);
        return new ParsedGraph("", groups, edges.Select(e => (idOf[e.Item1], idOf[e.Item2])).ToHashSet());
    }

    /// <summary>Reads back the subset of dot the renderer writes, failing on any other line.</summary>
    internal static ParsedGraph ParseDot(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();
        var header = DotHeader().Match(lines[0]);
        Assert.True(header.Success, lines[0]);
        var groups = new Dictionary<string, string?>(StringComparer.Ordinal);
        var edges = new HashSet<(string, string)>();
        var stack = new Stack<string>();
        foreach (var line in lines.Skip(1).SkipLast(1))
        {
            if (line is "rankdir=LR;" or "node [shape=box, style=rounded];" || DotLabel().IsMatch(line)) continue;
            if (DotCluster().Match(line) is { Success: true } cluster)
            {
                var path = cluster.Groups[1].Value;
                stack.Push(path[(path.LastIndexOf('.') + 1)..]);
            }
            else if (line == "}") Assert.True(stack.TryPop(out _), "'}' without a subgraph");
            else if (DotNode().Match(line) is { Success: true } node) groups[node.Groups[1].Value] = stack.Count == 0 ? null : string.Join('/', stack.Reverse());
            else if (DotEdge().Match(line) is { Success: true } edge) edges.Add((edge.Groups[1].Value, edge.Groups[2].Value));
            else Assert.Fail($"Not a line the dot renderer writes: '{line}'");
        }
        Assert.Equal("}", lines[^1]);
        Assert.Empty(stack);
        Assert.All(edges, e => Assert.True(groups.ContainsKey(e.Item1) && groups.ContainsKey(e.Item2), $"edge {e} names an undeclared node"));
        return new ParsedGraph(header.Groups[1].Value, groups, edges);
    }

    /// <summary>When Graphviz is installed, it must accept the file too (it is not installed for the tests).</summary>
    private static void AssertGraphvizAccepts(string dot)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, "dot")).FirstOrDefault(File.Exists);
        if (path is null) return;
        using var process = Process.Start(new ProcessStartInfo(path, "-Tsvg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.StandardInput.Write(dot);
        process.StandardInput.Close();
        var svg = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "dot did not finish");
        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
    }

    [GeneratedRegex("""^subgraph (g_[A-Za-z0-9_]+) \["([^"]+)"\]$""")]
    private static partial Regex MermaidSubgraph();

    [GeneratedRegex("""^(t_[A-Za-z0-9_]+)\["([^"]+)"\]$""")]
    private static partial Regex MermaidNode();

    [GeneratedRegex("^(t_[A-Za-z0-9_]+) --> (t_[A-Za-z0-9_]+)$")]
    private static partial Regex MermaidEdge();

    [GeneratedRegex("""^digraph "([^"]+)" \{$""")]
    private static partial Regex DotHeader();

    [GeneratedRegex("""^subgraph "cluster_([^"]+)" \{$""")]
    private static partial Regex DotCluster();

    [GeneratedRegex("""^label="[^"]+";$""")]
    private static partial Regex DotLabel();

    [GeneratedRegex("""^"([^"]+)" \[label="[^"]+"\];$""")]
    private static partial Regex DotNode();

    [GeneratedRegex("""^"([^"]+)" -> "([^"]+)";$""")]
    private static partial Regex DotEdge();
}
