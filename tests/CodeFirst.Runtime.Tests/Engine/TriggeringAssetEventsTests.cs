using CodeFirst.Definitions;
using CodeFirst.Runtime.Assets;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

/// <summary>
/// Every try asks for its run's triggering asset events; only asset-scheduled DAGs may pay a query
/// for that, since every other run has none.
/// </summary>
public sealed class TriggeringAssetEventsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("@daily")]
    [InlineData("0 6 * * *")]
    public async Task TriggeringAsync_DagNotAssetScheduled_NoStoreQuery(string? schedule)
    {
        var records = new CountingRecords();
        var dag = new DagBag([new DagDefinition { DagId = "plain", Schedule = schedule, Tasks = [Task("t", _ => null)] }]).Get("plain");

        var events = await AssetOutlets.TriggeringAsync(dag, records, runPk: 1, default);

        Assert.Empty(events);
        Assert.Equal(0, records.Queries);
    }

    [Fact]
    public async Task TriggeringAsync_AssetScheduledDag_ReadsTheRunsEvents()
    {
        var records = new CountingRecords();
        var dag = new DagBag([new DagDefinition { DagId = "consumer", Schedule = "asset:s3://lake/a", Tasks = [Task("t", _ => null)] }]).Get("consumer");

        var events = await AssetOutlets.TriggeringAsync(dag, records, runPk: 1, default);

        Assert.Equal("s3://lake/a", Assert.Single(events).Uri);
        Assert.Equal(1, records.Queries);
    }

    private sealed class CountingRecords : ITaskRecords, IAssetStore
    {
        public int Queries { get; private set; }

        public Task<IReadOnlyList<AssetEventRecord>> ListRunAssetEventsAsync(long runPk, CancellationToken cancellationToken)
        {
            Queries++;
            return System.Threading.Tasks.Task.FromResult<IReadOnlyList<AssetEventRecord>>([new AssetEventRecord(1, "s3://lake/a", "{}", null, null, null, DateTimeOffset.UnixEpoch)]);
        }

        public Task<IReadOnlyList<TaskInstanceRecord>> ListTaskInstancesAsync(long runPk, CancellationToken cancellationToken) => throw Unexpected();
        public Task<IReadOnlyDictionary<string, string>> GetReturnValuesAsync(long runPk, IReadOnlyList<string> taskIds, CancellationToken cancellationToken) => throw Unexpected();
        public Task<string?> GetXComAsync(long runPk, string taskId, string key, CancellationToken cancellationToken) => throw Unexpected();
        public Task<string?> GetXComAsync(long runPk, string taskId, int mapIndex, string key, CancellationToken cancellationToken) => throw Unexpected();
        public Task<IReadOnlyList<(string Key, string Value)>> ListXComAsync(long runPk, string taskId, int mapIndex, CancellationToken cancellationToken) => throw Unexpected();
        public Task<IReadOnlyList<LogLine>> GetLogAsync(long runPk, string taskId, int mapIndex, int tryNumber, CancellationToken cancellationToken) => throw Unexpected();
        public Task<IReadOnlyList<TaskTryRecord>> ListTriesAsync(long runPk, string taskId, int mapIndex, CancellationToken cancellationToken) => throw Unexpected();
        public System.Threading.Tasks.Task SyncAssetReferencesAsync(IReadOnlyList<(string DagId, IReadOnlyList<string> Uris)> dags, CancellationToken cancellationToken) => throw Unexpected();
        public Task<AssetEventRecord> RecordAssetEventAsync(NewAssetEvent assetEvent, DateTimeOffset now, CancellationToken cancellationToken) => throw Unexpected();
        public Task<IReadOnlyList<AssetEventRecord>> ListQueuedAssetEventsAsync(string dagId, CancellationToken cancellationToken) => throw Unexpected();
        public Task<DagRunRecord?> CreateAssetTriggeredRunAsync(NewDagRun run, IReadOnlyList<long> eventIds, DateTimeOffset now, CancellationToken cancellationToken) => throw Unexpected();
        public Task<IReadOnlyList<AssetEventRecord>> ListAssetEventsAsync(string? uri, int limit, CancellationToken cancellationToken) => throw Unexpected();

        private static InvalidOperationException Unexpected() => new("TriggeringAsync must only list the run's asset events.");
    }
}
