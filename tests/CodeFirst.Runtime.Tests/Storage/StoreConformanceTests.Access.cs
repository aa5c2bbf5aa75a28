using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>The control plane's tables: API tokens, the audit log, and paged run queries.</summary>
public abstract partial class StoreConformanceTests
{
    private IAccessStore Access => (IAccessStore)Store;
    private IDagRunQueries Queries => (IDagRunQueries)Store;

    [Fact]
    public async Task Tokens_CreateFindRevoke_FollowTheActiveName()
    {
        Assert.False(await Access.HasAnyTokensAsync(default));
        Assert.True(await Access.CreateTokenAsync(new ApiTokenRecord("ci", "operator", "hash-1", Now), default));
        Assert.False(await Access.CreateTokenAsync(new ApiTokenRecord("ci", "admin", "hash-2", Now), default));

        Assert.Equal("operator", (await Access.FindActiveTokenAsync("hash-1", default))?.Role);
        Assert.True(await Access.RevokeTokenAsync("ci", Now.AddMinutes(1), default));
        Assert.Null(await Access.FindActiveTokenAsync("hash-1", default));
        Assert.True(await Access.HasAnyTokensAsync(default));

        // The name is free again once revoked.
        Assert.True(await Access.CreateTokenAsync(new ApiTokenRecord("ci", "viewer", "hash-3", Now.AddMinutes(2)), default));
        var tokens = await Access.ListTokensAsync(default);
        Assert.Equal([("hash-1", Now.AddMinutes(1)), ("hash-3", (DateTimeOffset?)null)], tokens.Select(t => (t.TokenHash, t.RevokedAt)));
    }

    [Fact]
    public async Task Audit_AppendAndList_NewestFirst()
    {
        await Access.AppendAuditAsync(new AuditEntry(Now, "ci", "TriggerDagRun", "dag_id=a", "127.0.0.1"), default);
        await Access.AppendAuditAsync(new AuditEntry(Now.AddSeconds(1), "anonymous", "ClearTaskInstances", "dag_id=b", "127.0.0.1"), default);

        var entries = await Access.ListAuditAsync(10, default);

        Assert.Equal(["ClearTaskInstances", "TriggerDagRun"], entries.Select(e => e.Method));
        Assert.Equal(Now, entries[1].At);
    }

    [Fact]
    public async Task QueryRunsAsync_FiltersAndPages_WithTotal()
    {
        for (var day = 0; day < 5; day++)
            await CreateRunAsync($"r{day}", taskCount: 1, DagRunType.Scheduled, Now.AddDays(day));

        var page = await Queries.QueryRunsAsync(new DagRunQuery
        {
            DagId = "dag", States = [DagRunState.Queued], LogicalDateFrom = Now.AddDays(1), LogicalDateTo = Now.AddDays(3), Offset = 1, Limit = 1,
        }, default);

        Assert.Equal(3, page.TotalCount);
        Assert.Equal("r2", Assert.Single(page.Runs).RunId);
        Assert.Equal(0, (await Queries.QueryRunsAsync(new DagRunQuery { States = [DagRunState.Success] }, default)).TotalCount);
    }
}
