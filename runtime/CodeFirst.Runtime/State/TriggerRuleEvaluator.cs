namespace CodeFirst.Runtime.State;

/// <summary>
/// Airflow's trigger-rule truth table (ti_deps/deps/trigger_rule_dep.py, evaluated as the
/// scheduler does, i.e. with upstream-failed/skip propagation). A task without upstream always runs.
/// </summary>
public static class TriggerRuleEvaluator
{
    public static TriggerDecision Evaluate(TriggerRule rule, UpstreamCounts c)
    {
        if (c.Upstream == 0) return TriggerDecision.Run;
        return Propagated(rule, c) ?? (Passes(rule, c) ? TriggerDecision.Run : TriggerDecision.Wait);
    }

    // The states Airflow sets without running the task ("flag_upstream_failed").
    private static TriggerDecision? Propagated(TriggerRule rule, UpstreamCounts c)
    {
        var anyFailed = c.Failed > 0 || c.UpstreamFailed > 0;
        return rule switch
        {
            TriggerRule.AllSuccess when anyFailed => TriggerDecision.UpstreamFailed,
            TriggerRule.AllSuccess when c.Skipped > 0 => TriggerDecision.Skip,
            TriggerRule.AllFailed when c.Success > 0 || c.Skipped > 0 => TriggerDecision.Skip,
            TriggerRule.OneSuccess when c.AllDone && c.Done == c.Skipped => TriggerDecision.Skip,
            TriggerRule.OneSuccess when c.AllDone && c.Success == 0 => TriggerDecision.UpstreamFailed,
            TriggerRule.OneFailed when c.AllDone && !anyFailed => TriggerDecision.Skip,
            TriggerRule.OneDone when c.AllDone && c.Failed == 0 && c.Success == 0 => TriggerDecision.Skip,
            TriggerRule.NoneFailed when anyFailed => TriggerDecision.UpstreamFailed,
            TriggerRule.NoneFailedMinOneSuccess when anyFailed => TriggerDecision.UpstreamFailed,
            TriggerRule.NoneFailedMinOneSuccess when c.Skipped == c.Upstream => TriggerDecision.Skip,
            TriggerRule.NoneSkipped when c.Skipped > 0 => TriggerDecision.Skip,
            TriggerRule.AllSkipped when c.Success > 0 || anyFailed => TriggerDecision.Skip,
            // As trigger_rule_dep.py does: any skipped upstream skips it at once; all done without a success is upstream_failed.
            TriggerRule.AllDoneMinOneSuccess when c.Skipped > 0 => TriggerDecision.Skip,
            TriggerRule.AllDoneMinOneSuccess when c.AllDone && c.Success == 0 => TriggerDecision.UpstreamFailed,
            _ => null,
        };
    }

    private static bool Passes(TriggerRule rule, UpstreamCounts c) => rule switch
    {
        TriggerRule.AllSuccess => c.Success >= c.Upstream,
        TriggerRule.AllFailed => c.Failed + c.UpstreamFailed >= c.Upstream,
        TriggerRule.AllDone => c.AllDone,
        TriggerRule.AllDoneMinOneSuccess => c.AllDone && c.Success > 0,
        TriggerRule.AllSkipped => c.Skipped >= c.Upstream,
        TriggerRule.OneSuccess => c.Success > 0,
        TriggerRule.OneFailed => c.Failed > 0 || c.UpstreamFailed > 0,
        TriggerRule.OneDone => c.Success + c.Failed > 0,
        TriggerRule.NoneFailed or TriggerRule.NoneFailedMinOneSuccess => c.Upstream - c.Success - c.Skipped <= 0,
        TriggerRule.NoneSkipped => c.AllDone && c.Skipped == 0,
        TriggerRule.Always => true,
        _ => false,
    };
}
