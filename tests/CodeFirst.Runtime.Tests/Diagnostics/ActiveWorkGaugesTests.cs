using System.Diagnostics.Metrics;
using CodeFirst.Runtime.Diagnostics;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CodeFirst.Runtime.Tests.Diagnostics;

public sealed class ActiveWorkGaugesTests
{
    [Fact]
    public async Task RefreshAsync_WithinMaxAge_QueriesOncePerPeriod()
    {
        var queries = new ScriptedCounts(new ActiveCounts([], 0));
        var time = new FakeTimeProvider();
        using var gauges = new ActiveWorkGauges(queries, time, TimeSpan.FromSeconds(5));

        await gauges.RefreshAsync(default);
        await gauges.RefreshAsync(default);
        time.Advance(TimeSpan.FromSeconds(4));
        await gauges.RefreshAsync(default);
        Assert.Equal(1, queries.Calls);

        time.Advance(TimeSpan.FromSeconds(1));
        await gauges.RefreshAsync(default);
        Assert.Equal(2, queries.Calls);
    }

    [Fact]
    public async Task Gauges_QueueEmpties_ReportsZeroInsteadOfDroppingTheSeries()
    {
        var queries = new ScriptedCounts(
            new ActiveCounts([new ActiveTaskCount("etl", "default_pool", TaskInstanceState.Running, 2), new ActiveTaskCount("etl", "default_pool", TaskInstanceState.Queued, 1)], 3),
            new ActiveCounts([], 0));
        var time = new FakeTimeProvider();
        using var gauges = new ActiveWorkGauges(queries, time, TimeSpan.FromSeconds(5));

        await gauges.RefreshAsync(default);
        var first = Collect(gauges);
        time.Advance(TimeSpan.FromSeconds(5));
        await gauges.RefreshAsync(default);
        var second = Collect(gauges);

        Assert.Equal(["codefirst_task_instances_queued{etl,default_pool}=1", "codefirst_task_instances_running{etl,default_pool}=2", "codefirst_triggers_running{}=3"], first);
        Assert.Equal(["codefirst_task_instances_queued{etl,default_pool}=0", "codefirst_task_instances_running{etl,default_pool}=0", "codefirst_triggers_running{}=0"], second);
    }

    private static List<string> Collect(ActiveWorkGauges gauges)
    {
        var seen = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter == gauges.Meter) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
            seen.Add($"{instrument.Name}{{{string.Join(",", tags.ToArray().Select(t => t.Value))}}}={value}"));
        listener.Start();
        listener.RecordObservableInstruments();
        return [.. seen.Order(StringComparer.Ordinal)];
    }

    private sealed class ScriptedCounts(params ActiveCounts[] answers) : IMetricsQueries
    {
        public int Calls { get; private set; }

        public Task<ActiveCounts> CountActiveAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult(answers[Math.Min(Calls++, answers.Length - 1)]);
    }
}
