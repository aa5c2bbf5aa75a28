namespace CodeFirst.Server.Cli.Graphs;

/// <summary>Task groups as a tree: <c>a.b</c> nests in <c>a</c>. The root has no path and holds the top-level tasks.</summary>
internal sealed class GroupTree
{
    private GroupTree(string? path) => Path = path;

    public string? Path { get; }

    /// <summary>The last segment of the path, the group's own name.</summary>
    public string Name => Path is null ? "" : Path[(Path.LastIndexOf('.') + 1)..];

    public List<GroupTree> Children { get; } = [];
    public List<GraphTask> Tasks { get; } = [];

    public static GroupTree Build(IEnumerable<GraphTask> tasks)
    {
        var root = new GroupTree(null);
        var byPath = new Dictionary<string, GroupTree>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            var node = root;
            if (task.Group is { } group)
            {
                var segments = group.Split('.');
                for (var i = 1; i <= segments.Length; i++)
                {
                    var path = string.Join('.', segments[..i]);
                    if (!byPath.TryGetValue(path, out var child))
                    {
                        child = new GroupTree(path);
                        byPath[path] = child;
                        node.Children.Add(child);
                    }
                    node = child;
                }
            }
            node.Tasks.Add(task);
        }
        return root;
    }
}
