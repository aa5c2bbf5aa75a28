using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Backfills;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Mapping;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary>The backfill methods of <c>codefirst.v1.DagRunService</c>, over the runtime's scheduler-managed backfills.</summary>
internal sealed class BackfillGrpcService(CodeFirstEngine engine, AuditTrail audit)
{
    /// <summary>Airflow's default max_active_runs for a backfill.</summary>
    private const int DefaultMaxActiveRuns = 10;

    private Backfills Backfills => engine.Backfills
        ?? throw new InvalidOperationException("This server's store cannot hold backfills.");

    public async Task<CreateBackfillResponse> CreateBackfill(CreateBackfillRequest request, ServerCallContext context)
    {
        var dag = engine.Dags.Get(RequestArgs.Required(request.DagId, "dag_id"));
        var from = ProtoTime.FromProto(request.FromDate, "from_date") ?? throw new ArgumentException("from_date is required.", "from_date");
        var to = ProtoTime.FromProto(request.ToDate, "to_date") ?? throw new ArgumentException("to_date is required.", "to_date");
        if (from > to) throw new ArgumentException($"from_date ({from:O}) is after to_date ({to:O}).", "from_date");
        var reprocess = Reprocess(request.ReprocessBehavior);
        var maxActiveRuns = request.MaxActiveRuns switch
        {
            0 => DefaultMaxActiveRuns,
            < 0 => throw new ArgumentException($"max_active_runs must be positive, but it is {request.MaxActiveRuns}.", "max_active_runs"),
            var n => n,
        };
        var conf = RequestArgs.Conf(request.ConfJson, request.ConfInputCase == CreateBackfillRequest.ConfInputOneofCase.Conf ? request.Conf : null);

        var plan = await Backfills.CreateAsync(dag.DagId, from, to, reprocess, maxActiveRuns, request.RunBackwards, conf, request.DryRun, context.CancellationToken);
        var response = new CreateBackfillResponse { DryRun = request.DryRun };
        response.Dates.AddRange(plan.Dates.Select(BackfillMapper.ToProto));
        if (plan.Backfill is { } backfill)
        {
            await audit.RecordAsync(context, $"dag_id={dag.DagId} backfill_id={backfill.Id} from={from:O} to={to:O} reprocess={BackfillNames.Name(reprocess)} conf={conf}");
            response.Backfill = await ToProtoAsync(backfill, context.CancellationToken);
        }
        return response;
    }

    public async Task<ListBackfillsResponse> ListBackfills(ListBackfillsRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize);
        var offset = PageToken.Offset(request.PageToken);
        var dagId = request.DagId is "" ? null : engine.Dags.Get(request.DagId).DagId;
        var all = await Backfills.ListAsync(dagId, request.RunningOnly, context.CancellationToken);
        var response = new ListBackfillsResponse { TotalSize = all.Count, NextPageToken = PageToken.Next(offset, size, all.Count) };
        foreach (var backfill in all.Skip(offset).Take(size)) response.Backfills.Add(await ToProtoAsync(backfill, context.CancellationToken));
        return response;
    }

    public async Task<GetBackfillResponse> GetBackfill(GetBackfillRequest request, ServerCallContext context)
    {
        var backfill = await FindAsync(request.BackfillId, context.CancellationToken);
        var dates = await Backfills.ListProgressAsync(backfill, context.CancellationToken);
        var response = new GetBackfillResponse { Backfill = BackfillMapper.ToProto(backfill, dates) };
        response.Dates.AddRange(dates.Select(BackfillMapper.ToProto));
        return response;
    }

    public async Task<CancelBackfillResponse> CancelBackfill(CancelBackfillRequest request, ServerCallContext context)
    {
        var backfill = await FindAsync(request.BackfillId, context.CancellationToken);
        if (!await Backfills.CancelAsync(backfill.Id, context.CancellationToken))
        {
            var now = await FindAsync(backfill.Id, context.CancellationToken);
            throw new InvalidOperationException($"Backfill {now.Id} is {BackfillNames.Name(now.State)}, not running; there is nothing to cancel.");
        }
        await audit.RecordAsync(context, $"dag_id={backfill.DagId} backfill_id={backfill.Id}");
        return new CancelBackfillResponse { Backfill = await ToProtoAsync(await FindAsync(backfill.Id, context.CancellationToken), context.CancellationToken) };
    }

    private async Task<Backfill> ToProtoAsync(BackfillRecord backfill, CancellationToken cancellationToken) =>
        BackfillMapper.ToProto(backfill, await Backfills.ListProgressAsync(backfill, cancellationToken));

    private async Task<BackfillRecord> FindAsync(long id, CancellationToken cancellationToken)
    {
        if (id <= 0) throw new ArgumentException($"backfill_id must be a positive backfill id, but it is {id}.", "backfill_id");
        return await Backfills.GetAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"Backfill {id} does not exist.");
    }

    private static ReprocessBehavior Reprocess(string name) => name switch
    {
        "" or "none" => ReprocessBehavior.None,
        "failed" => ReprocessBehavior.Failed,
        "completed" => ReprocessBehavior.Completed,
        _ => throw new ArgumentException($"reprocess_behavior: '{name}' is not none, failed or completed.", "reprocess_behavior"),
    };
}
