using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>
        /// The constructor each invocation calls: the visible one with the most parameters (a record's
        /// copy constructor never counts). Its parameters come from DI, or are injected like a task's.
        /// </summary>
        private EquatableArray<ParameterSpec> ReadConstructor(INamedTypeSymbol type)
        {
            if (type.IsStatic) return EquatableArray<ParameterSpec>.Empty;
            var constructors = type.InstanceConstructors
                .Where(c => !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type)))
                .ToList();
            var visible = constructors.Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal).ToList();
            var chosen = (visible.Count > 0 ? visible : constructors).OrderByDescending(c => c.Parameters.Length).FirstOrDefault();
            if (chosen is null) return EquatableArray<ParameterSpec>.Empty;

            var specs = new List<ParameterSpec>();
            foreach (var parameter in chosen.Parameters)
            {
                if (parameter.RefKind is RefKind.Ref or RefKind.Out or RefKind.RefReadOnlyParameter || parameter.Type.IsRefLikeType)
                {
                    var location = LocationInfo.From(parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken));
                    Report(DiagnosticDescriptors.UnsupportedDagClass, location, type.Name, $"Constructor parameter '{parameter.Name}' cannot be supplied from DI");
                    continue;
                }
                specs.Add(BindInjected(parameter) ?? BindService(parameter));
            }
            return specs.ToEquatableArray();
        }
    }
}
