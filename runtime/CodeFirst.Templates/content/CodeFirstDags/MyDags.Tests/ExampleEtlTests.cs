using CodeFirst.Testing;
using MyDags.Dags;

namespace MyDags.Tests;

/// <summary>DAGs unit-tested with CodeFirst.Testing: the real engine on a throw-away database, no server.</summary>
public sealed class ExampleEtlTests
{
    private static readonly DateTimeOffset Day = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_ExampleEtl_EveryTaskSucceeds()
    {
        var result = await DagTestHost.RunAsync<ExampleEtl>(Day);

        Assert.True(result.Succeeded);
        Assert.Equal(new Summary(8, 31, 9), result.Output<Summary>("transform"));
    }

    [Fact]
    public async Task RunTaskAsync_Transform_SummarisesItsUpstream()
    {
        var result = await DagTestHost.RunTaskAsync<ExampleEtl>("transform", Day, new Dictionary<string, object?> { ["extract"] = new[] { 2, 7 } });

        Assert.Equal(new Summary(2, 9, 7), result.Output<Summary>());
    }
}
