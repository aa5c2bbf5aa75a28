using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Assets;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Mapping;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary>
/// <c>codefirst.v1.AssetService</c>: the assets DAGs produce (task outlets) and consume (asset
/// schedules), and their events; an external system posts an event with <c>CreateAssetEvent</c>.
/// </summary>
internal sealed class AssetGrpcService(CodeFirstEngine engine, AuditTrail audit)
{
    private AssetEvents Events => engine.Assets ?? throw new InvalidOperationException("This database does not record asset events.");

    public async Task<ListAssetsResponse> ListAssets(ListAssetsRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize);
        var offset = PageToken.Offset(request.PageToken);
        var assets = new SortedDictionary<string, Asset>(StringComparer.Ordinal);
        Asset For(string uri) => assets.TryGetValue(uri, out var asset) ? asset : assets[uri] = new Asset { Uri = uri, Name = uri };
        foreach (var dag in engine.Dags.Dags)
        {
            if (AssetCondition.IsAssetSchedule(dag.Definition.Schedule))
                foreach (var uri in AssetCondition.Parse(dag.Definition.Schedule!).Uris) For(uri).ConsumingDagIds.Add(dag.DagId);
            foreach (var task in dag.Definition.Tasks)
                foreach (var uri in task.Outlets) For(uri).ProducingTasks.Add($"{dag.DagId}.{task.TaskId}");
        }
        foreach (var recorded in await Events.ListAsync(null, 1000, context.CancellationToken)) For(recorded.Uri);
        var matching = assets.Values.Where(a => string.IsNullOrEmpty(request.UriPattern) || a.Uri.Contains(request.UriPattern, StringComparison.Ordinal)).ToList();
        var response = new ListAssetsResponse { NextPageToken = PageToken.Next(offset, size, matching.Count) };
        response.Assets.AddRange(matching.Skip(offset).Take(size));
        return response;
    }

    public async Task<Proto.V1.AssetEvent> CreateAssetEvent(CreateAssetEventRequest request, ServerCallContext context)
    {
        var payload = request.Extra is null ? null : JsonFormatter.Default.Format(request.Extra);
        AssetEventRecord recorded;
        try
        {
            recorded = await Events.EmitAsync(request.AssetUri, payload, context.CancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"asset_uri: {e.Message.Replace(" (Parameter 'uri')", "", StringComparison.Ordinal)}", "asset_uri", e);
        }
        await audit.RecordAsync(context, $"asset_uri={request.AssetUri}");
        return ToProto(recorded);
    }

    public async Task<ListAssetEventsResponse> ListAssetEvents(ListAssetEventsRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize);
        var offset = PageToken.Offset(request.PageToken);
        var events = await Events.ListAsync(string.IsNullOrEmpty(request.AssetUri) ? null : request.AssetUri, offset + size + 1, context.CancellationToken);
        var response = new ListAssetEventsResponse { NextPageToken = PageToken.Next(offset, size, events.Count) };
        response.AssetEvents.AddRange(events.Skip(offset).Take(size).Select(ToProto));
        return response;
    }

    private static Proto.V1.AssetEvent ToProto(AssetEventRecord e) => new()
    {
        Id = e.Id,
        AssetUri = e.Uri,
        Extra = JsonParser.Default.Parse<Struct>(e.PayloadJson),
        SourceDagId = e.SourceDagId ?? "",
        SourceRunId = e.SourceRunId ?? "",
        SourceTaskId = e.SourceTaskId ?? "",
        Timestamp = Timestamp.FromDateTimeOffset(e.CreatedAt),
    };
}
