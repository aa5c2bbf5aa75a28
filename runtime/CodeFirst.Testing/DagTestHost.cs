using System.Reflection;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Testing;

/// <summary>
/// Runs a DAG (or one task) inside a unit test: the real engine on a throw-away embedded database
/// that the test never sees, with the test's services, conf and clock.
/// <code>var result = await DagTestHost.RunAsync&lt;OrdersEtl&gt;(logicalDate, new() { Services = s => s.AddSingleton&lt;IOrdersSource&gt;(fake) });</code>
/// </summary>
public static class DagTestHost
{
    public static Task<DagTestResult> RunAsync<TDag>(DateTimeOffset? logicalDate = null, DagTestOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(DefinitionOf(typeof(TDag)), logicalDate, options, cancellationToken);

    public static async Task<DagTestResult> RunAsync(DagDefinition dag, DateTimeOffset? logicalDate = null, DagTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DagTestOptions();
        var directory = Directory.CreateTempSubdirectory("codefirst-dagtest-");
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            options.Services?.Invoke(services);
            await using var provider = services.BuildServiceProvider();
            await using var store = new SqliteStore(Path.Combine(directory.FullName, "test.db"));
            var engineOptions = new EngineOptions { Concurrency = Math.Max(2, Environment.ProcessorCount), RetryDelayOverride = options.SkipRetryDelays ? TimeSpan.Zero : null };
            var engine = new CodeFirstEngine(store, [dag], provider, engineOptions, options.Time);
            await store.MigrateAsync(cancellationToken);
            await store.SyncDagsAsync([(dag.DagId, false)], cancellationToken);
            await DagPools.CreateMissingAsync(store, [dag], cancellationToken);
            var run = await engine.Runs.TriggerAsync(engine.Dags.Get(dag.DagId), options.Conf, logicalDate, null, cancellationToken);

            var finished = new TaskCompletionSource<DagRunState>(TaskCreationOptions.RunContinuationsAsynchronously);
            engine.Events.DagRunChanged += change =>
            {
                if (change.RunId == run.RunId && change.State is DagRunState.Success or DagRunState.Failed) finished.TrySetResult(change.State);
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var worker = engine.RunAsync(scheduler: false, worker: true, stop.Token);
            await engine.StartRunAsync(run, cancellationToken);
            DagRunState state;
            try
            {
                state = await finished.Task.WaitAsync(options.Timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"DAG '{dag.DagId}' did not finish within {options.Timeout}; raise DagTestOptions.Timeout if it should.");
            }
            finally
            {
                await stop.CancelAsync();
                await worker;
            }

            return new DagTestResult(run.RunId, state, await TestResults.ReadAsync(store, run.Id));
        }
        finally
        {
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Runs one task in isolation, without a database: its upstream tasks' return values are
    /// given by the test (<paramref name="upstream"/>, by task id). Exceptions propagate as the
    /// task threw them (TaskSkippedException, TaskFailedException, …).
    /// </summary>
    public static Task<TaskTestResult> RunTaskAsync<TDag>(string taskId, DateTimeOffset? logicalDate = null,
        IReadOnlyDictionary<string, object?>? upstream = null, DagTestOptions? options = null, CancellationToken cancellationToken = default) =>
        SingleTaskRunner.RunAsync(DefinitionOf(typeof(TDag)), taskId, logicalDate, upstream, options ?? new DagTestOptions(), cancellationToken);

    /// <summary>The generated <c>Definition</c> of a <c>[Dag]</c> class.</summary>
    public static DagDefinition DefinitionOf(Type dagType) =>
        dagType.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as DagDefinition
        ?? throw new ArgumentException($"{dagType.FullName} has no generated Definition: is it a partial class marked [Dag] in a project that runs the CodeFirst generator?", nameof(dagType));
}
