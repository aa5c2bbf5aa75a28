using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Tests.TestHelpers;

/// <summary>
/// Walks a pipeline output's object graph and fails on anything that would pin a compilation in
/// memory or defeat caching (after NetEscapades.EnumGenerators' TestHelpers).
/// </summary>
internal static class ModelWalker
{
    private static readonly Type[] Forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel)];

    public static void AssertHoldsNoCompilationObjects(object? value, string path)
    {
        Walk(value, path, new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null) return;
        var type = value.GetType();
        var forbidden = Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
        if (forbidden is not null) Assert.Fail($"{path} holds a {forbidden.Name} ({type.FullName}); pipeline models must be plain values.");
        if (type.IsPrimitive || type.IsEnum || value is string or DateTime or decimal or DiagnosticDescriptor) return;
        if (!type.IsValueType && !visited.Add(value)) return;
        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items) Walk(item, $"{path}[{index++}]", visited);
            return;
        }
        if (value is ITuple tuple)
        {
            for (var i = 0; i < tuple.Length; i++) Walk(tuple[i], $"{path}.Item{i + 1}", visited);
            return;
        }
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }
}
