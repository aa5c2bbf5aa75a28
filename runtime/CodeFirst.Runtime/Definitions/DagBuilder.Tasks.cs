namespace CodeFirst.Definitions;

public sealed partial class DagBuilder
{
    // One overload per delegate shape; the Task<T>-returning ones are more specific than
    // Func<TaskContext, TResult>, so an async lambda binds to them and its result is awaited.

    /// <summary>Adds a task that returns nothing.</summary>
    public DagBuilder Task(string taskId, Action<TaskContext> body, Action<TaskBuilder>? configure = null) =>
        Add(taskId, null, invocation =>
        {
            body(invocation.Context);
            return ValueTask.FromResult<string?>(null);
        }, configure);

    /// <summary>Adds a task whose return value is its XCom <c>return_value</c>.</summary>
    public DagBuilder Task<TResult>(string taskId, Func<TaskContext, TResult> body, Action<TaskBuilder>? configure = null)
    {
        RejectAwaitable<TResult>(taskId);
        return Add(taskId, typeof(TResult), invocation => ValueTask.FromResult<string?>(invocation.Serialize(body(invocation.Context))), configure);
    }

    public DagBuilder Task(string taskId, Func<TaskContext, Task> body, Action<TaskBuilder>? configure = null) =>
        Task(taskId, (context, _) => body(context), configure);

    public DagBuilder Task<TResult>(string taskId, Func<TaskContext, Task<TResult>> body, Action<TaskBuilder>? configure = null) =>
        Task(taskId, (context, _) => body(context), configure);

    /// <summary>Adds an async task; the token is cancelled on timeout, shutdown or when the task instance is stopped.</summary>
    public DagBuilder Task(string taskId, Func<TaskContext, CancellationToken, Task> body, Action<TaskBuilder>? configure = null) =>
        Add(taskId, null, async invocation =>
        {
            await body(invocation.Context, invocation.CancellationToken);
            return null;
        }, configure);

    public DagBuilder Task<TResult>(string taskId, Func<TaskContext, CancellationToken, Task<TResult>> body, Action<TaskBuilder>? configure = null) =>
        Add(taskId, typeof(TResult), async invocation => invocation.Serialize(await body(invocation.Context, invocation.CancellationToken)), configure);

    /// <summary>
    /// Adds an async task that takes services from DI (the try's own scope, like a generated task's
    /// parameters): for what cannot be built at start-up, such as a DbContext.
    /// </summary>
    public DagBuilder Task(string taskId, Func<TaskContext, IServiceProvider, CancellationToken, Task> body, Action<TaskBuilder>? configure = null) =>
        Add(taskId, null, async invocation =>
        {
            await body(invocation.Context, invocation.Services, invocation.CancellationToken);
            return null;
        }, configure);

    public DagBuilder Task<TResult>(string taskId, Func<TaskContext, IServiceProvider, CancellationToken, Task<TResult>> body, Action<TaskBuilder>? configure = null) =>
        Add(taskId, typeof(TResult), async invocation => invocation.Serialize(await body(invocation.Context, invocation.Services, invocation.CancellationToken)), configure);

    private DagBuilder Add(string taskId, Type? returnType, TaskInvoker invoker, Action<TaskBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var task = new TaskBuilder(taskId, returnType, invoker);
        _defaults?.Invoke(task);
        configure?.Invoke(task);
        _tasks.Add(task);
        return this;
    }

    // A ValueTask (or a Task picked through an explicitly typed delegate) would be serialized instead of awaited.
    private static void RejectAwaitable<TResult>(string taskId)
    {
        var type = typeof(TResult);
        var awaitable = type == typeof(ValueTask) || type == typeof(Task)
            || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ValueTask<>) || type.GetGenericTypeDefinition() == typeof(Task<>)));
        if (awaitable)
            throw new ArgumentException($"Task '{taskId}' returns {type.Name}, which would be stored instead of awaited. Return a Task or Task<T> from an async lambda, e.g. async (ctx, ct) => await ...", nameof(taskId));
    }
}
