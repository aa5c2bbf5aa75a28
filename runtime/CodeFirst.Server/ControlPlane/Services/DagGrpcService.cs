using System.Text.RegularExpressions;
using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Engine;
using CodeFirst.Server.ControlPlane.Mapping;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary><c>codefirst.v1.DagService</c>: the DAGs of this application with their stored pause state.</summary>
internal sealed class DagGrpcService(CodeFirstEngine engine, AuditTrail audit)
{
    public async Task<ListDagsResponse> ListDags(ListDagsRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize);
        var offset = PageToken.Offset(request.PageToken);
        var pattern = LikePattern(request.DagIdPattern);
        var records = (await engine.Store.ListDagsAsync(context.CancellationToken)).ToDictionary(d => d.DagId, StringComparer.Ordinal);
        var now = engine.Time.GetUtcNow();
        var matching = engine.Dags.Dags
            .Where(d => pattern is null || pattern.IsMatch(d.DagId))
            .Where(d => request.Tags.Count == 0 || d.Definition.Tags.Any(request.Tags.Contains))
            .Select(d => DagMapper.ToProto(d, records.GetValueOrDefault(d.DagId), now))
            .Where(d => !request.HasPaused || d.IsPaused == request.Paused)
            .OrderBy(d => d.DagId, StringComparer.Ordinal)
            .ToList();
        var response = new ListDagsResponse { TotalSize = matching.Count, NextPageToken = PageToken.Next(offset, size, matching.Count) };
        response.Dags.AddRange(matching.Skip(offset).Take(size));
        return response;
    }

    public async Task<GetDagResponse> GetDag(GetDagRequest request, ServerCallContext context)
    {
        var dag = engine.Dags.Get(RequestArgs.Required(request.DagId, "dag_id"));
        var record = await engine.Store.GetDagAsync(dag.DagId, context.CancellationToken);
        var response = new GetDagResponse { Dag = DagMapper.ToProto(dag, record, engine.Time.GetUtcNow()) };
        response.Tasks.AddRange(dag.Definition.Tasks.Select(t => DagMapper.ToProto(dag.Definition, t)));
        response.Edges.AddRange(DagMapper.Edges(dag.Definition));
        response.Params.AddRange(DagMapper.Params(dag.Definition));
        return response;
    }

    public async Task<ListNextDagRunsResponse> ListNextDagRuns(ListNextDagRunsRequest request, ServerCallContext context)
    {
        var dag = engine.Dags.Get(RequestArgs.Required(request.DagId, "dag_id"));
        var count = request.Count switch
        {
            0 => 1,
            < 0 or > PageToken.MaxPageSize => throw new ArgumentException($"count must be between 1 and {PageToken.MaxPageSize}, but it is {request.Count}.", "count"),
            var n => n,
        };
        var response = new ListNextDagRunsResponse { Timezone = dag.Definition.Timezone };
        response.NextRuns.AddRange((await engine.NextExecutions.ListAsync(dag.DagId, count, context.CancellationToken)).Select(next => new NextDagRun
        {
            LogicalDate = ProtoTime.ToProto(next.LogicalDate),
            DataIntervalStart = ProtoTime.ToProto(next.DataIntervalStart),
            DataIntervalEnd = ProtoTime.ToProto(next.DataIntervalEnd),
            RunAfter = ProtoTime.ToProto(next.RunAfter),
        }));
        return response;
    }

    public async Task<SetDagPausedResponse> SetDagPaused(SetDagPausedRequest request, ServerCallContext context)
    {
        var dag = engine.Dags.Get(RequestArgs.Required(request.DagId, "dag_id"));
        await engine.Store.SyncDagsAsync([(dag.DagId, dag.Definition.IsPausedUponCreation)], context.CancellationToken);
        await engine.Store.SetPausedAsync(dag.DagId, request.Paused, context.CancellationToken);
        await audit.RecordAsync(context, $"dag_id={dag.DagId} paused={(request.Paused ? "true" : "false")}");
        if (!request.Paused) engine.WakeScheduler();
        var record = await engine.Store.GetDagAsync(dag.DagId, context.CancellationToken);
        return new SetDagPausedResponse { Dag = DagMapper.ToProto(dag, record, engine.Time.GetUtcNow()) };
    }

    /// <summary>Airflow's dag_id_pattern: a case-insensitive substring where % and _ are LIKE wildcards.</summary>
    private static Regex? LikePattern(string pattern)
    {
        if (string.IsNullOrEmpty(pattern)) return null;
        var body = string.Concat(pattern.Select(c => c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) }));
        return new Regex(body, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
