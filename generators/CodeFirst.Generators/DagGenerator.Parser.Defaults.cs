using System.Globalization;
using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>Reads the <c>[Dag(Default… = …)]</c> arguments: Airflow's default_args, applied to every task that leaves the setting unset.</summary>
        private TaskDefaults ReadTaskDefaults(AttributeData attribute)
        {
            var syntax = AttributeArguments.Syntax(attribute, _cancellationToken);
            var defaults = new TaskDefaults();
            foreach (var argument in attribute.NamedArguments)
            {
                if (!argument.Key.StartsWith("Default", StringComparison.Ordinal)) continue;
                var key = argument.Key.Substring("Default".Length);
                var value = argument.Value;
                var location = AttributeArguments.Location(syntax, argument.Key);
                switch (key)
                {
                    case "Retries" when value.Value is int retries:
                        if (retries >= 0) defaults.Retries = retries;
                        else Report(DiagnosticDescriptors.InvalidNumber, location, argument.Key, retries.ToString(CultureInfo.InvariantCulture), "zero or more");
                        break;
                    case "RetryDelay" when value.Value is string delay:
                        defaults.RetryDelayTicks = ReadDuration(argument.Key, delay, location);
                        break;
                    case "TriggerRule":
                        defaults.TriggerRule = EnumMember(value);
                        break;
                    default:
                        ReadExecutionArgument(defaults.Execution, key, value, location, prefix: "Default");
                        break;
                }
            }
            return defaults;
        }

        private static void ApplyDefaults(TaskDraft task, TaskDefaults defaults)
        {
            task.Retries ??= defaults.Retries;
            task.RetryDelayTicks ??= defaults.RetryDelayTicks;
            task.TriggerRule ??= defaults.TriggerRule;
            var own = task.Execution;
            var dag = defaults.Execution;
            own.RetryExponentialBackoff ??= dag.RetryExponentialBackoff;
            own.MaxRetryDelayTicks ??= dag.MaxRetryDelayTicks;
            own.ExecutionTimeoutTicks ??= dag.ExecutionTimeoutTicks;
            own.Pool ??= dag.Pool;
            own.PoolSlots ??= dag.PoolSlots;
            own.Queue ??= dag.Queue;
            own.PriorityWeight ??= dag.PriorityWeight;
            own.WeightRule ??= dag.WeightRule;
            own.DependsOnPast ??= dag.DependsOnPast;
            own.WaitForDownstream ??= dag.WaitForDownstream;
            own.OnSuccess ??= dag.OnSuccess;
            own.OnFailure ??= dag.OnFailure;
            own.OnRetry ??= dag.OnRetry;
        }
    }
}
