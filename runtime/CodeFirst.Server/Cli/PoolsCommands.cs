using System.CommandLine;
using System.Globalization;
using CodeFirst.Proto.V1;

namespace CodeFirst.Server.Cli;

/// <summary><c>pools list|set|delete</c> over gRPC.</summary>
internal static class PoolsCommands
{
    public static Command Create(CliContext context)
    {
        var pools = new Command("pools", "Manage pools");
        var list = context.ClientCommand("list", "List pools");
        list.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var response = await client.UnaryAsync("codefirst.v1.PoolService/ListPools", new ListPoolsRequest(), ListPoolsResponse.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, response);
            else Table.Write(context.Output, ["pool", "slots", "running", "queued", "open", "description"],
                response.Pools.Select(p => (IReadOnlyList<string>)[p.Name, Number(p.Slots), Number(p.RunningSlots), Number(p.QueuedSlots), Number(p.OpenSlots), p.Description]));
            return ExitCodes.Success;
        }));
        pools.Subcommands.Add(list);

        var name = new Argument<string>("name");
        var slots = new Argument<int>("slots");
        var description = new Option<string?>("--description");
        var includeDeferred = new Option<bool>("--include-deferred") { Description = "Deferred task instances occupy slots of this pool too (Airflow's include_deferred)" };
        var set = context.ClientCommand("set", "Create or update a pool", name, slots, description, includeDeferred);
        set.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            var pool = await client.UnaryAsync("codefirst.v1.PoolService/SetPool",
                new SetPoolRequest { Name = parse.GetValue(name)!, Slots = parse.GetValue(slots), Description = parse.GetValue(description) ?? "", IncludeDeferred = parse.GetValue(includeDeferred) }, Pool.Parser, cancellationToken);
            if (context.Json(parse)) await CliOutput.WriteJsonAsync(context.Output, pool);
            else await context.Output.WriteLineAsync($"Pool '{pool.Name}' has {pool.Slots} slot(s).");
            return ExitCodes.Success;
        }));
        pools.Subcommands.Add(set);

        var deleteName = new Argument<string>("name");
        var delete = context.ClientCommand("delete", "Delete a pool", deleteName);
        delete.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            using var client = context.Client(parse);
            await client.UnaryAsync("codefirst.v1.PoolService/DeletePool", new DeletePoolRequest { Name = parse.GetValue(deleteName)! }, DeletePoolResponse.Parser, cancellationToken);
            await context.Output.WriteLineAsync($"Pool '{parse.GetValue(deleteName)}' deleted.");
            return ExitCodes.Success;
        }));
        pools.Subcommands.Add(delete);
        return pools;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
