using CodeFirst.Definitions;
using CodeFirst.Runtime.Execution;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Testing;

/// <summary>Calls one task's generated invoker directly, with fake upstream values and a capturing logger.</summary>
internal static class SingleTaskRunner
{
    public static async Task<TaskTestResult> RunAsync(DagDefinition dag, string taskId, DateTimeOffset? logicalDate,
        IReadOnlyDictionary<string, object?>? upstream, DagTestOptions options, CancellationToken cancellationToken)
    {
        var task = dag.FindTask(taskId) ?? throw new KeyNotFoundException(
            $"DAG '{dag.DagId}' has no task '{taskId}'. Tasks: {string.Join(", ", dag.Tasks.Select(t => t.TaskId))}.");
        var missing = task.XComInputs.Where(id => upstream is null || !upstream.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"Task '{taskId}' reads the return values of {string.Join(", ", missing)}; pass them in 'upstream'.", nameof(upstream));

        if (task.MapOver is not null && options.MapIndex < 0)
            throw new ArgumentException($"Task '{taskId}' is mapped over '{task.MapOver}'; set DagTestOptions.MapIndex to the element of its list the task should get.", nameof(options));

        var time = options.Time ?? TimeProvider.System;
        var logical = logicalDate ?? time.GetUtcNow();
        var inputs = (upstream ?? new Dictionary<string, object?>()).ToDictionary(p => p.Key, p => XComJson.Serialize(p.Value), StringComparer.Ordinal);
        var services = new ServiceCollection();
        services.AddLogging();
        options.Services?.Invoke(services);
        await using var provider = services.BuildServiceProvider();
        var log = new CapturingLogger(time);
        var context = IsolatedTask.Context(dag, task, logical, options.Conf, log, inputs, options.MapIndex);
        var json = await IsolatedTask.InvokeAsync(task, context, provider, inputs, cancellationToken);
        return new TaskTestResult(taskId, Runtime.State.TaskInstanceState.Success, 1, json, log.Lines) { MapIndex = options.MapIndex };
    }

    private sealed class CapturingLogger(TimeProvider time) : ILogger
    {
        private readonly List<LogLine> _lines = [];

        public IReadOnlyList<LogLine> Lines
        {
            get
            {
                lock (_lines) return _lines.ToArray();
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add(new LogLine(time.GetUtcNow(), logLevel.ToString(), formatter(state, exception)));
        }
    }
}
