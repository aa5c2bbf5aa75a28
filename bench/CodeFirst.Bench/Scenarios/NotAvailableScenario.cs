using CodeFirst.Bench.Support;

namespace CodeFirst.Bench.Scenarios;

/// <summary>Scenarios whose runtime features have not landed yet: they say so and succeed.</summary>
internal static class NotAvailableScenario
{
    public static ResultLine Deferred() => new ResultLine("deferred", null)
        .Add("status", "not_available")
        .Add("reason", "The triggerer (deferrable sensors/triggers as async coroutines) is not built yet; target when it lands: 10,000 deferred triggers in < 300 MB.");
}
