using System.Text;

namespace CodeFirst.Server.Cli.Graphs;

/// <summary>A DAG in Graphviz's dot language, left to right; task groups are clusters.</summary>
internal static class DotGraph
{
    public static string Render(GraphView graph)
    {
        var text = new StringBuilder();
        text.Append($"digraph {Quote(graph.DagId)} {{\n");
        text.Append("    rankdir=LR;\n");
        text.Append("    node [shape=box, style=rounded];\n");
        Write(GroupTree.Build(graph.Tasks), text, 1);
        foreach (var edge in graph.Edges)
            text.Append($"    {Quote(edge.From)} -> {Quote(edge.To)};\n");
        text.Append("}\n");
        return text.ToString();
    }

    private static void Write(GroupTree node, StringBuilder text, int depth)
    {
        var indent = new string(' ', depth * 4);
        foreach (var task in node.Tasks)
            text.Append($"{indent}{Quote(task.TaskId)} [label={Quote(task.Label)}];\n");
        foreach (var child in node.Children)
        {
            // Graphviz draws a subgraph as a box only when its name starts with "cluster".
            text.Append($"{indent}subgraph {Quote("cluster_" + child.Path)} {{\n");
            text.Append($"{indent}    label={Quote(child.Name)};\n");
            Write(child, text, depth + 1);
            text.Append($"{indent}}}\n");
        }
    }

    private static string Quote(string id) =>
        "\"" + id.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
