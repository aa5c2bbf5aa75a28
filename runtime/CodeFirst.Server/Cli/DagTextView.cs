using System.Globalization;
using CodeFirst.Proto.V1;

namespace CodeFirst.Server.Cli;

/// <summary>The text form of <c>dags show</c>: settings, then the task table, groups, docs and multiple outputs.</summary>
internal static class DagTextView
{
    public static async Task WriteAsync(TextWriter output, GetDagResponse dag)
    {
        var d = dag.Dag;
        await output.WriteLineAsync($"dag_id:       {d.DagId}");
        await output.WriteLineAsync($"description:  {d.Description}");
        if (d.Doc.Length > 0) await output.WriteLineAsync($"doc:          {d.Doc}");
        await output.WriteLineAsync($"schedule:     {(d.Schedule.Length > 0 ? d.Schedule : "None")} ({d.TimetableSummary})");
        await output.WriteLineAsync($"paused:       {(d.IsPaused ? "True" : "False")}");
        await output.WriteLineAsync($"tags:         {string.Join(",", d.Tags)}");
        await output.WriteLineAsync(d.NextRun is { } next
            ? $"next run:     logical date {CliOutput.Format(next.LogicalDate)}, data interval {CliOutput.Format(next.DataIntervalStart)} to {CliOutput.Format(next.DataIntervalEnd)}, created after {CliOutput.Format(next.RunAfter)}"
            : "next run:     None");
        await output.WriteLineAsync("params:       " + (dag.Params.Count == 0 ? "None" : string.Join(", ", dag.Params.Select(p =>
            $"{p.Name}: {p.Type}{(p.Nullable ? "?" : "")}{(p.Required ? " (required)" : p.DefaultJson.Length > 0 ? $" = {p.DefaultJson}" : "")}"))));
        await output.WriteLineAsync();
        var grouped = dag.Tasks.Any(t => t.Group.Length > 0);
        IReadOnlyList<string> headers = grouped
            ? ["task_id", "group", "upstream", "downstream", "trigger_rule", "retries"]
            : ["task_id", "upstream", "downstream", "trigger_rule", "retries"];
        Table.Write(output, headers, dag.Tasks.Select(t => Row(t, grouped)));
        if (grouped) await WriteGroupsAsync(output, dag.Tasks);
        await WriteSectionAsync(output, "outputs:", dag.Tasks.Where(t => t.OutputKeys.Count > 0).Select(t => $"{t.TaskId}: {string.Join(", ", t.OutputKeys)}"));
        await WriteSectionAsync(output, "docs:", dag.Tasks.Where(t => t.Doc.Length > 0).Select(t => $"{t.TaskId}: {t.Doc}"));
    }

    private static IReadOnlyList<string> Row(DagTask t, bool grouped)
    {
        var retries = t.Retries.ToString(CultureInfo.InvariantCulture);
        return grouped
            ? [t.TaskId, t.Group, string.Join(",", t.UpstreamTaskIds), string.Join(",", t.DownstreamTaskIds), t.TriggerRule, retries]
            : [t.TaskId, string.Join(",", t.UpstreamTaskIds), string.Join(",", t.DownstreamTaskIds), t.TriggerRule, retries];
    }

    /// <summary>Each group as a tree line (nested groups indented under their parent) with its own tasks.</summary>
    private static async Task WriteGroupsAsync(TextWriter output, IReadOnlyList<DagTask> tasks)
    {
        var groups = tasks.Where(t => t.Group.Length > 0)
            .SelectMany(t => Prefixes(t.Group))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var lines = groups.Select(group =>
        {
            var own = tasks.Where(t => t.Group == group).Select(t => t.TaskId);
            var depth = group.Count(c => c == '.');
            return $"{new string(' ', depth * 2)}{group}: {string.Join(", ", own)}".TrimEnd(' ', ':');
        });
        await WriteSectionAsync(output, "groups:", lines);
    }

    private static IEnumerable<string> Prefixes(string group)
    {
        for (var dot = group.IndexOf('.'); dot >= 0; dot = group.IndexOf('.', dot + 1)) yield return group[..dot];
        yield return group;
    }

    private static async Task WriteSectionAsync(TextWriter output, string title, IEnumerable<string> lines)
    {
        var all = lines.ToList();
        if (all.Count == 0) return;
        await output.WriteLineAsync();
        await output.WriteLineAsync(title);
        foreach (var line in all) await output.WriteLineAsync("  " + line);
    }
}
