using Microsoft.Extensions.Logging;

namespace CodeFirst.Definitions;

/// <summary>What a generated <see cref="TaskInvoker"/> gets from the runtime for one try.</summary>
public abstract class TaskInvocation
{
    public abstract TaskContext Context { get; }
    public abstract IServiceProvider Services { get; }
    public abstract ILogger Logger { get; }
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>The upstream task's return value as JSON, or <c>null</c> when it returned nothing.</summary>
    protected abstract string? GetInputJson(string upstreamTaskId);

    /// <summary>The upstream task's return value read as <typeparamref name="T"/>.</summary>
    public T GetInput<T>(string upstreamTaskId)
    {
        var json = GetInputJson(upstreamTaskId);
        return json is null ? default! : XComJson.Deserialize<T>(json)!;
    }

    /// <summary>
    /// One key of the upstream's multiple outputs as JSON. The runtime reads the stored key; this default
    /// takes the property out of the return value, so invocations that only know return values still work.
    /// </summary>
    protected virtual string? GetInputJson(string upstreamTaskId, string key) =>
        XComKeys.Property(GetInputJson(upstreamTaskId), key);

    /// <summary>The property <paramref name="key"/> of the upstream task's return value, read as <typeparamref name="T"/>.</summary>
    public T GetInput<T>(string upstreamTaskId, string key)
    {
        var json = GetInputJson(upstreamTaskId, key);
        return json is null ? default! : XComJson.Deserialize<T>(json)!;
    }

    /// <summary>
    /// For a mapped task: the element of the upstream's returned list at this instance's map index,
    /// read as <typeparamref name="T"/>.
    /// </summary>
    public T GetMappedInput<T>(string upstreamTaskId)
    {
        var json = GetInputJson(upstreamTaskId);
        var index = Context.MapIndex;
        var element = json is null ? null : MappedElement.At(json, index);
        if (element is null)
            throw new InvalidOperationException(
                $"Task '{Context.DagId}.{Context.TaskId}' (map index {index}) is mapped over '{upstreamTaskId}', but that task's return value has no element {index}.");
        return XComJson.Deserialize<T>(element)!;
    }

    public string Serialize<T>(T value) => XComJson.Serialize(value);

    /// <summary>A service from DI for a task or constructor parameter, with an error naming what is missing.</summary>
    public T GetRequiredService<T>(string parameterName) where T : notnull
    {
        if (Services.GetService(typeof(T)) is T service) return service;
        throw new InvalidOperationException(
            $"Task '{Context.DagId}.{Context.TaskId}' needs a service of type {typeof(T).FullName} for parameter '{parameterName}', " +
            "but none is registered. Register it in the configure callback passed to CodeFirstApp.RunAsync.");
    }

    /// <summary>A typed logger whose lines go to the task's log like <see cref="Logger"/>.</summary>
    public ILogger<T> GetLogger<T>() => new TaskLogger<T>(Logger);

    private sealed class TaskLogger<T>(ILogger inner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
