using CodeFirst.Generators;
using CodeFirst.Generators.Analyzers;
using Microsoft.CodeAnalysis;

namespace CodeFirst.CodeFixes;

/// <summary>The task methods of a DAG class, for fixes that point a reference at one of them.</summary>
internal static class TaskMethods
{
    public static IEnumerable<IMethodSymbol> Of(INamedTypeSymbol dagType) =>
        dagType.GetMembers().OfType<IMethodSymbol>().Where(m => m.GetAttributes().Any(a => IsTaskAttribute(a.AttributeClass)));

    /// <summary>The task a mistyped reference most likely meant, by method name or task id; null when none is close.</summary>
    public static IMethodSymbol? Closest(INamedTypeSymbol dagType, string reference) =>
        Of(dagType)
            .Select(m => (Method: m, Distance: Math.Min(Distance(reference, m.Name), Distance(reference, SnakeCase.Convert(m.Name)))))
            .Where(c => c.Distance < int.MaxValue)
            .OrderBy(c => c.Distance)
            .Select(c => c.Method)
            .FirstOrDefault();

    private static int Distance(string reference, string name) =>
        NameDistance.IsTypo(reference, name) ? NameDistance.Between(reference, name) : int.MaxValue;

    private static bool IsTaskAttribute(INamedTypeSymbol? attribute)
    {
        for (var type = attribute; type is not null; type = type.BaseType)
        {
            if (type.Name == "TaskAttribute" && type.ContainingNamespace?.ToDisplayString() == "CodeFirst") return true;
        }
        return false;
    }
}
