using System.Globalization;
using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>
        /// Reads one execution setting of <c>[Task]</c> (or, with <paramref name="prefix"/> "Default",
        /// its <c>[Dag]</c> default); other keys are ignored.
        /// </summary>
        private void ReadExecutionArgument(TaskExecutionDraft draft, string key, TypedConstant value, LocationInfo? location, string prefix)
        {
            var setting = prefix + key;
            switch (key)
            {
                case "RetryExponentialBackoff" when value.Value is bool backoff:
                    draft.RetryExponentialBackoff = backoff;
                    break;
                case "MaxRetryDelay" when value.Value is string text:
                    draft.MaxRetryDelayTicks = ReadDuration(setting, text, location);
                    break;
                case "ExecutionTimeout" when value.Value is string text:
                    draft.ExecutionTimeoutTicks = ReadDuration(setting, text, location);
                    if (draft.ExecutionTimeoutTicks == 0)
                    {
                        Report(DiagnosticDescriptors.InvalidDuration, location, setting, text, "It is zero; use a positive duration or leave it unset for no limit");
                        draft.ExecutionTimeoutTicks = null;
                    }
                    break;
                case "Pool" when value.Value is string pool:
                    draft.Pool = ReadName(setting, pool, location);
                    break;
                case "Queue" when value.Value is string queue:
                    draft.Queue = ReadName(setting, queue, location);
                    break;
                case "PoolSlots" when value.Value is int slots:
                    if (slots >= 1) draft.PoolSlots = slots;
                    else Report(DiagnosticDescriptors.InvalidNumber, location, setting, slots.ToString(CultureInfo.InvariantCulture), "at least 1");
                    break;
                case "PriorityWeight" when value.Value is int weight:
                    draft.PriorityWeight = weight;
                    break;
                case "WeightRule":
                    draft.WeightRule = EnumMember(value);
                    break;
                case "DependsOnPast" when value.Value is bool dependsOnPast:
                    draft.DependsOnPast = dependsOnPast;
                    break;
                case "WaitForDownstream" when value.Value is bool wait:
                    draft.WaitForDownstream = wait;
                    break;
                case "Setup" when value.Value is bool setup && prefix.Length == 0:
                    draft.IsSetup = setup;
                    break;
                case "Teardown" when value.Value is bool teardown && prefix.Length == 0:
                    draft.IsTeardown = teardown;
                    break;
                case "OnSuccess" when value.Value is string name:
                    draft.OnSuccess = (name, location);
                    break;
                case "OnFailure" when value.Value is string name:
                    draft.OnFailure = (name, location);
                    break;
                case "OnRetry" when value.Value is string name:
                    draft.OnRetry = (name, location);
                    break;
            }
        }

        private string? ReadName(string setting, string value, LocationInfo? location)
        {
            if (!string.IsNullOrWhiteSpace(value) && value.Length <= 256) return value;
            Report(DiagnosticDescriptors.InvalidTaskName, location, setting, value);
            return null;
        }

        /// <summary>An enum argument as the member name the emitter writes (or a cast for an undefined value).</summary>
        private static string? EnumMember(TypedConstant value)
        {
            if (value.Type is not INamedTypeSymbol enumType || value.Value is null) return null;
            return enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value))?.Name
                ?? $"({enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}){Convert.ToString(value.Value, CultureInfo.InvariantCulture)}";
        }

        /// <summary>Settings that need the whole task: its kind (branch, short circuit) and its callbacks.</summary>
        private void CompleteExecution(TaskDraft task)
        {
            var execution = task.Execution;
            var isBranch = task.Method.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, _known.BranchAttribute));
            var isShortCircuit = task.Method.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, _known.ShortCircuitAttribute));
            if (isBranch && isShortCircuit)
                Report(DiagnosticDescriptors.ConflictingTaskSettings, task.IdentifierLocation, task.Id, "[Branch]", "[ShortCircuit]");
            else if (isBranch && task.IsSupported)
            {
                if (!IsBranchResult(task.ResultType)) Report(DiagnosticDescriptors.InvalidBranchReturn, task.IdentifierLocation, task.Id, Describe(task));
                else execution.Kind = "Branch";
            }
            else if (isShortCircuit && task.IsSupported)
            {
                if (task.ResultType?.SpecialType != SpecialType.System_Boolean) Report(DiagnosticDescriptors.InvalidShortCircuitReturn, task.IdentifierLocation, task.Id, Describe(task));
                else execution.Kind = "ShortCircuit";
            }
            if (execution.IsSetup && execution.IsTeardown)
                Report(DiagnosticDescriptors.ConflictingTaskSettings, task.IdentifierLocation, task.Id, "Setup", "Teardown");

            var type = task.Method.ContainingType;
            execution.OnSuccessSpec = ResolveCallback(type, execution.OnSuccess, "OnSuccess", forDag: false);
            execution.OnFailureSpec = ResolveCallback(type, execution.OnFailure, "OnFailure", forDag: false);
            execution.OnRetrySpec = ResolveCallback(type, execution.OnRetry, "OnRetry", forDag: false);
        }

        private DagExecutionSpec ReadDagExecution(INamedTypeSymbol type, AttributeData attribute)
        {
            var syntax = AttributeArguments.Syntax(attribute, _cancellationToken);
            int? maxActiveTasks = null;
            CallbackSpec? onSuccess = null, onFailure = null;
            foreach (var argument in attribute.NamedArguments)
            {
                var location = AttributeArguments.Location(syntax, argument.Key);
                switch (argument.Key)
                {
                    case "MaxActiveTasks" when argument.Value.Value is int max:
                        if (max >= 1) maxActiveTasks = max;
                        else Report(DiagnosticDescriptors.InvalidNumber, location, "MaxActiveTasks", max.ToString(CultureInfo.InvariantCulture), "at least 1");
                        break;
                    case "OnSuccess" when argument.Value.Value is string name:
                        onSuccess = ResolveCallback(type, (name, location), "[Dag] OnSuccess", forDag: true);
                        break;
                    case "OnFailure" when argument.Value.Value is string name:
                        onFailure = ResolveCallback(type, (name, location), "[Dag] OnFailure", forDag: true);
                        break;
                }
            }
            return new DagExecutionSpec(maxActiveTasks, onSuccess, onFailure);
        }

        private CallbackSpec? ResolveCallback(INamedTypeSymbol type, (string Name, LocationInfo? Location)? reference, string usedBy, bool forDag)
        {
            if (reference is not { } r) return null;
            var candidates = type.GetMembers(r.Name).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
            if (candidates.Count == 0)
            {
                Report(DiagnosticDescriptors.UnknownCallback, r.Location, usedBy, r.Name, type.Name);
                return null;
            }
            string? problem = null;
            foreach (var method in candidates)
            {
                problem = CallbackProblem(method, forDag, out var spec);
                if (problem is null) return spec;
            }
            Report(DiagnosticDescriptors.InvalidCallbackSignature, r.Location, r.Name, usedBy, problem!, forDag ? "CallbackContext" : "TaskContext or CallbackContext");
            return null;
        }

        private string? CallbackProblem(IMethodSymbol method, bool forDag, out CallbackSpec? spec)
        {
            spec = null;
            if (method.IsGenericMethod) return "it is generic";
            var isAsync = KnownTypes.Is(method.ReturnType, _known.Task) || KnownTypes.Is(method.ReturnType, _known.ValueTask);
            if (!method.ReturnsVoid && !isAsync) return $"it returns '{method.ReturnType.ToDisplayString()}'";
            if (method.ReturnsVoid && method.IsAsync) return "it is 'async void'";
            var parameters = method.Parameters;
            if (parameters.Length is < 1 or > 2) return $"it has {parameters.Length} parameters";
            var takesCallbackContext = KnownTypes.Is(parameters[0].Type, _known.CallbackContext);
            if (!takesCallbackContext && (forDag || !KnownTypes.Is(parameters[0].Type, _known.TaskContext)))
                return $"its first parameter is '{parameters[0].Type.ToDisplayString()}'";
            if (parameters.Length == 2 && !KnownTypes.Is(parameters[1].Type, _known.CancellationToken))
                return $"its second parameter is '{parameters[1].Type.ToDisplayString()}'";
            if (parameters.Any(p => p.RefKind != RefKind.None)) return "a parameter is passed by reference";
            spec = new CallbackSpec(Identifier(method.Name), method.IsStatic, isAsync, takesCallbackContext, parameters.Length == 2);
            return null;
        }

        private bool IsBranchResult(ITypeSymbol? type)
        {
            if (type is null) return false;
            if (type.SpecialType == SpecialType.System_String) return true;
            bool IsStrings(ITypeSymbol t) => KnownTypes.Is(t, _known.Enumerable) && ((INamedTypeSymbol)t).TypeArguments[0].SpecialType == SpecialType.System_String;
            return IsStrings(type) || type.AllInterfaces.Any(IsStrings);
        }

        private static string Describe(TaskDraft task) =>
            task.ResultType is null ? $"'{task.ReturnDescription}'" : $"'{task.ResultType.ToDisplayString()}'";
    }
}
