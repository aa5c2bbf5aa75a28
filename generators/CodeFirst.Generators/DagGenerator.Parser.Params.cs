using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>
        /// Describes <c>[Dag(Params = typeof(T))]</c>: each public instance property with its JSON kind,
        /// nullability and default. Defaults come from a positional record's parameter defaults or a
        /// property initializer; a constant one is emitted as JSON so the runtime can merge it into a conf.
        /// </summary>
        private ParamsSpec? ReadParams(ITypeSymbol type, LocationInfo? location)
        {
            if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || named.IsAbstract || named.IsUnboundGenericType)
            {
                Report(DiagnosticDescriptors.UnsupportedParams, location, type.ToDisplayString(), "It must be a non-abstract class, record or struct");
                return null;
            }
            var constructor = named.InstanceConstructors
                .Where(c => c.DeclaredAccessibility == Accessibility.Public)
                .OrderByDescending(c => c.Parameters.Length).FirstOrDefault();
            var properties = new List<ParamSpec>();
            foreach (var property in named.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.DeclaredAccessibility != Accessibility.Public || property.IsIndexer || property.GetMethod is null) continue;
                if (property.IsImplicitlyDeclared || property.Name == "EqualityContract") continue;
                var parameter = constructor?.Parameters.FirstOrDefault(p => p.Name == property.Name);
                var (hasDefault, defaultJson) = parameter is not null
                    ? (parameter.HasExplicitDefaultValue, parameter.HasExplicitDefaultValue ? ToJson(parameter.ExplicitDefaultValue) : null)
                    : ReadInitializer(property);
                var nullable = property.Type.NullableAnnotation == NullableAnnotation.Annotated
                    || property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
                // A settable property that is neither required nor initialised keeps its type's default.
                if (parameter is null && !hasDefault && !property.IsRequired && property.SetMethod is not null && property.Type.IsValueType) hasDefault = true;
                if (property.Type.TypeKind == TypeKind.Enum) defaultJson = null; // Its constant is the number, but the conf names the member.
                properties.Add(new ParamSpec(property.Name, Kind(property.Type), nullable, hasDefault, defaultJson));
            }
            return new ParamsSpec(named.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), properties.ToEquatableArray());
        }

        private (bool HasDefault, string? Json) ReadInitializer(IPropertySymbol property)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellationToken) is not PropertyDeclarationSyntax { Initializer: { } initializer } declaration) continue;
                var model = _compilation.GetSemanticModel(declaration.SyntaxTree);
                var constant = model.GetConstantValue(initializer.Value, _cancellationToken);
                return (true, constant.HasValue ? ToJson(constant.Value) : null);
            }
            return (false, null);
        }

        private static string Kind(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) type = nullable.TypeArguments[0];
            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                case SpecialType.System_Char:
                case SpecialType.System_DateTime:
                    return "String";
                case SpecialType.System_Boolean:
                    return "Boolean";
                case SpecialType.System_Byte: case SpecialType.System_SByte:
                case SpecialType.System_Int16: case SpecialType.System_UInt16:
                case SpecialType.System_Int32: case SpecialType.System_UInt32:
                case SpecialType.System_Int64: case SpecialType.System_UInt64:
                    return "Integer";
                case SpecialType.System_Single: case SpecialType.System_Double: case SpecialType.System_Decimal:
                    return "Number";
            }
            if (type.TypeKind == TypeKind.Enum) return "String";
            var name = type.ToDisplayString();
            if (name is "System.DateTimeOffset" or "System.Guid" or "System.TimeSpan" or "System.DateOnly" or "System.TimeOnly") return "String";
            if (type is IArrayTypeSymbol || type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T))
                return "Array";
            return "Object";
        }

        private static string? ToJson(object? value) => value switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            string s => JsonString(s),
            char c => JsonString(c.ToString()),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
    
        private static string JsonString(string value)
        {
            var builder = new System.Text.StringBuilder("\"");
            foreach (var c in value)
            {
                if (c == '"' || c == '\\') builder.Append('\\').Append(c);
                else if (c < ' ') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else builder.Append(c);
            }
            return builder.Append('"').ToString();
        }
    }
}
