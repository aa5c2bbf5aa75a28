using System.Globalization;
using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        private DagSettings ReadDagSettings(AttributeData attribute)
        {
            var syntax = AttributeArguments.Syntax(attribute, _cancellationToken);
            var settings = new DagSettings
            {
                DagId = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "",
                DagIdLocation = AttributeArguments.Location(syntax, null),
            };
            if (!IdRules.IsValid(settings.DagId))
            {
                Report(DiagnosticDescriptors.InvalidId, settings.DagIdLocation, "DAG id", settings.DagId);
            }

            var startText = attribute.NamedArguments.FirstOrDefault(a => a.Key == "StartDate").Value.Value as string;
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value;
                var location = AttributeArguments.Location(syntax, argument.Key);
                switch (argument.Key)
                {
                    case "Schedule" when value.Value is string schedule && AssetScheduleValidator.IsAssetSchedule(schedule):
                        var assetError = AssetScheduleValidator.Validate(schedule);
                        if (assetError is null) settings.Schedule = schedule;
                        else Report(DiagnosticDescriptors.InvalidAssetSchedule, location, schedule, assetError);
                        break;
                    case "Schedule" when value.Value is string schedule:
                        var error = ScheduleValidator.Validate(schedule);
                        if (error is null) settings.Schedule = schedule;
                        else Report(DiagnosticDescriptors.InvalidSchedule, location, schedule, error);
                        break;
                    case "IsPausedUponCreation" when value.Value is bool paused:
                        settings.IsPausedUponCreation = paused;
                        break;
                    case "DagRunTimeout" when value.Value is string timeout:
                        settings.DagRunTimeoutTicks = ReadDuration("DagRunTimeout", timeout, location) is { } ticks && ticks > 0 ? ticks : null;
                        break;
                    case "Params" when value.Value is ITypeSymbol paramsType:
                        settings.Params = ReadParams(paramsType, location);
                        break;
                    case "StartDate" when value.Value is string start:
                        settings.StartDate = ReadDate("StartDate", start, location);
                        break;
                    case "EndDate" when value.Value is string end:
                        settings.EndDate = ReadDate("EndDate", end, location);
                        if (settings.EndDate is { } endDate && startText is not null && SettingParsers.TryParseDate(startText, out var startDate) && endDate < startDate)
                        {
                            Report(DiagnosticDescriptors.InvalidDate, location, "EndDate", end, $"It is before StartDate '{startText}'; make EndDate later than StartDate or remove it");
                            settings.EndDate = null;
                        }
                        break;
                    case "Timezone" when value.Value is string timezone:
                        settings.Timezone = timezone;
                        break;
                    case "Catchup" when value.Value is bool catchup:
                        settings.Catchup = catchup;
                        break;
                    case "MaxActiveRuns" when value.Value is int maxActiveRuns:
                        if (maxActiveRuns >= 1) settings.MaxActiveRuns = maxActiveRuns;
                        else Report(DiagnosticDescriptors.InvalidNumber, location, "MaxActiveRuns", maxActiveRuns.ToString(CultureInfo.InvariantCulture), "at least 1");
                        break;
                    case "Tags" when value.Kind == TypedConstantKind.Array && !value.IsNull:
                        settings.Tags.AddRange(value.Values.Select(v => v.Value as string).OfType<string>());
                        break;
                    case "Description" when value.Value is string description:
                        settings.Description = description;
                        break;
                }
            }
            if (settings.Schedule == "@continuous" && settings.MaxActiveRuns != 1)
            {
                var where = AttributeArguments.Location(syntax, AttributeArguments.Find(syntax, "MaxActiveRuns") is null ? "Schedule" : "MaxActiveRuns");
                Report(DiagnosticDescriptors.ContinuousNeedsOneActiveRun, where, settings.DagId, settings.MaxActiveRuns.ToString(CultureInfo.InvariantCulture));
            }
            return settings;
        }

        private DateTime? ReadDate(string setting, string text, LocationInfo? location)
        {
            if (SettingParsers.TryParseDate(text, out var value)) return value;
            Report(DiagnosticDescriptors.InvalidDate, location, setting, text, SettingParsers.DateFormatsText + " (invariant culture)");
            return null;
        }

        private long? ReadDuration(string setting, string text, LocationInfo? location)
        {
            if (!SettingParsers.TryParseDuration(text, out var value))
            {
                Report(DiagnosticDescriptors.InvalidDuration, location, setting, text, SettingParsers.DurationFormatText);
                return null;
            }
            if (value < TimeSpan.Zero)
            {
                Report(DiagnosticDescriptors.InvalidDuration, location, setting, text, "It is negative; use a duration of zero or more");
                return null;
            }
            return value.Ticks;
        }
    }
}
