using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>Adds each task's <c>[Task(Outlets = [...])]</c> asset URIs to its spec.</summary>
        private EquatableArray<TaskSpec> ReadOutlets(List<TaskDraft> drafts, EquatableArray<TaskSpec> specs)
        {
            var byId = new Dictionary<string, EquatableArray<string>>(StringComparer.Ordinal);
            foreach (var draft in drafts)
            {
                var attribute = draft.Method.GetAttributes().FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, _known.TaskAttribute));
                var outlets = attribute?.NamedArguments.FirstOrDefault(a => a.Key == "Outlets").Value;
                if (attribute is null || outlets is not { Kind: TypedConstantKind.Array, IsNull: false } array) continue;
                var syntax = AttributeArguments.Syntax(attribute, _cancellationToken);
                var locations = AttributeArguments.ElementLocations(syntax, "Outlets", array.Values.Length);
                var uris = new List<string>();
                for (var i = 0; i < array.Values.Length; i++)
                {
                    var uri = array.Values[i].Value as string ?? "";
                    if (uri.Length == 0 || uri.Any(c => char.IsWhiteSpace(c) || c is '&' or '|' or '(' or ')'))
                        Report(DiagnosticDescriptors.InvalidOutlet, locations[i], draft.Id, uri);
                    else if (!uris.Contains(uri)) uris.Add(uri);
                }
                byId[draft.Id] = uris.ToEquatableArray();
            }
            return byId.Count == 0
                ? specs
                : specs.Select(s => byId.TryGetValue(s.TaskId, out var o) ? s with { Outlets = o } : s).ToEquatableArray();
        }
    }
}
