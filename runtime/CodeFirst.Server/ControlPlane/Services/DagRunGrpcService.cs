using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Mapping;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary><c>codefirst.v1.DagRunService</c>: trigger, read and list runs (watching is <see cref="DagRunWatcher"/>, backfills <see cref="BackfillGrpcService"/>).</summary>
internal sealed class DagRunGrpcService(CodeFirstEngine engine, IDagRunQueries queries, AuditTrail audit)
{
    public async Task<TriggerDagRunResponse> TriggerDagRun(TriggerDagRunRequest request, ServerCallContext context)
    {
        var dag = engine.Dags.Get(RequestArgs.Required(request.DagId, "dag_id"));
        var conf = RequestArgs.Conf(request.ConfJson, request.ConfInputCase == TriggerDagRunRequest.ConfInputOneofCase.Conf ? request.Conf : null);
        var logicalDate = ProtoTime.FromProto(request.LogicalDate, "logical_date");
        await engine.Store.SyncDagsAsync([(dag.DagId, dag.Definition.IsPausedUponCreation)], context.CancellationToken);
        var run = await engine.Runs.TriggerAsync(dag, conf, logicalDate, string.IsNullOrWhiteSpace(request.RunId) ? null : request.RunId, context.CancellationToken);
        await audit.RecordAsync(context, $"dag_id={run.DagId} run_id={run.RunId} conf={conf}" + (request.Note.Length > 0 ? $" note={request.Note}" : ""));
        engine.WakeScheduler();

        var paused = (await engine.Store.GetDagAsync(dag.DagId, context.CancellationToken))?.IsPaused == true;
        return new TriggerDagRunResponse
        {
            DagRun = DagRunMapper.ToProto(run),
            DagPaused = paused,
            Warning = paused ? $"DAG '{dag.DagId}' is paused; the run stays queued until it is unpaused." : "",
        };
    }

    public async Task<DagRun> GetDagRun(GetDagRunRequest request, ServerCallContext context) =>
        DagRunMapper.ToProto(await FindRunAsync(engine, request.DagId, request.RunId, context.CancellationToken));

    public async Task<ListDagRunsResponse> ListDagRuns(ListDagRunsRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize);
        var offset = PageToken.Offset(request.PageToken);
        var dagId = request.DagId is "" or "~" ? null : engine.Dags.Get(request.DagId).DagId;
        var from = ProtoTime.FromProto(request.LogicalDateGte, "logical_date_gte");
        var to = ProtoTime.FromProto(request.LogicalDateLte, "logical_date_lte");
        if (from > to) throw new ArgumentException("logical_date_gte is after logical_date_lte.", "logical_date_gte");
        var page = await queries.QueryRunsAsync(new DagRunQuery
        {
            DagId = dagId,
            States = [.. request.States.Select(s => RequestArgs.RunState(s, "states"))],
            RunTypes = [.. request.RunTypes.Select(t => RequestArgs.RunType(t, "run_types"))],
            LogicalDateFrom = from,
            LogicalDateTo = to,
            Offset = offset,
            Limit = size,
        }, context.CancellationToken);
        var response = new ListDagRunsResponse { TotalSize = page.TotalCount, NextPageToken = PageToken.Next(offset, size, page.TotalCount) };
        response.DagRuns.AddRange(page.Runs.Select(DagRunMapper.ToProto));
        return response;
    }

    /// <summary>The run, or NOT_FOUND naming the DAG and run.</summary>
    public static async Task<DagRunRecord> FindRunAsync(CodeFirstEngine engine, string dagId, string runId, CancellationToken cancellationToken)
    {
        var dag = engine.Dags.Get(RequestArgs.Required(dagId, "dag_id"));
        return await engine.Store.GetRunAsync(dag.DagId, RequestArgs.Required(runId, "run_id"), cancellationToken)
            ?? throw new KeyNotFoundException($"DAG '{dag.DagId}' has no run '{runId}'.");
    }
}
