using System.Text;

namespace CodeFirst.Server.Cli.Graphs;

/// <summary>A DAG as a Mermaid <c>flowchart LR</c>; task groups are subgraphs.</summary>
internal static class MermaidGraph
{
    public static string Render(GraphView graph)
    {
        // Task and group ids may hold '.' and '-' (and a task may be called "end"), which Mermaid
        // reads as syntax: nodes get safe ids and show the real id as their label.
        var ids = new SafeIds("t_");
        var groupIds = new SafeIds("g_");
        var text = new StringBuilder();
        text.Append("flowchart LR\n");
        text.Append($"    %% DAG {graph.DagId}\n");
        Write(GroupTree.Build(graph.Tasks), text, ids, groupIds, 1);
        foreach (var edge in graph.Edges)
            text.Append($"    {ids.Of(edge.From)} --> {ids.Of(edge.To)}\n");
        return text.ToString();
    }

    private static void Write(GroupTree node, StringBuilder text, SafeIds ids, SafeIds groupIds, int depth)
    {
        var indent = new string(' ', depth * 4);
        foreach (var task in node.Tasks)
            text.Append($"{indent}{ids.Of(task.TaskId)}[\"{Escape(task.Label)}\"]\n");
        foreach (var child in node.Children)
        {
            text.Append($"{indent}subgraph {groupIds.Of(child.Path!)} [\"{Escape(child.Name)}\"]\n");
            Write(child, text, ids, groupIds, depth + 1);
            text.Append($"{indent}end\n");
        }
    }

    private static string Escape(string label) => label.Replace("\"", "#quot;", StringComparison.Ordinal);
}
