using System.Reflection;
using System.Runtime.Loader;
using CodeFirst.Definitions;
using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests.Execution;

/// <summary>
/// Compiles <see cref="Source"/> with its generated code once and loads it, so its module initializer
/// registers the DAG exactly once per test run.
/// </summary>
public sealed class GeneratedAssemblyFixture
{
    public const string Source = """
        using CodeFirst;
        using CodeFirst.Generators.Tests.Execution;
        using Microsoft.Extensions.Logging;

        namespace ExecSample;

        public sealed record Batch(string RunId, int[] Items);
        public sealed record Summary(string Greeting, int Total);

        [Dag("execution_sample", Schedule = "@daily", StartDate = "2024-01-01")]
        public sealed partial class PipelineDag(IGreeter greeter)
        {
            [Task]
            public async Task<Batch> Extract(TaskContext ctx, CancellationToken ct)
            {
                await Task.Delay(1, ct);
                return new Batch(ctx.RunId, [1, 2, 3]);
            }

            [Task]
            public Summary Transform(Batch extract) => new(greeter.Greet(extract.RunId), extract.Items.Sum());

            [Task(After = [nameof(Transform)])]
            public void Notify(ILogger log) => log.LogInformation("notified");

            [Task]
            public static ValueTask<int> Count([FromTask(nameof(Transform))] Summary summary) => new(summary.Total * 10);

            [Task]
            public static async Task Wait(ILogger<PipelineDag> log)
            {
                await Task.Yield();
                log.LogInformation("waited");
            }
        }
        """;

    public GeneratedAssemblyFixture()
    {
        var output = GeneratorHarness.Run(Source).AssertCompilesCleanly();
        using var stream = new MemoryStream();
        var emit = output.OutputCompilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        stream.Position = 0;
        Assembly = new AssemblyLoadContext("generated-dag", isCollectible: true).LoadFromStream(stream);
        Definition = (DagDefinition)Assembly.GetType("ExecSample.PipelineDag", throwOnError: true)!
            .GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    public Assembly Assembly { get; }

    public DagDefinition Definition { get; }
}
