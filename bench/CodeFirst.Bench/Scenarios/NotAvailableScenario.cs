using CodeFirst.Bench.Support;

namespace CodeFirst.Bench.Scenarios;

/// <summary>Scenarios whose runtime features have not landed yet: they say so and succeed.</summary>
internal static class NotAvailableScenario
{
    public static ResultLine Event() => new ResultLine("event", null)
        .Add("status", "not_available")
        .Add("reason", "Asset events over the gRPC control plane and asset-triggered runs are not built yet; target when they land: event → task start p99 <= 50 ms.");
}
