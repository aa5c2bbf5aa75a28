using CodeFirst.Runtime.State;
using static CodeFirst.Runtime.State.TriggerDecision;

namespace CodeFirst.Runtime.Tests.State;

public sealed class TriggerRuleEvaluatorTests
{
    // Upstream states as letters: s=success f=failed k=skipped u=upstream_failed r=running (not done).
    [Theory]
    [InlineData(TriggerRule.AllSuccess, "ss", Run)]
    [InlineData(TriggerRule.AllSuccess, "sr", Wait)]
    [InlineData(TriggerRule.AllSuccess, "fr", UpstreamFailed)]
    [InlineData(TriggerRule.AllSuccess, "ur", UpstreamFailed)]
    [InlineData(TriggerRule.AllSuccess, "kr", Skip)]
    [InlineData(TriggerRule.AllSuccess, "kf", UpstreamFailed)]
    [InlineData(TriggerRule.AllFailed, "ff", Run)]
    [InlineData(TriggerRule.AllFailed, "fu", Run)]
    [InlineData(TriggerRule.AllFailed, "fr", Wait)]
    [InlineData(TriggerRule.AllFailed, "fs", Skip)]
    [InlineData(TriggerRule.AllFailed, "kr", Skip)]
    [InlineData(TriggerRule.AllDone, "sf", Run)]
    [InlineData(TriggerRule.AllDone, "ku", Run)]
    [InlineData(TriggerRule.AllDone, "sr", Wait)]
    [InlineData(TriggerRule.AllDoneMinOneSuccess, "sf", Run)]
    [InlineData(TriggerRule.AllDoneMinOneSuccess, "sr", Wait)]
    [InlineData(TriggerRule.AllDoneMinOneSuccess, "ff", UpstreamFailed)]
    [InlineData(TriggerRule.AllDoneMinOneSuccess, "kk", Skip)]
    [InlineData(TriggerRule.AllDoneMinOneSuccess, "sk", Skip)]
    [InlineData(TriggerRule.AllDoneMinOneSuccess, "kr", Skip)]
    [InlineData(TriggerRule.AllSkipped, "kk", Run)]
    [InlineData(TriggerRule.AllSkipped, "kr", Wait)]
    [InlineData(TriggerRule.AllSkipped, "ks", Skip)]
    [InlineData(TriggerRule.AllSkipped, "kf", Skip)]
    [InlineData(TriggerRule.OneSuccess, "sr", Run)]
    [InlineData(TriggerRule.OneSuccess, "fr", Wait)]
    [InlineData(TriggerRule.OneSuccess, "ff", UpstreamFailed)]
    [InlineData(TriggerRule.OneSuccess, "kk", Skip)]
    [InlineData(TriggerRule.OneSuccess, "kf", UpstreamFailed)]
    [InlineData(TriggerRule.OneFailed, "fr", Run)]
    [InlineData(TriggerRule.OneFailed, "ur", Run)]
    [InlineData(TriggerRule.OneFailed, "sr", Wait)]
    [InlineData(TriggerRule.OneFailed, "sk", Skip)]
    [InlineData(TriggerRule.OneDone, "sr", Run)]
    [InlineData(TriggerRule.OneDone, "fr", Run)]
    [InlineData(TriggerRule.OneDone, "kr", Wait)]
    [InlineData(TriggerRule.OneDone, "ku", Skip)]
    [InlineData(TriggerRule.NoneFailed, "sk", Run)]
    [InlineData(TriggerRule.NoneFailed, "kk", Run)]
    [InlineData(TriggerRule.NoneFailed, "sr", Wait)]
    [InlineData(TriggerRule.NoneFailed, "fr", UpstreamFailed)]
    [InlineData(TriggerRule.NoneFailed, "ur", UpstreamFailed)]
    [InlineData(TriggerRule.NoneFailedMinOneSuccess, "sk", Run)]
    [InlineData(TriggerRule.NoneFailedMinOneSuccess, "kk", Skip)]
    [InlineData(TriggerRule.NoneFailedMinOneSuccess, "kr", Wait)]
    [InlineData(TriggerRule.NoneFailedMinOneSuccess, "sf", UpstreamFailed)]
    [InlineData(TriggerRule.NoneSkipped, "sf", Run)]
    [InlineData(TriggerRule.NoneSkipped, "sr", Wait)]
    [InlineData(TriggerRule.NoneSkipped, "kr", Skip)]
    [InlineData(TriggerRule.Always, "rr", Run)]
    [InlineData(TriggerRule.Always, "fk", Run)]
    public void Evaluate_UpstreamStates_MatchesAirflow(TriggerRule rule, string upstream, TriggerDecision expected) =>
        Assert.Equal(expected, TriggerRuleEvaluator.Evaluate(rule, UpstreamCounts.Of(upstream.Select(Parse))));

    [Fact]
    public void Evaluate_NoUpstream_RunsForEveryRule()
    {
        foreach (var rule in Enum.GetValues<TriggerRule>())
            Assert.Equal(Run, TriggerRuleEvaluator.Evaluate(rule, UpstreamCounts.Of([])));
    }

    // Over every combination of three upstream states: a rule never runs a task before the
    // upstream it depends on could have decided it, and every all-done combination is decided.
    [Fact]
    public void Evaluate_EveryCombination_DecidesOnceAllUpstreamAreDone()
    {
        const string letters = "sfkur";
        foreach (var rule in Enum.GetValues<TriggerRule>())
        {
            foreach (var a in letters)
            foreach (var b in letters)
            foreach (var c in letters)
            {
                var states = new[] { a, b, c }.Select(Parse).ToArray();
                var decision = TriggerRuleEvaluator.Evaluate(rule, UpstreamCounts.Of(states));
                var allDone = states.All(s => s.IsFinished());
                if (allDone)
                    Assert.True(decision != Wait, $"{rule} left [{a}{b}{c}] undecided");
                if (rule is TriggerRule.AllSuccess or TriggerRule.AllDone or TriggerRule.AllFailed or TriggerRule.AllSkipped or TriggerRule.NoneSkipped
                    && !allDone)
                    Assert.True(decision != Run, $"{rule} ran before all of [{a}{b}{c}] finished");
            }
        }
    }

    private static TaskInstanceState Parse(char letter) => letter switch
    {
        's' => TaskInstanceState.Success,
        'f' => TaskInstanceState.Failed,
        'k' => TaskInstanceState.Skipped,
        'u' => TaskInstanceState.UpstreamFailed,
        _ => TaskInstanceState.Running,
    };
}
