using CodeFirst.Definitions;

namespace CodeFirst.Server.Cli.Graphs;

/// <summary>Where <c>dags show</c> reads a task's group from: the one place to point at the definition model.</summary>
internal static class TaskGroups
{
    /// <summary>The task's dotted group path (<c>ingestion.files</c>), or null for a top-level task.</summary>
    public static string? Of(TaskDefinition task) => string.IsNullOrEmpty(task.Group) ? null : task.Group;
}
