using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        private EquatableArray<TaskSpec> BindTasks(List<TaskDraft> tasks)
        {
            var parameters = tasks.Select(task => BindParameters(task, tasks)).ToList();
            var afterGroups = new List<(TaskDraft, string, LocationInfo?)>();
            foreach (var task in tasks)
            {
                foreach (var (reference, location) in task.After)
                {
                    var upstream = ResolveReference(reference, tasks);
                    if (upstream is not null) task.UpstreamIndices.Add(tasks.IndexOf(upstream));
                    else if (IsGroup(reference, tasks)) afterGroups.Add((task, reference, location));
                    else ReportUnknown(task, reference, location, tasks);
                }
            }
            ApplyGroups(tasks, afterGroups);
            ReportCycles(tasks);
            var outputKeys = ResolveOutputKeys(tasks);

            var specs = new List<TaskSpec>(tasks.Count);
            for (var i = 0; i < tasks.Count; i++)
            {
                var task = tasks[i];
                var xcom = parameters[i].Where(p => p.Source is ParameterSource.XCom or ParameterSource.MappedXCom).Select(p => p.UpstreamTaskId!);
                specs.Add(new TaskSpec(
                    TaskId: task.Id,
                    MethodName: task.Method.Name,
                    MethodIdentifier: Identifier(task.Method.Name),
                    IsStatic: task.Method.IsStatic,
                    IsAsync: task.IsAsync,
                    ResultType: task.ResultType is null ? null : ToTypeRef(task.ResultType),
                    Retries: task.Retries,
                    RetryDelayTicks: task.RetryDelayTicks,
                    TriggerRule: task.TriggerRule,
                    Upstream: SortedDistinct(task.UpstreamIndices.Select(u => tasks[u].Id)),
                    XComInputs: SortedDistinct(xcom),
                    Parameters: parameters[i].ToEquatableArray(),
                    Execution: task.Execution.ToSpec())
                {
                    Group = task.Group,
                    Doc = task.Doc,
                    OutputKeys = outputKeys[i],
                });
            }
            return specs.ToEquatableArray();
        }

        private List<ParameterSpec> BindParameters(TaskDraft task, List<TaskDraft> tasks)
        {
            var specs = new List<ParameterSpec>();
            foreach (var parameter in task.Method.Parameters)
            {
                var fromTask = parameter.GetAttributes().FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, _known.FromTaskAttribute));
                if (fromTask is not null)
                {
                    var reference = fromTask.ConstructorArguments.FirstOrDefault().Value as string ?? "";
                    var upstream = ResolveReference(reference, tasks);
                    if (upstream is null)
                    {
                        var location = AttributeArguments.Location(AttributeArguments.Syntax(fromTask, _cancellationToken), null);
                        ReportUnknown(task, reference, location, tasks);
                        continue;
                    }
                    var key = fromTask.NamedArguments.FirstOrDefault(a => a.Key == "Key").Value.Value as string;
                    specs.Add(key is null ? BindXCom(task, parameter, upstream, tasks) : BindXComKey(task, parameter, upstream, key, fromTask, tasks));
                    continue;
                }
                if (IsMapParameter(parameter) && FindByName(parameter, tasks) is null)
                {
                    ReportMapWithoutUpstream(task, parameter);
                    continue;
                }
                var injected = BindInjected(parameter);
                if (injected is not null)
                {
                    specs.Add(injected);
                    continue;
                }
                var byName = FindByName(parameter, tasks);
                specs.Add(byName is not null
                    ? BindXCom(task, parameter, byName, tasks)
                    : BindService(parameter));
            }
            return specs;
        }

        /// <summary>Binds TaskContext, CancellationToken and loggers by type; null for anything else.</summary>
        private ParameterSpec? BindInjected(IParameterSymbol parameter)
        {
            var type = parameter.Type;
            var source = (ParameterSource?)null;
            if (KnownTypes.Is(type, _known.TaskContext)) source = ParameterSource.Context;
            else if (KnownTypes.Is(type, _known.CancellationToken)) source = ParameterSource.CancellationToken;
            else if (KnownTypes.Is(type, _known.Logger)) source = ParameterSource.Logger;
            else if (KnownTypes.Is(type, _known.TypedLogger))
                return new ParameterSpec(parameter.Name, ParameterSource.TypedLogger, ToTypeRef(((INamedTypeSymbol)type).TypeArguments[0]));
            return source is null ? null : new ParameterSpec(parameter.Name, source.Value, ToTypeRef(type));
        }

        private ParameterSpec BindXCom(TaskDraft task, IParameterSymbol parameter, TaskDraft upstream, List<TaskDraft> tasks)
        {
            if (IsMapParameter(parameter)) return BindMapped(task, parameter, upstream, tasks);
            if (IsMappedTask(upstream)) return BindCollected(task, parameter, upstream, tasks);
            task.UpstreamIndices.Add(tasks.IndexOf(upstream));
            var location = LocationInfo.From(parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken));
            var upstreamType = upstream.SensorValue.IsSensor ? upstream.SensorValue.Type : upstream.ResultType;
            if (!upstream.IsSupported || parameter.Type.TypeKind == TypeKind.Error)
            {
                // The upstream's own CF0011 already blocks emission; a second error here would only be noise.
                _blocksEmit = true;
            }
            else if (upstreamType is null)
            {
                Report(DiagnosticDescriptors.UpstreamReturnsNothing, location, parameter.Name, upstream.Id, upstream.ReturnDescription);
            }
            else if (!_compilation.HasImplicitConversion(upstreamType, parameter.Type))
            {
                Report(DiagnosticDescriptors.XComTypeMismatch, location, parameter.Name, parameter.Type.ToDisplayString(), upstream.Id, upstreamType.ToDisplayString());
            }
            var upstreamRef = upstreamType is null ? null : ToTypeRef(upstreamType);
            return new ParameterSpec(parameter.Name, ParameterSource.XCom, ToTypeRef(parameter.Type), upstream.Id, upstreamRef);
        }

        private static TaskDraft? FindByName(IParameterSymbol parameter, List<TaskDraft> tasks) =>
            tasks.FirstOrDefault(t => string.Equals(t.Id, parameter.Name, StringComparison.OrdinalIgnoreCase))
            ?? tasks.FirstOrDefault(t => string.Equals(t.Method.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));

        private static TaskDraft? ResolveReference(string reference, List<TaskDraft> tasks) =>
            tasks.FirstOrDefault(t => t.Id == reference) ?? tasks.FirstOrDefault(t => t.Method.Name == reference);

        private void ReportUnknown(TaskDraft task, string reference, LocationInfo? location, List<TaskDraft> tasks)
        {
            Report(DiagnosticDescriptors.UnknownUpstream, location, task.Id, reference, KnownReferences(tasks));
        }

        private void ReportCycles(List<TaskDraft> tasks)
        {
            var upstream = tasks.Select(t => (IReadOnlyList<int>)t.UpstreamIndices.Distinct().ToList()).ToList();
            foreach (var cycle in GraphChecks.FindCycles(upstream))
            {
                var path = string.Join(" -> ", cycle.Select(i => tasks[i].Id));
                Report(DiagnosticDescriptors.Cycle, tasks[cycle[0]].IdentifierLocation, path);
            }
        }

        private ParameterSpec BindService(IParameterSymbol parameter)
        {
            var optional = parameter.Type.IsReferenceType
                && (parameter.NullableAnnotation == NullableAnnotation.Annotated || (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is null));
            return new ParameterSpec(parameter.Name, optional ? ParameterSource.OptionalService : ParameterSource.Service, ToTypeRef(parameter.Type));
        }

        private static EquatableArray<string> SortedDistinct(IEnumerable<string> ids) =>
            ids.Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToEquatableArray();
    }
}
