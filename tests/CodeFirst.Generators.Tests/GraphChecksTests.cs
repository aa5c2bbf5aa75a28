namespace CodeFirst.Generators.Tests;

public sealed class GraphChecksTests
{
    private static List<int[]> Cycles(params int[][] upstream) =>
        GraphChecks.FindCycles(upstream.Select(u => (IReadOnlyList<int>)u).ToList());

    [Fact]
    public void FindCycles_Diamond_ReturnsNone()
    {
        Assert.Empty(Cycles([], [0], [0], [1, 2]));
    }

    [Fact]
    public void FindCycles_SelfLoop_ReturnsSingleNodePath()
    {
        Assert.Equal([1, 1], Assert.Single(Cycles([], [1])));
    }

    [Fact]
    public void FindCycles_TwoSeparateLoops_ReturnsOneEachFromEarliestTask()
    {
        // 0 -> 1 -> 0 and 2 -> 4 -> 3 -> 2 (task 2 runs after 3, 3 after 4, 4 after 2).
        var cycles = Cycles([1], [0], [3], [4], [2]);

        Assert.Equal(2, cycles.Count);
        Assert.Equal([0, 1, 0], cycles[0]);
        Assert.Equal([2, 4, 3, 2], cycles[1]);
    }

    [Fact]
    public void FindCycles_LoopWithTail_ReturnsOnlyTheLoop()
    {
        // 0 feeds the loop 1 -> 2 -> 1; 3 hangs off it.
        var cycle = Assert.Single(Cycles([], [0, 2], [1], [2]));

        Assert.Equal([1, 2, 1], cycle);
    }
}
