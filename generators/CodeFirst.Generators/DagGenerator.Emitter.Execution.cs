using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal static partial class Emitter
    {
        private const string TimeSpanType = "global::System.TimeSpan";

        private static void WriteDagExecution(SourceWriter writer, DagSpec dag)
        {
            var execution = dag.Execution;
            if (execution.MaxActiveTasks is { } max) writer.WriteLine($"MaxActiveTasks = {Number(max)},");
            WriteCallback(writer, dag, "OnSuccess", execution.OnSuccess);
            WriteCallback(writer, dag, "OnFailure", execution.OnFailure);
        }

        private static void WriteTaskExecution(SourceWriter writer, DagSpec dag, TaskSpec task)
        {
            var e = task.Execution;
            if (e.RetryExponentialBackoff is { } backoff) writer.WriteLine($"RetryExponentialBackoff = {Bool(backoff)},");
            if (e.MaxRetryDelayTicks is { } maxDelay) writer.WriteLine($"MaxRetryDelay = {TimeSpanType}.FromTicks({Number(maxDelay)}),");
            if (e.ExecutionTimeoutTicks is { } timeout) writer.WriteLine($"ExecutionTimeout = {TimeSpanType}.FromTicks({Number(timeout)}),");
            if (e.Pool is not null) writer.WriteLine($"Pool = {Literal(e.Pool)},");
            if (e.PoolSlots is { } slots) writer.WriteLine($"PoolSlots = {Number(slots)},");
            if (e.Queue is not null) writer.WriteLine($"Queue = {Literal(e.Queue)},");
            if (e.PriorityWeight is { } weight) writer.WriteLine($"PriorityWeight = {Number(weight)},");
            if (e.WeightRule is not null) writer.WriteLine($"WeightRule = {EnumValue("global::CodeFirst.WeightRule", e.WeightRule)},");
            if (e.Kind is not null) writer.WriteLine($"Kind = global::CodeFirst.Definitions.TaskKind.{e.Kind},");
            if (e.DependsOnPast is { } dependsOnPast) writer.WriteLine($"DependsOnPast = {Bool(dependsOnPast)},");
            if (e.WaitForDownstream is { } wait) writer.WriteLine($"WaitForDownstream = {Bool(wait)},");
            if (e.IsSetup) writer.WriteLine("IsSetup = true,");
            if (e.IsTeardown) writer.WriteLine("IsTeardown = true,");
            WriteCallback(writer, dag, "OnSuccess", e.OnSuccess);
            WriteCallback(writer, dag, "OnFailure", e.OnFailure);
            WriteCallback(writer, dag, "OnRetry", e.OnRetry);
            WriteSensor(writer, e.Sensor);
        }

        /// <summary>
        /// A callback delegate: builds the DAG class like an invoker does (services from the callback's
        /// scope; loggers are null loggers, since a callback has no task log) and calls the method.
        /// </summary>
        private static void WriteCallback(SourceWriter writer, DagSpec dag, string property, CallbackSpec? callback)
        {
            if (callback is null) return;
            writer.WriteLine(callback.IsAsync
                ? $"{property} = static async (context, services, cancellationToken) =>"
                : $"{property} = static (context, services, cancellationToken) =>").OpenBlock();
            var target = dag.FullyQualifiedName;
            if (!callback.IsStatic)
            {
                writer.WriteLine($"var dag = new {dag.FullyQualifiedName}({string.Join(", ", dag.ConstructorParameters.Select(CallbackArgument))});");
                target = "dag";
            }
            var arguments = callback.TakesCallbackContext ? "context" : "context.Task!";
            if (callback.TakesCancellationToken) arguments += ", cancellationToken";
            var call = $"{target}.{callback.MethodIdentifier}({arguments})";
            if (callback.IsAsync) writer.WriteLine($"await {call}.ConfigureAwait(false);");
            else
            {
                writer.WriteLine(call + ";");
                writer.WriteLine("return default;");
            }
            writer.CloseBlock("},");
        }

        private static string CallbackArgument(ParameterSpec parameter) => parameter.Source switch
        {
            ParameterSource.Context => "context.Task!",
            ParameterSource.CancellationToken => "cancellationToken",
            ParameterSource.Logger => "global::Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance",
            ParameterSource.TypedLogger => $"global::Microsoft.Extensions.Logging.Abstractions.NullLogger<{parameter.Type.Name}>.Instance",
            ParameterSource.OptionalService => $"services.GetService(typeof({parameter.Type.Name})) as {parameter.Type.Name}",
            _ => $"({parameter.Type.Name})(services.GetService(typeof({parameter.Type.Name})) ?? throw new global::System.InvalidOperationException({Literal($"A callback needs a service of type ")} + typeof({parameter.Type.Name}).FullName + {Literal(" for constructor parameter '" + parameter.Name + "', but none is registered.")}))",
        };

        private static string Bool(bool value) => value ? "true" : "false";

        private static string EnumValue(string type, string member) =>
            member.StartsWith("(", StringComparison.Ordinal) ? member : $"{type}.{member}";
    }
}
