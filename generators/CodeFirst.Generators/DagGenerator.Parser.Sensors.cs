using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        private bool IsSensorAttribute(AttributeData attribute) => KnownTypes.Is(attribute.AttributeClass, _known.SensorAttribute);

        /// <summary>
        /// A <c>[Sensor]</c> is a task (its <c>[Task]</c> settings were read already) whose method returns bool,
        /// SensorResult or SensorResult&lt;T&gt;, sync or async; its own settings become the sensor spec.
        /// </summary>
        private void ReadSensor(TaskDraft task, AttributeData attribute)
        {
            if (!IsSensorAttribute(attribute)) return;
            var syntax = AttributeArguments.Syntax(attribute, _cancellationToken);
            long? pokeInterval = null, timeout = null, maxWait = null;
            string? mode = null;
            bool deferrable = false, softFail = false, backoff = false;
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value;
                var location = AttributeArguments.Location(syntax, argument.Key);
                switch (argument.Key)
                {
                    case "PokeInterval" when value.Value is string text:
                        pokeInterval = Positive(argument.Key, text, location);
                        break;
                    case "Timeout" when value.Value is string text:
                        timeout = Positive(argument.Key, text, location);
                        break;
                    case "MaxWait" when value.Value is string text:
                        maxWait = Positive(argument.Key, text, location);
                        break;
                    case "Mode":
                        mode = EnumMember(value);
                        break;
                    case "Deferrable" when value.Value is bool b:
                        deferrable = b;
                        break;
                    case "SoftFail" when value.Value is bool b:
                        softFail = b;
                        break;
                    case "ExponentialBackoff" when value.Value is bool b:
                        backoff = b;
                        break;
                }
            }
            if (task.Execution.Kind is { } kind)
            {
                Report(DiagnosticDescriptors.ConflictingTaskSettings, task.IdentifierLocation, task.Id, "[Sensor]", $"[{kind}]");
                return;
            }
            if (!task.IsSupported) return;
            if (!IsSensorResult(task.ResultType))
            {
                Report(DiagnosticDescriptors.InvalidSensorReturn, task.IdentifierLocation, task.Id, $"'{task.Method.ReturnType.ToDisplayString()}'");
                return;
            }
            var valueType = KnownTypes.Is(task.ResultType, _known.SensorResultOfT) ? ((INamedTypeSymbol)task.ResultType!).TypeArguments[0] : null;
            task.SensorValue = (valueType, true);
            if (valueType is null) task.ReturnDescription = $"{task.ResultType!.ToDisplayString()} (a sensor without a value; return SensorResult<T> to pass one on)";
            task.Execution.Kind = "Sensor";
            task.Execution.Sensor = new SensorSpec(pokeInterval, timeout, mode, deferrable, softFail, backoff, maxWait);
        }

        private long? Positive(string setting, string text, LocationInfo? location)
        {
            var ticks = ReadDuration(setting, text, location);
            if (ticks != 0) return ticks;
            Report(DiagnosticDescriptors.InvalidSensorDuration, location, setting, text);
            return null;
        }

        private bool IsSensorResult(ITypeSymbol? type) =>
            type is not null && (type.SpecialType == SpecialType.System_Boolean
                || KnownTypes.Is(type, _known.SensorResult) || KnownTypes.Is(type, _known.SensorResultOfT));
    }
}
