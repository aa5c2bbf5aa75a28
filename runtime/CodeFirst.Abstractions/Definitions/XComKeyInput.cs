namespace CodeFirst.Definitions;

/// <summary>A task input bound to one XCom key an upstream task pushed (one of its multiple outputs).</summary>
public sealed record XComKeyInput(string TaskId, string Key);
