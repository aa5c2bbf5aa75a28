using System.CommandLine;
using CodeFirst.Proto.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.Cli;

/// <summary><c>assets list|emit</c> over gRPC (the server answers UNIMPLEMENTED until assets exist).</summary>
internal static class AssetsCommands
{
    public static Command Create(CliContext context)
    {
        var assets = new Command("assets", "List assets and emit asset events");
        var list = context.ClientCommand("list", "List assets");
        list.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.AssetService/ListAssets", new ListAssetsRequest(), ListAssetsResponse.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, response);
            else Table.Write(context.Output, ["uri", "consuming_dags", "producing_tasks"],
                response.Assets.Select(a => (IReadOnlyList<string>)[a.Uri, string.Join(",", a.ConsumingDagIds), string.Join(",", a.ProducingTasks)]));
            return ExitCodes.Success;
        }));
        assets.Subcommands.Add(list);

        var uri = new Argument<string>("uri");
        var extra = new Option<string?>("--extra") { Description = "JSON object attached to the event" };
        var emit = context.ClientCommand("emit", "Record an event on an asset", uri, extra);
        emit.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var request = new CreateAssetEventRequest { AssetUri = parse.GetValue(uri)! };
            if (parse.GetValue(extra) is { Length: > 0 } json)
            {
                try
                {
                    request.Extra = JsonParser.Default.Parse<Struct>(json);
                }
                catch (InvalidProtocolBufferException e)
                {
                    throw new CliException($"--extra is not a JSON object: {e.Message}");
                }
            }
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.AssetService/CreateAssetEvent", request, Proto.V1.AssetEvent.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, response);
            else await context.Output.WriteLineAsync($"Created event {response.Id} on {response.AssetUri}.");
            return ExitCodes.Success;
        }));
        assets.Subcommands.Add(emit);
        return assets;
    }
}
