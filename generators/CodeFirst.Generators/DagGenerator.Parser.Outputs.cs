using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>Binds <c>[FromTask(nameof(X), Key = "P")]</c>: the parameter receives property P of X's result, pushed as its own key.</summary>
        private ParameterSpec BindXComKey(TaskDraft task, IParameterSymbol parameter, TaskDraft upstream, string key, AttributeData fromTask, List<TaskDraft> tasks)
        {
            task.UpstreamIndices.Add(tasks.IndexOf(upstream));
            var location = LocationInfo.From(parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken));
            var keyLocation = AttributeArguments.Location(AttributeArguments.Syntax(fromTask, _cancellationToken), "Key");
            TypeRef? keyType = null;
            if (!upstream.IsSupported || parameter.Type.TypeKind == TypeKind.Error)
            {
                _blocksEmit = true; // The upstream's own error already says what is wrong.
            }
            else if (OutputProperties(upstream, out var properties) is { } problem)
            {
                Report(DiagnosticDescriptors.MultipleOutputsUnsupported, keyLocation, upstream.Id, problem);
            }
            else if (properties.FirstOrDefault(p => p.Name == key) is not { } property)
            {
                var names = string.Join(", ", properties.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
                Report(DiagnosticDescriptors.UnknownXComKey, keyLocation, parameter.Name, key, upstream.Id, upstream.ResultType!.ToDisplayString(), names);
            }
            else if (!_compilation.HasImplicitConversion(property.Type, parameter.Type))
            {
                Report(DiagnosticDescriptors.XComKeyTypeMismatch, location, parameter.Name, parameter.Type.ToDisplayString(), key, upstream.Id, property.Type.ToDisplayString());
            }
            else
            {
                upstream.MultipleOutputs = true;
                keyType = ToTypeRef(property.Type);
            }
            return new ParameterSpec(parameter.Name, ParameterSource.XCom, ToTypeRef(parameter.Type), upstream.Id, keyType, key);
        }

        /// <summary>The keys each task pushes; reports tasks that ask for multiple outputs their result cannot give.</summary>
        private List<EquatableArray<OutputKeySpec>> ResolveOutputKeys(List<TaskDraft> tasks)
        {
            var result = new List<EquatableArray<OutputKeySpec>>(tasks.Count);
            foreach (var task in tasks)
            {
                var keys = EquatableArray<OutputKeySpec>.Empty;
                if (task.MultipleOutputs && task.IsSupported)
                {
                    if (OutputProperties(task, out var properties) is { } problem)
                        Report(DiagnosticDescriptors.MultipleOutputsUnsupported, task.MultipleOutputsLocation ?? task.IdentifierLocation, task.Id, problem);
                    else
                        keys = properties.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new OutputKeySpec(p.Name, ToTypeRef(p.Type))).ToEquatableArray();
                }
                result.Add(keys);
            }
            return result;
        }

        /// <summary>The public readable instance properties of the task's result, or why it has none to split.</summary>
        private string? OutputProperties(TaskDraft task, out List<IPropertySymbol> properties)
        {
            properties = [];
            if (task.SensorValue.IsSensor) return "it is a sensor, whose value is stored whole";
            if (task.ResultType is not { } type) return $"it returns {task.ReturnDescription}";
            if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct)
                || named.SpecialType != SpecialType.None || named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                || named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
            {
                return $"its result type '{type.ToDisplayString()}' is not a class, record or struct of properties";
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                        || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }) continue;
                    if (seen.Add(property.Name)) properties.Add(property);
                }
            }
            return properties.Count == 0 ? $"its result type '{type.ToDisplayString()}' has no public properties" : null;
        }
    }
}
