using System.CommandLine;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Execution;
using CodeFirst.Runtime.Params;
using CodeFirst.Runtime.Sensors;
using CodeFirst.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Cli;

/// <summary>
/// <c>tasks test</c>: runs one task in this process like Airflow's <c>airflow tasks test</c>: no
/// dependency checks, no database, nothing recorded. Upstream return values come from
/// <c>--xcom task_id=json</c> or pull as null. Prints the task's log and return value; exits 1
/// when the task fails.
/// </summary>
internal static class TasksTestCommand
{
    public static Command Create(CliContext context)
    {
        var dagId = new Argument<string>("dag_id");
        var taskId = new Argument<string>("task_id");
        var logicalDate = new Argument<string?>("logical_date") { Description = "Logical date the task sees (default: now)", Arity = ArgumentArity.ZeroOrOne };
        var xcom = new Option<string[]>("--xcom", "-x")
        {
            Description = "An upstream task's return value as task_id=JSON (repeatable); upstream values not given pull as null",
            AllowMultipleArgumentsPerToken = false,
        };
        var conf = new Option<string?>("--conf", "-c") { Description = "JSON object the task sees as the run's conf" };
        var command = new Command("test", "Run one task in this process, without dependencies or a database, and print its log and return value")
        {
            dagId, taskId, logicalDate, xcom, conf,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(() => RunAsync(context,
            new Request(parse.GetValue(dagId)!, parse.GetValue(taskId)!, parse.GetValue(logicalDate), parse.GetValue(xcom) ?? [], parse.GetValue(conf)),
            cancellationToken)));
        return command;
    }

    private sealed record Request(string DagId, string TaskId, string? LogicalDate, string[] XCom, string? Conf);

    private static async Task<int> RunAsync(CliContext context, Request request, CancellationToken cancellationToken)
    {
        var dag = context.Dag(request.DagId).Definition;
        var task = dag.FindTask(request.TaskId) ?? throw new CliException(
            $"DAG '{dag.DagId}' has no task '{request.TaskId}'. Tasks: {string.Join(", ", dag.Tasks.Select(t => t.TaskId))}.");
        var logicalDate = CliParsing.ParseDate(request.LogicalDate, "logical_date") ?? DateTimeOffset.UtcNow;
        var conf = WithParams(dag, CliParsing.Conf(request.Conf));
        var returnValues = TaskTestXCom.Parse(dag, request.XCom);
        var output = context.Output;

        await output.WriteLineAsync($"Testing task {dag.DagId}.{task.TaskId}, logical date {CliOutput.Format(logicalDate)} (no dependency checks; nothing is recorded)");
        foreach (var missing in task.XComInputs.Where(id => !returnValues.ContainsKey(id)))
            await output.WriteLineAsync($"  Note: no value given for upstream '{missing}' (--xcom {missing}=JSON); it reads as null.");

        await using var services = RuntimeServices.Build(context.ConfigureServices, LogLevel.Warning);
        var log = new TaskTestLogger(output);
        var taskContext = IsolatedTask.Context(dag, task, logicalDate, conf, log, returnValues);
        using var timeout = task.ExecutionTimeout is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout?.Token ?? CancellationToken.None);
        string outcome;
        try
        {
            var json = await IsolatedTask.InvokeAsync(task, taskContext, services, returnValues, linked.Token);
            outcome = await ReportSuccessAsync(output, task, json);
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            return await FailedAsync(context, task, $"the task exceeded its ExecutionTimeout of {task.ExecutionTimeout}.");
        }
        catch (TaskSkippedException e)
        {
            outcome = $"skipped: {e.Message}";
        }
        catch (TaskDeferredException e)
        {
            outcome = $"deferred to {e.Trigger.GetType().Name} (tasks test does not run triggers)";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync(e.ToString());
            return await FailedAsync(context, task, $"{e.GetType().Name}: {e.Message}");
        }
        await output.WriteLineAsync($"Task {task.TaskId}: {outcome}");
        return ExitCodes.Success;
    }

    private static async Task<string> ReportSuccessAsync(TextWriter output, TaskDefinition task, string? json)
    {
        if (task.Kind == TaskKind.Sensor)
        {
            // One poke: waiting out a sensor's interval has no place in a quick interactive test.
            var poke = PokeResult.Parse(json);
            if (!poke.IsDone) return "success (sensor poked once: not done yet)";
            json = poke.ValueJson;
        }
        await output.WriteLineAsync($"Return value: {json ?? "(none)"}");
        return "success";
    }

    private static async Task<int> FailedAsync(CliContext context, TaskDefinition task, string error)
    {
        await context.Output.WriteLineAsync($"Task {task.TaskId}: failed: {error}");
        return ExitCodes.Failed;
    }

    private static string WithParams(DagDefinition dag, string conf)
    {
        try
        {
            return ParamsValidator.Apply(dag.Params, conf);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--conf: {e.Message}");
        }
    }
}
