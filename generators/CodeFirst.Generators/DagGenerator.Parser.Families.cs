using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>
        /// Reads <c>[DagInstance]</c> and <c>[DagFamily]</c>: null for an ordinary DAG. Each member declared in
        /// code is checked here (id, schedule, params); a file's members are checked when it is read at start-up.
        /// </summary>
        private FamilySpec? ReadFamily(INamedTypeSymbol type, DagSettings settings, List<DagIdentity> identities)
        {
            var attributes = type.GetAttributes();
            var configFile = attributes.FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, _known.DagFamilyAttribute))?.ConstructorArguments.FirstOrDefault().Value as string;
            var instances = attributes.Where(a => KnownTypes.Is(a.AttributeClass, _known.DagInstanceAttribute)).ToList();
            if (configFile is null && instances.Count == 0) return null;

            var entries = new List<FamilyEntrySpec>();
            foreach (var attribute in instances)
            {
                var entry = ReadFamilyEntry(attribute, settings, type.ToDisplayString(), identities);
                if (entry is not null) entries.Add(entry);
            }
            return new FamilySpec(entries.ToEquatableArray(), string.IsNullOrWhiteSpace(configFile) ? null : configFile);
        }

        private FamilyEntrySpec? ReadFamilyEntry(AttributeData attribute, DagSettings settings, string className, List<DagIdentity> identities)
        {
            var syntax = AttributeArguments.Syntax(attribute, _cancellationToken);
            var dagId = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? "";
            var idLocation = AttributeArguments.Location(syntax, null);
            if (!IdRules.IsValid(dagId))
            {
                Report(DiagnosticDescriptors.InvalidId, idLocation, "DAG id", dagId);
                return null;
            }
            if (identities.Any(i => i.DagId == dagId))
            {
                Report(DiagnosticDescriptors.DuplicateFamilyEntry, idLocation, settings.DagId, dagId);
                return null;
            }
            identities.Add(new DagIdentity(dagId, className, idLocation));

            string? schedule = null, description = null, parameters = null;
            var tags = new List<string>();
            foreach (var argument in attribute.NamedArguments)
            {
                var location = AttributeArguments.Location(syntax, argument.Key);
                switch (argument.Key)
                {
                    case "Schedule" when argument.Value.Value is string value:
                        schedule = ReadFamilySchedule(value, location);
                        break;
                    case "Description" when argument.Value.Value is string value:
                        description = value;
                        break;
                    case "Tags" when argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull:
                        tags.AddRange(argument.Value.Values.Select(v => v.Value as string).OfType<string>());
                        break;
                    case "Params" when argument.Value.Value is string value:
                        parameters = ReadFamilyParams(dagId, value, settings, location);
                        break;
                }
            }
            return new FamilyEntrySpec(dagId, schedule, tags.ToEquatableArray(), description, parameters);
        }

        private string? ReadFamilySchedule(string schedule, LocationInfo? location)
        {
            if (AssetScheduleValidator.IsAssetSchedule(schedule))
            {
                var assetError = AssetScheduleValidator.Validate(schedule);
                if (assetError is null) return schedule;
                Report(DiagnosticDescriptors.InvalidAssetSchedule, location, schedule, assetError);
                return null;
            }
            var error = ScheduleValidator.Validate(schedule);
            if (error is null) return schedule;
            Report(DiagnosticDescriptors.InvalidSchedule, location, schedule, error);
            return null;
        }

        private string? ReadFamilyParams(string dagId, string json, DagSettings settings, LocationInfo? location)
        {
            if (settings.Params is not { } paramsSpec)
            {
                Report(DiagnosticDescriptors.InvalidFamilyParams, location, dagId, "the class declares no params type; add [Dag(Params = typeof(...))]");
                return null;
            }
            var keys = JsonObjectKeys.Read(json);
            if (keys is null)
            {
                Report(DiagnosticDescriptors.InvalidFamilyParams, location, dagId, "they are not a JSON object");
                return null;
            }
            var known = paramsSpec.Properties.Select(p => SnakeCase.Convert(p.Name)).ToList();
            var unknown = keys.Where(k => !known.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                Report(DiagnosticDescriptors.InvalidFamilyParams, location, dagId,
                    $"{string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Count == 1 ? "is" : "are")} not a param of the params type, which has {string.Join(", ", known)}");
                return null;
            }
            return json;
        }
    }
}
