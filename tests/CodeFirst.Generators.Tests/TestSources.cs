namespace CodeFirst.Generators.Tests;

/// <summary>DAG sources shared by several test classes.</summary>
internal static class TestSources
{
    public const string OrdersEtl = """
        using CodeFirst;
        using Microsoft.Extensions.Logging;

        namespace Sample;

        public interface IOrdersSource
        {
            Task<OrderBatch> ReadAsync(DateTimeOffset logicalDate, CancellationToken cancellationToken);
        }

        public sealed record OrderBatch(int[] OrderIds);

        public sealed record Summary(int Count)
        {
            public static Summary Of(OrderBatch batch) => new(batch.OrderIds.Length);
        }

        [Dag("orders_etl", Schedule = "@daily", StartDate = "2024-01-01", Catchup = false,
             MaxActiveRuns = 1, Tags = ["etl"], Description = "Daily orders ETL")]
        public sealed partial class OrdersEtl(IOrdersSource source)
        {
            [Task(Retries = 3, RetryDelay = "00:00:05")]
            public async Task<OrderBatch> Extract(TaskContext ctx, CancellationToken ct)
                => await source.ReadAsync(ctx.LogicalDate, ct);

            [Task]
            public Summary Transform(OrderBatch extract) => Summary.Of(extract);

            [Task(After = [nameof(Transform)])]
            public void Notify(ILogger log) => log.LogInformation("done");
        }
        """;

    public const string Features = """
        using CodeFirst;
        using Microsoft.Extensions.Logging;

        namespace Sample.Nested;

        public interface IClock { DateTime Now { get; } }
        public interface IStore { void Save(string value); }

        public static partial class Pipelines
        {
            [Dag("features-1.0", Schedule = "01:30:00", StartDate = "2024-03-10T02:30", EndDate = "2025-01-01T00:00:59",
                 Timezone = "Europe/Paris", Catchup = true, Tags = ["a", "b\"quoted\""])]
            internal sealed partial class FeatureDag
            {
                private readonly IClock _clock;
                private readonly IStore? _store;

                public FeatureDag(IClock clock) => _clock = clock;

                public FeatureDag(IClock clock, IStore? store, ILogger<FeatureDag> log)
                {
                    _clock = clock;
                    _store = store;
                    log.LogDebug("created");
                }

                [Task(Id = "load.DB", TriggerRule = TriggerRule.NoneFailedMinOneSuccess)]
                public static ValueTask<string?> LoadToDb(ILogger<FeatureDag> log)
                {
                    log.LogInformation("loading");
                    return new ValueTask<string?>("loaded");
                }

                [Task(After = ["load.DB"])]
                public ValueTask HTTPCall(IStore sink, CancellationToken ct) => ct.IsCancellationRequested ? ValueTask.CompletedTask : ValueTask.CompletedTask;

                [Task]
                public long @event([FromTask("load.DB")] object? loaded, TaskContext context) => _clock.Now.Ticks + (loaded is null ? 0 : 1) + context.TryNumber;

                [Task(Retries = 0, RetryDelay = "1.00:00:00")]
                public void Store(long @event) => _store?.Save(@event.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        """;
}
