using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal static partial class Emitter
    {
        private const string ValueTaskOfString = "global::System.Threading.Tasks.ValueTask<string?>";

        /// <summary>
        /// Writes the task's <c>TaskInvoker</c>. Synchronous methods get a non-async lambda that returns a
        /// completed ValueTask, so they pay for no state machine.
        /// </summary>
        private static void WriteInvoker(SourceWriter writer, DagSpec dag, TaskSpec task)
        {
            writer.WriteLine(task.IsAsync ? "Invoke = static async invocation =>" : "Invoke = static invocation =>").OpenBlock();
            var target = dag.FullyQualifiedName;
            if (!task.IsStatic)
            {
                var constructorArguments = string.Join(", ", dag.ConstructorParameters.Select(Argument));
                writer.WriteLine($"var dag = new {dag.FullyQualifiedName}({constructorArguments});");
                target = "dag";
            }
            var call = $"{target}.{task.MethodIdentifier}({string.Join(", ", task.Parameters.Select(Argument))})";
            var result = task.ResultType;
            if (task.IsAsync)
            {
                call = $"await {call}.ConfigureAwait(false)";
            }
            if (result is null)
            {
                writer.WriteLine(call + ";");
                writer.WriteLine(task.IsAsync ? "return null;" : $"return new {ValueTaskOfString}((string?)null);");
            }
            else
            {
                writer.WriteLine($"var result = {call};");
                WriteOutputPushes(writer, task);
                var serialized = $"invocation.Serialize<{result.AnnotatedName}>(result)";
                writer.WriteLine(task.IsAsync ? $"return {serialized};" : $"return new {ValueTaskOfString}({serialized});");
            }
            writer.CloseBlock("},");
        }

        private static string Argument(ParameterSpec parameter) => parameter.Source switch
        {
            ParameterSource.Context => "invocation.Context",
            ParameterSource.CancellationToken => "invocation.CancellationToken",
            ParameterSource.Logger => "invocation.Logger",
            ParameterSource.TypedLogger => $"invocation.GetLogger<{parameter.Type.Name}>()",
            ParameterSource.XCom when parameter.UpstreamKey is not null =>
                $"invocation.GetInput<{parameter.UpstreamType!.Name}>({Literal(parameter.UpstreamTaskId!)}, {Literal(parameter.UpstreamKey)})",
            ParameterSource.XCom => $"invocation.GetInput<{parameter.UpstreamType!.Name}>({Literal(parameter.UpstreamTaskId!)})",
            ParameterSource.MappedXCom => $"invocation.GetMappedInput<{parameter.UpstreamType!.Name}>({Literal(parameter.UpstreamTaskId!)})",
            ParameterSource.OptionalService => $"invocation.Services.GetService(typeof({parameter.Type.Name})) as {parameter.Type.Name}",
            _ => $"invocation.GetRequiredService<{parameter.Type.Name}>({Literal(parameter.Name)})",
        };
    }
}
