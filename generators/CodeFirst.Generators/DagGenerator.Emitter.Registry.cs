using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal static partial class Emitter
    {
        public const string RegistryHintName = "CodeFirst.Generated.GeneratedDagRegistry.g.cs";

        public static void EmitRegistry(SourceProductionContext context, EquatableArray<RegistryEntry> entries)
        {
            if (entries.IsEmpty) return;
            context.AddSource(RegistryHintName, WriteRegistry(entries));
        }

        public static string WriteRegistry(EquatableArray<RegistryEntry> entries)
        {
            var writer = new SourceWriter();
            WriteHeader(writer);
            writer.WriteLine("namespace CodeFirst.Generated;");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Every DAG this assembly declares, registered with CodeFirst when the assembly loads.</summary>");
            writer.WriteLine("internal static class GeneratedDagRegistry").OpenBlock();
            writer.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{DagDefinition}> All {{ get; }} = new {DagDefinition}[]").OpenBlock();
            var ordered = entries.OrderBy(e => e.DagId, StringComparer.Ordinal).ThenBy(e => e.FullyQualifiedName, StringComparer.Ordinal).ToList();
            foreach (var entry in ordered.Where(e => !e.IsFamily))
            {
                writer.WriteLine($"{entry.FullyQualifiedName}.Definition,");
            }
            writer.CloseBlock("};");
            writer.WriteLine();
            writer.WriteLine("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            var families = ordered.Where(e => e.IsFamily).ToList();
            if (families.Count == 0)
            {
                writer.WriteLine("internal static void Register() => global::CodeFirst.Definitions.DagRegistry.Register(All);");
            }
            else
            {
                // Families expand when the DAGs are first listed, so a family's file is read at start-up, not at assembly load.
                writer.WriteLine("internal static void Register()").OpenBlock();
                writer.WriteLine("global::CodeFirst.Definitions.DagRegistry.Register(All);");
                foreach (var family in families) writer.WriteLine($"global::CodeFirst.Definitions.DagRegistry.RegisterFamily({family.FullyQualifiedName}.Family);");
                writer.CloseBlock();
            }
            writer.CloseBlock();
            return writer.ToString();
        }

        /// <summary>Reports CF0013 on every DAG whose id an earlier-declared DAG already uses.</summary>
        public static void ReportDuplicateDagIds(SourceProductionContext context, EquatableArray<DagIdentity> identities)
        {
            var ordered = identities
                .OrderBy(i => i.Location?.FilePath ?? "", StringComparer.Ordinal)
                .ThenBy(i => i.Location?.TextSpan.Start ?? 0);
            var first = new Dictionary<string, DagIdentity>(StringComparer.Ordinal);
            foreach (var identity in ordered)
            {
                if (!first.TryGetValue(identity.DagId, out var original))
                {
                    first.Add(identity.DagId, identity);
                    continue;
                }
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateDagId, identity.Location?.ToLocation(), identity.DagId, identity.ClassName, original.ClassName));
            }
        }
    }
}
