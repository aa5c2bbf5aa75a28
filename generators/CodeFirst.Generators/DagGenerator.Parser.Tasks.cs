using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        private List<TaskDraft> CollectTasks(INamedTypeSymbol type, TaskDefaults defaults)
        {
            var tasks = new List<TaskDraft>();
            var methods = type.GetMembers().OfType<IMethodSymbol>()
                .Select(m => (Method: m, Attribute: m.GetAttributes().FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, _known.TaskAttribute) || IsSensorAttribute(a))))
                .Where(m => m.Attribute is not null)
                .OrderBy(m => m.Method.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? "", StringComparer.Ordinal)
                .ThenBy(m => m.Method.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0);
            foreach (var (method, attribute) in methods)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var task = ReadTask(method, attribute!);
                ApplyDefaults(task, defaults);
                CompleteExecution(task);
                ReadSensor(task, attribute!);
                var duplicate = tasks.FirstOrDefault(t => t.Id == task.Id);
                if (duplicate is not null)
                {
                    Report(DiagnosticDescriptors.DuplicateTaskId, task.IdentifierLocation, task.Id, method.Name, duplicate.Method.Name);
                    continue;
                }
                tasks.Add(task);
            }
            return tasks;
        }

        private TaskDraft ReadTask(IMethodSymbol method, AttributeData attribute)
        {
            var syntax = AttributeArguments.Syntax(attribute, _cancellationToken);
            var identifier = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is MethodDeclarationSyntax declaration
                ? LocationInfo.From(declaration.Identifier)
                : LocationInfo.From(method.Locations.FirstOrDefault());

            var explicitId = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Id").Value.Value as string;
            var group = ReadTaskGroup(attribute, syntax);
            var baseId = explicitId ?? SnakeCase.Convert(method.Name);
            var task = new TaskDraft(method, group is null ? baseId : group + "." + baseId)
            {
                IdentifierLocation = identifier,
                Group = group,
                Doc = DocComments.Summary(method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken)),
            };
            if (!IdRules.IsValid(task.Id))
            {
                var location = explicitId is null ? identifier : AttributeArguments.Location(syntax, "Id");
                Report(DiagnosticDescriptors.InvalidId, location, "Task id", task.Id);
            }

            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value;
                switch (argument.Key)
                {
                    case "Retries" when value.Value is int retries:
                        if (retries >= 0) task.Retries = retries;
                        else Report(DiagnosticDescriptors.InvalidNumber, AttributeArguments.Location(syntax, "Retries"), "Retries", retries.ToString(CultureInfo.InvariantCulture), "zero or more");
                        break;
                    case "RetryDelay" when value.Value is string delay:
                        task.RetryDelayTicks = ReadDuration("RetryDelay", delay, AttributeArguments.Location(syntax, "RetryDelay"));
                        break;
                    case "TriggerRule" when value.Type is INamedTypeSymbol enumType:
                        task.TriggerRule = enumType.GetMembers().OfType<IFieldSymbol>()
                            .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value))?.Name
                            ?? $"({enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}){Convert.ToString(value.Value, CultureInfo.InvariantCulture)}";
                        break;
                    case "After" when value.Kind == TypedConstantKind.Array && !value.IsNull:
                        var references = value.Values.Select(v => v.Value as string ?? "").ToList();
                        var locations = AttributeArguments.ElementLocations(syntax, "After", references.Count);
                        for (var i = 0; i < references.Count; i++) task.After.Add((references[i], locations[i]));
                        break;
                    case "Group":
                        break;
                    case "MultipleOutputs" when value.Value is bool multipleOutputs:
                        task.MultipleOutputs = multipleOutputs;
                        task.MultipleOutputsLocation = AttributeArguments.Location(syntax, "MultipleOutputs");
                        break;
                    default:
                        ReadExecutionArgument(task.Execution, argument.Key, value, AttributeArguments.Location(syntax, argument.Key), prefix: "");
                        break;
                }
            }

            ReadReturnShape(task);
            CheckMethodShape(task);
            return task;
        }

        private void ReadReturnShape(TaskDraft task)
        {
            var method = task.Method;
            var returnType = method.ReturnType;
            if (method.ReturnsVoid)
            {
                if (method.IsAsync) Unsupported(task, "It is 'async void'; return Task or ValueTask so failures are observed");
                return;
            }
            if (KnownTypes.Is(returnType, _known.Task) || KnownTypes.Is(returnType, _known.ValueTask))
            {
                task.IsAsync = true;
                task.ReturnDescription = returnType.Name;
                return;
            }
            var result = returnType;
            if (KnownTypes.Is(returnType, _known.TaskOfT) || KnownTypes.Is(returnType, _known.ValueTaskOfT))
            {
                task.IsAsync = true;
                result = ((INamedTypeSymbol)returnType).TypeArguments[0];
            }
            if (result.TypeKind == TypeKind.Error)
            {
                // The compiler already reports the unknown type; a second error here would only be noise.
                task.IsSupported = false;
                _blocksEmit = true;
            }
            else if (method.ReturnsByRef || method.ReturnsByRefReadonly)
                Unsupported(task, "It returns by reference; return the value itself");
            else if (!IsSerializable(result))
                Unsupported(task, $"Its return type '{result.ToDisplayString()}' cannot be stored as XCom JSON; return void, T, Task, Task<T>, ValueTask or ValueTask<T> with a serializable T");
            else
                task.ResultType = result;
        }

        private bool IsSerializable(ITypeSymbol type) =>
            type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Error or TypeKind.Dynamic)
            && !type.IsRefLikeType
            && !KnownTypes.Is(type, _known.AsyncEnumerable)
            && !KnownTypes.Is(type, _known.Task) && !KnownTypes.Is(type, _known.TaskOfT)
            && !KnownTypes.Is(type, _known.ValueTask) && !KnownTypes.Is(type, _known.ValueTaskOfT);

        private void CheckMethodShape(TaskDraft task)
        {
            var method = task.Method;
            if (method.MethodKind != MethodKind.Ordinary)
                Unsupported(task, "Only ordinary methods can be tasks");
            if (method.IsGenericMethod)
                Unsupported(task, "It is generic; a task method cannot have type parameters");
            foreach (var parameter in method.Parameters)
            {
                var location = LocationInfo.From(parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken));
                if (parameter.RefKind is RefKind.Ref or RefKind.Out or RefKind.RefReadOnlyParameter)
                    Unsupported(task, $"Parameter '{parameter.Name}' is passed by reference; task parameters must be passed by value", location);
                else if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                    Unsupported(task, $"Parameter '{parameter.Name}' has type '{parameter.Type.ToDisplayString()}', which cannot be injected or read from XCom", location);
            }
        }

        private void Unsupported(TaskDraft task, string reason, LocationInfo? location = null)
        {
            task.IsSupported = false;
            Report(DiagnosticDescriptors.UnsupportedTaskMethod, location ?? task.IdentifierLocation, task.Method.Name, reason);
        }
    }
}
