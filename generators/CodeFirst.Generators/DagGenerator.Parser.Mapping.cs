using System.Globalization;
using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    /// <summary>Dynamic task mapping: <c>[Map]</c> parameters, collecting a mapped task's results, MaxMapLength.</summary>
    internal sealed partial class Parser
    {
        private INamedTypeSymbol? _mapAttribute;
        private INamedTypeSymbol? _list;

        private INamedTypeSymbol? MapAttributeType => _mapAttribute ??= _compilation.GetTypeByMetadataName("CodeFirst.MapAttribute");

        private INamedTypeSymbol? ListType => _list ??= _compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");

        private bool IsMapParameter(IParameterSymbol parameter) =>
            parameter.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, MapAttributeType));

        private bool IsMappedTask(TaskDraft task) => task.Method.Parameters.Any(IsMapParameter);

        /// <summary>A <c>[Map]</c> parameter the binder could not tie to an upstream task (it would be injected or a service).</summary>
        private void ReportMapWithoutUpstream(TaskDraft task, IParameterSymbol parameter) =>
            Report(DiagnosticDescriptors.MapWithoutUpstream, ParameterLocation(parameter), parameter.Name, task.Id);

        /// <summary>
        /// Binds a <c>[Map]</c> parameter: the upstream must return a list whose element type converts to the
        /// parameter's. The invoker reads the element at the instance's map index, as the element type.
        /// </summary>
        private ParameterSpec BindMapped(TaskDraft task, IParameterSymbol parameter, TaskDraft upstream, List<TaskDraft> tasks)
        {
            task.UpstreamIndices.Add(tasks.IndexOf(upstream));
            var location = ParameterLocation(parameter);
            var listType = UpstreamValueType(upstream);
            ITypeSymbol? element = null;
            if (!upstream.IsSupported || parameter.Type.TypeKind == TypeKind.Error)
                _blocksEmit = true; // The upstream's own error already blocks emission.
            else if (listType is null)
                Report(DiagnosticDescriptors.UpstreamReturnsNothing, location, parameter.Name, upstream.Id, upstream.ReturnDescription);
            else if ((element = ElementType(listType)) is null)
                Report(DiagnosticDescriptors.MapOverNonList, location, parameter.Name, upstream.Id, listType.ToDisplayString());
            else if (!_compilation.HasImplicitConversion(element, parameter.Type))
                Report(DiagnosticDescriptors.MapElementMismatch, location, parameter.Name, parameter.Type.ToDisplayString(), upstream.Id, element.ToDisplayString());
            return new ParameterSpec(parameter.Name, ParameterSource.MappedXCom, ToTypeRef(parameter.Type), upstream.Id, element is null ? null : ToTypeRef(element));
        }

        /// <summary>
        /// Binds a parameter to a mapped upstream task: it receives the instances' return values in
        /// map-index order, so it must be a list whose elements accept the upstream's return type.
        /// </summary>
        private ParameterSpec BindCollected(TaskDraft task, IParameterSymbol parameter, TaskDraft upstream, List<TaskDraft> tasks)
        {
            task.UpstreamIndices.Add(tasks.IndexOf(upstream));
            var location = ParameterLocation(parameter);
            var result = upstream.ResultType;
            if (!upstream.IsSupported || parameter.Type.TypeKind == TypeKind.Error)
                _blocksEmit = true;
            else if (result is null)
                Report(DiagnosticDescriptors.UpstreamReturnsNothing, location, parameter.Name, upstream.Id, upstream.ReturnDescription);
            else if (!AcceptsListOf(parameter.Type, result))
                Report(DiagnosticDescriptors.CollectIntoNonList, location, parameter.Name, parameter.Type.ToDisplayString(), upstream.Id, result.ToDisplayString());
            return new ParameterSpec(parameter.Name, ParameterSource.XCom, ToTypeRef(parameter.Type), upstream.Id, ToTypeRef(parameter.Type));
        }

        private ITypeSymbol? UpstreamValueType(TaskDraft upstream)
        {
            var type = upstream.SensorValue.IsSensor ? upstream.SensorValue.Type : upstream.ResultType;
            // A mapped upstream's value is the list of its instances' results.
            return type is not null && IsMappedTask(upstream) && ListType is { } list ? list.Construct(type) : type;
        }

        /// <summary>The element type of a type that serialises as a JSON array; null for anything else (strings and dictionaries included).</summary>
        private ITypeSymbol? ElementType(ITypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String) return null;
            if (type is IArrayTypeSymbol { Rank: 1 } array) return array.ElementType;
            var interfaces = type is INamedTypeSymbol named && KnownTypes.Is(named, _known.Enumerable) ? [named] : type.AllInterfaces.ToList();
            if (type.AllInterfaces.Any(i => i.Name is "IDictionary" or "IReadOnlyDictionary" && i.ContainingNamespace.ToDisplayString() == "System.Collections.Generic"))
                return null;
            var enumerables = interfaces.Where(i => KnownTypes.Is(i, _known.Enumerable)).ToList();
            return enumerables.Count == 1 ? enumerables[0].TypeArguments[0] : null;
        }

        private bool AcceptsListOf(ITypeSymbol parameterType, ITypeSymbol element)
        {
            if (parameterType is IArrayTypeSymbol { Rank: 1 } array)
                return _compilation.HasImplicitConversion(element, array.ElementType);
            return ListType is { } list
                && ElementType(parameterType) is { } accepted
                && _compilation.HasImplicitConversion(element, accepted)
                && _compilation.HasImplicitConversion(list.Construct(accepted), parameterType);
        }

        /// <summary>Adds MapOver and MaxMapLength to each spec; reports what cannot be mapped.</summary>
        private EquatableArray<TaskSpec> ReadMapping(List<TaskDraft> drafts, EquatableArray<TaskSpec> specs)
        {
            var byId = new Dictionary<string, (string? MapOver, int? MaxMapLength)>(StringComparer.Ordinal);
            foreach (var draft in drafts)
            {
                var mapped = draft.Method.Parameters.Where(IsMapParameter).ToList();
                var maxMapLength = ReadMaxMapLength(draft, mapped.Count > 0);
                if (mapped.Count == 0) continue;
                if (mapped.Count > 1)
                    Report(DiagnosticDescriptors.MoreThanOneMap, ParameterLocation(mapped[1]), draft.Id, mapped[0].Name, mapped[1].Name);
                if (draft.Execution.Kind is { } kind)
                    Report(DiagnosticDescriptors.UnmappableTaskKind, draft.IdentifierLocation, draft.Id, KindName(kind));
                var spec = specs.FirstOrDefault(s => s.TaskId == draft.Id);
                var mapOver = spec?.Parameters.FirstOrDefault(p => p.Name == mapped[0].Name && p.Source == ParameterSource.MappedXCom)?.UpstreamTaskId;
                byId[draft.Id] = (mapOver, maxMapLength);
            }
            return byId.Count == 0
                ? specs
                : specs.Select(s => byId.TryGetValue(s.TaskId, out var m) ? s with { MapOver = m.MapOver, MaxMapLength = m.MaxMapLength } : s).ToEquatableArray();
        }

        private int? ReadMaxMapLength(TaskDraft draft, bool isMapped)
        {
            var attribute = draft.Method.GetAttributes().FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, _known.TaskAttribute));
            if (attribute is null || attribute.NamedArguments.FirstOrDefault(a => a.Key == "MaxMapLength").Value.Value is not int length) return null;
            var location = AttributeArguments.Location(AttributeArguments.Syntax(attribute, _cancellationToken), "MaxMapLength");
            if (!isMapped)
            {
                Report(DiagnosticDescriptors.MaxMapLengthWithoutMap, location, draft.Id);
                return null;
            }
            if (length == 0) return null;
            if (length > 0) return length;
            Report(DiagnosticDescriptors.InvalidNumber, location, "MaxMapLength", length.ToString(CultureInfo.InvariantCulture), "at least 1 (or 0 for the engine's limit)");
            return null;
        }

        private static string KindName(string kind) => kind switch
        {
            "ShortCircuit" => "short-circuit task",
            "Branch" => "branch task",
            _ => kind.ToLowerInvariant(),
        };

        private LocationInfo? ParameterLocation(IParameterSymbol parameter) =>
            LocationInfo.From(parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken));
    }
}
