using CodeFirst.Definitions;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Execution;

/// <summary>Loads the stored XCom keys a task binds with <c>[FromTask(..., Key = ...)]</c>.</summary>
internal static class XComKeyInputs
{
    public static async Task<IReadOnlyDictionary<XComKeyInput, string>> LoadAsync(ITaskRecords records, long runPk, TaskDefinition task, CancellationToken cancellationToken)
    {
        if (task.XComKeyInputs.Count == 0) return new Dictionary<XComKeyInput, string>();
        var values = new Dictionary<XComKeyInput, string>();
        foreach (var input in task.XComKeyInputs)
        {
            if (await records.GetXComAsync(runPk, input.TaskId, input.Key, cancellationToken) is { } json) values[input] = json;
        }
        return values;
    }
}
