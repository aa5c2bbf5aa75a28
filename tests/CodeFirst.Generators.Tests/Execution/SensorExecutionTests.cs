using System.Reflection;
using System.Runtime.Loader;
using CodeFirst.Definitions;
using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests.Execution;

/// <summary>A compiled [Sensor]: its definition and what its invoker returns for the runtime to read.</summary>
public sealed class SensorExecutionTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using CodeFirst;
        namespace SensorSample;
        [Dag("sensor_sample")]
        public sealed partial class SensorDag
        {
            [Sensor(PokeInterval = "00:00:05", Timeout = "00:01:00", Mode = SensorMode.Reschedule, Deferrable = true, Retries = 1)]
            public async Task<SensorResult<int>> Ready(TaskContext context) { await Task.Yield(); return SensorResult.Done(context.TryNumber * 7); }

            [Sensor] public bool NotYet() => false;

            [Task] public int Use(int ready) => ready + 1;
        }
        """;

    [Fact]
    public async Task Invoke_CompiledSensor_ReturnsTheDoneResultAndTheSpecIsOnTheDefinition()
    {
        var output = GeneratorHarness.Run(Source).AssertCompilesCleanly();
        using var stream = new MemoryStream();
        Assert.True(output.OutputCompilation.Emit(stream).Success);
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("sensor-dag", isCollectible: true).LoadFromStream(stream);
        var dag = (DagDefinition)assembly.GetType("SensorSample.SensorDag", throwOnError: true)!
            .GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        var ready = dag.GetTask("ready");
        Assert.Equal(TaskKind.Sensor, ready.Kind);
        Assert.Equal(new SensorSpec { PokeInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(1), Mode = SensorMode.Reschedule, Deferrable = true }, ready.Sensor);
        Assert.Equal(1, ready.Retries);
        Assert.Equal(new SensorSpec(), dag.GetTask("not_yet").Sensor);
        Assert.Equal(TaskKind.Task, dag.GetTask("use").Kind);
        Assert.Equal(["ready"], dag.GetTask("use").XComInputs);

        var services = new FakeServices();
        Assert.Equal("""{"value":7,"isDone":true}""", await ready.Invoke(new FakeInvocation("ready", services)));
        Assert.Equal("false", await dag.GetTask("not_yet").Invoke(new FakeInvocation("not_yet", services)));
    }
}
