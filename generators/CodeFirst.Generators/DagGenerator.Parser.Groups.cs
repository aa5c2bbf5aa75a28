using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>A class-level <c>[TaskGroup]</c>: the group's own upstream tasks and groups.</summary>
        private sealed record GroupDeclaration(string GroupId, LocationInfo? Location, List<(string Reference, LocationInfo? Location)> After);

        private readonly List<GroupDeclaration> _groupDeclarations = [];

        /// <summary>The checked <c>Group</c> of a <c>[Task]</c>; null when unset or invalid (reported).</summary>
        private string? ReadTaskGroup(AttributeData attribute, Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax? syntax)
        {
            if (attribute.NamedArguments.FirstOrDefault(a => a.Key == "Group").Value.Value is not string group) return null;
            if (IsValidGroupId(group)) return group;
            Report(DiagnosticDescriptors.InvalidId, AttributeArguments.Location(syntax, "Group"), "Task group id", group);
            return null;
        }

        private void ReadGroupDeclarations(INamedTypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes().Where(a => KnownTypes.Is(a.AttributeClass, _known.TaskGroupAttribute)))
            {
                var syntax = AttributeArguments.Syntax(attribute, _cancellationToken);
                var groupId = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? "";
                var location = AttributeArguments.Location(syntax, null);
                if (!IsValidGroupId(groupId))
                {
                    Report(DiagnosticDescriptors.InvalidId, location, "Task group id", groupId);
                    continue;
                }
                if (_groupDeclarations.Any(d => d.GroupId == groupId))
                {
                    Report(DiagnosticDescriptors.DuplicateTaskGroup, location, groupId);
                    continue;
                }
                var after = new List<(string, LocationInfo?)>();
                var value = attribute.NamedArguments.FirstOrDefault(a => a.Key == "After").Value;
                if (value.Kind == TypedConstantKind.Array && !value.IsNull)
                {
                    var references = value.Values.Select(v => v.Value as string ?? "").ToList();
                    var locations = AttributeArguments.ElementLocations(syntax, "After", references.Count);
                    for (var i = 0; i < references.Count; i++) after.Add((references[i], locations[i]));
                }
                _groupDeclarations.Add(new GroupDeclaration(groupId, location, after));
            }
        }

        /// <summary>
        /// Turns group-level dependencies into task edges, as Airflow does for <c>&gt;&gt;</c> on a TaskGroup:
        /// "after a group" means after each of its leaves, and a group runs after something when each of its
        /// roots does. Roots and leaves come from the task-level edges, before any group edge is added.
        /// </summary>
        private void ApplyGroups(List<TaskDraft> tasks, List<(TaskDraft Task, string Group, LocationInfo? Location)> tasksAfterGroups)
        {
            var direct = tasks.Select(t => t.UpstreamIndices.ToList()).ToList();
            ReportGroupIdConflicts(tasks);
            var edges = new List<(int Down, IEnumerable<int> Up)>();
            foreach (var (task, group, location) in tasksAfterGroups)
            {
                if (task.Group is not null && Contains(group, task.Group))
                    Report(DiagnosticDescriptors.GroupSelfDependency, location, task.Id, group, $"the task is inside group '{group}'");
                else
                    edges.Add((tasks.IndexOf(task), Leaves(group, tasks, direct)));
            }
            foreach (var declaration in _groupDeclarations)
            {
                if (!IsGroup(declaration.GroupId, tasks))
                {
                    var known = string.Join(", ", AllGroups(tasks).DefaultIfEmpty("(none)"));
                    Report(DiagnosticDescriptors.UnknownTaskGroup, declaration.Location, declaration.GroupId, known);
                    continue;
                }
                var upstream = new List<int>();
                foreach (var (reference, location) in declaration.After)
                {
                    if (ResolveReference(reference, tasks) is { } task)
                    {
                        if (task.Group is not null && Contains(declaration.GroupId, task.Group))
                            Report(DiagnosticDescriptors.GroupSelfDependency, location, declaration.GroupId, reference, $"task '{task.Id}' is inside group '{declaration.GroupId}'");
                        else upstream.Add(tasks.IndexOf(task));
                    }
                    else if (IsGroup(reference, tasks))
                    {
                        if (Contains(reference, declaration.GroupId) || Contains(declaration.GroupId, reference))
                            Report(DiagnosticDescriptors.GroupSelfDependency, location, declaration.GroupId, reference, "one group is inside the other");
                        else upstream.AddRange(Leaves(reference, tasks, direct));
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.UnknownUpstream, location, declaration.GroupId, reference, KnownReferences(tasks));
                    }
                }
                foreach (var root in Roots(declaration.GroupId, tasks, direct)) edges.Add((root, upstream));
            }
            foreach (var (down, up) in edges) tasks[down].UpstreamIndices.AddRange(up);
        }

        private void ReportGroupIdConflicts(List<TaskDraft> tasks)
        {
            foreach (var group in AllGroups(tasks))
            {
                var task = tasks.FirstOrDefault(t => t.Id == group);
                if (task is not null) Report(DiagnosticDescriptors.GroupIdConflict, task.IdentifierLocation, group);
            }
        }

        private static IEnumerable<int> Roots(string group, List<TaskDraft> tasks, List<List<int>> direct)
        {
            var members = Members(group, tasks);
            return members.Where(m => !direct[m].Any(members.Contains)).ToList();
        }

        private static IEnumerable<int> Leaves(string group, List<TaskDraft> tasks, List<List<int>> direct)
        {
            var members = Members(group, tasks);
            return members.Where(m => !members.Any(other => direct[other].Contains(m))).ToList();
        }

        private static HashSet<int> Members(string group, List<TaskDraft> tasks) =>
            new(Enumerable.Range(0, tasks.Count).Where(i => tasks[i].Group is { } g && Contains(group, g)));

        /// <summary>Whether <paramref name="inner"/> is <paramref name="outer"/> or nested in it.</summary>
        private static bool Contains(string outer, string inner) =>
            inner == outer || inner.StartsWith(outer + ".", StringComparison.Ordinal);

        private static bool IsGroup(string reference, List<TaskDraft> tasks) =>
            tasks.Any(t => t.Group is { } g && Contains(reference, g));

        /// <summary>Every group path and each enclosing path, ordinal-sorted.</summary>
        private static IEnumerable<string> AllGroups(List<TaskDraft> tasks) => tasks
            .Where(t => t.Group is not null)
            .SelectMany(t => Prefixes(t.Group!))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(g => g, StringComparer.Ordinal);

        private static IEnumerable<string> Prefixes(string group)
        {
            for (var dot = group.IndexOf('.'); dot >= 0; dot = group.IndexOf('.', dot + 1)) yield return group.Substring(0, dot);
            yield return group;
        }

        private static string KnownReferences(List<TaskDraft> tasks) =>
            tasks.Count == 0 ? "(none)" : string.Join(", ", tasks.Select(t => t.Id).Concat(AllGroups(tasks).Select(g => g + " (group)")));

        private static bool IsValidGroupId(string group) =>
            group.Split('.').All(segment => segment.Length > 0 && IdRules.IsValid(segment));
    }
}
