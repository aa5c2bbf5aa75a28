using CodeFirst.Runtime.State;
using static CodeFirst.Runtime.State.TriggerDecision;

namespace CodeFirst.Runtime.Tests.State;

/// <summary>
/// Every trigger rule against every combination of one to three upstream states, compared with a
/// reference written independently from Airflow's <c>ti_deps/deps/trigger_rule_dep.py</c>
/// (<c>_evaluate_direct_relatives</c> with <c>flag_upstream_failed</c>, as the scheduler runs it):
/// first the state it sets without running the task, else whether the dependency passes.
/// </summary>
public sealed class TriggerRuleOracleTests
{
    // s=success f=failed k=skipped u=upstream_failed x=removed r=running n=none (not yet decided).
    private const string Letters = "sfkuxrn";

    public static TheoryData<TriggerRule> Rules() => [.. Enum.GetValues<TriggerRule>()];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Evaluate_EveryUpstreamCombination_MatchesAirflowsTriggerRuleDep(TriggerRule rule)
    {
        var checkedCount = 0;
        foreach (var upstream in Combinations(3))
        {
            var counts = UpstreamCounts.Of(upstream.Select(Parse));
            Assert.True(Airflow(rule, counts) == TriggerRuleEvaluator.Evaluate(rule, counts),
                $"{rule} with upstream [{upstream}]: Airflow decides {Airflow(rule, counts)}, CodeFirst {TriggerRuleEvaluator.Evaluate(rule, counts)}");
            checkedCount++;
        }
        Assert.Equal(7 + 49 + 343, checkedCount);
    }

    private static IEnumerable<string> Combinations(int maxLength)
    {
        IEnumerable<string> level = [""];
        for (var length = 1; length <= maxLength; length++)
        {
            level = level.SelectMany(prefix => Letters.Select(letter => prefix + letter)).ToList();
            foreach (var combination in level) yield return combination;
        }
    }

    private static TriggerDecision Airflow(TriggerRule rule, UpstreamCounts c)
    {
        var (success, skipped, failed, upstreamFailed, removed, upstream) = (c.Success, c.Skipped, c.Failed, c.UpstreamFailed, c.Removed, c.Upstream);
        var done = success + skipped + failed + upstreamFailed + removed;
        var upstreamDone = done >= upstream;
        TriggerDecision? newState = rule switch
        {
            TriggerRule.AllSuccess when upstreamFailed > 0 || failed > 0 => UpstreamFailed,
            TriggerRule.AllSuccess when skipped > 0 => Skip,
            TriggerRule.AllFailed when success > 0 || skipped > 0 => Skip,
            TriggerRule.OneSuccess when upstreamDone && done == skipped => Skip,
            TriggerRule.OneSuccess when upstreamDone && success <= 0 => UpstreamFailed,
            TriggerRule.OneFailed when upstreamDone && failed == 0 && upstreamFailed == 0 => Skip,
            TriggerRule.OneDone when upstreamDone && failed == 0 && success == 0 => Skip,
            TriggerRule.NoneFailed when upstreamFailed > 0 || failed > 0 => UpstreamFailed,
            TriggerRule.NoneFailedMinOneSuccess when upstreamFailed > 0 || failed > 0 => UpstreamFailed,
            TriggerRule.NoneFailedMinOneSuccess when skipped == upstream => Skip,
            TriggerRule.NoneSkipped when skipped > 0 => Skip,
            TriggerRule.AllSkipped when success > 0 || failed > 0 || upstreamFailed > 0 => Skip,
            TriggerRule.AllDoneMinOneSuccess when skipped > 0 => Skip,
            TriggerRule.AllDoneMinOneSuccess when success + failed + upstreamFailed + removed >= upstream - skipped && success == 0 => UpstreamFailed,
            _ => null,
        };
        if (newState is { } set) return set;
        var passes = rule switch
        {
            TriggerRule.OneSuccess => success > 0,
            TriggerRule.OneFailed => failed > 0 || upstreamFailed > 0,
            TriggerRule.OneDone => success + failed > 0,
            TriggerRule.AllSuccess => upstream - success <= 0,
            TriggerRule.AllFailed => upstream - failed - upstreamFailed <= 0,
            TriggerRule.AllDone => upstreamDone,
            TriggerRule.NoneFailed or TriggerRule.NoneFailedMinOneSuccess => upstream - success - skipped <= 0,
            TriggerRule.NoneSkipped => upstreamDone && skipped == 0,
            TriggerRule.AllSkipped => upstream - skipped <= 0,
            TriggerRule.AllDoneMinOneSuccess => skipped == 0 && success + failed + upstreamFailed + removed >= upstream - skipped && success > 0,
            TriggerRule.Always => true,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "no reference for this rule"),
        };
        return passes ? Run : Wait;
    }

    private static TaskInstanceState Parse(char letter) => letter switch
    {
        's' => TaskInstanceState.Success,
        'f' => TaskInstanceState.Failed,
        'k' => TaskInstanceState.Skipped,
        'u' => TaskInstanceState.UpstreamFailed,
        'x' => TaskInstanceState.Removed,
        'r' => TaskInstanceState.Running,
        _ => TaskInstanceState.None,
    };
}
