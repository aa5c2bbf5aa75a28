namespace CodeFirst.Definitions;

/// <summary>
/// Runs one task: the generator emits one per task method. It pulls the inputs from
/// <paramref name="invocation"/>, calls the method and returns the return value as XCom JSON
/// (<c>null</c> for a method without one).
/// </summary>
public delegate ValueTask<string?> TaskInvoker(TaskInvocation invocation);
