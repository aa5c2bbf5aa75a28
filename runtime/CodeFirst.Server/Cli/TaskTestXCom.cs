using System.Text.Json;
using CodeFirst.Definitions;

namespace CodeFirst.Server.Cli;

/// <summary>Reads <c>tasks test --xcom task_id=json</c> into return values by task id.</summary>
internal static class TaskTestXCom
{
    public static Dictionary<string, string> Parse(DagDefinition dag, IEnumerable<string> values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var split = value.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
                throw new CliException($"--xcom '{value}' is not task_id=JSON, e.g. --xcom extract='[1,2,3]'.");
            var (taskId, json) = (value[..split], value[(split + 1)..]);
            if (dag.FindTask(taskId) is null)
                throw new CliException($"--xcom names '{taskId}', which is not a task of DAG '{dag.DagId}'. Tasks: {string.Join(", ", dag.Tasks.Select(t => t.TaskId))}.");
            try
            {
                using var document = JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                throw new CliException($"--xcom {taskId}: '{json}' is not valid JSON ({e.Message}). Quote strings: --xcom {taskId}='\"text\"'.");
            }
            if (!result.TryAdd(taskId, json))
                throw new CliException($"--xcom gives '{taskId}' twice.");
        }
        return result;
    }
}
