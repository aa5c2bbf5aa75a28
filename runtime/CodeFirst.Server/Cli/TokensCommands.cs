using System.CommandLine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Auth;
using CodeFirst.Server.Hosting;

namespace CodeFirst.Server.Cli;

/// <summary>
/// <c>tokens create|revoke|list</c>: straight on the database (<c>--db</c>), not over gRPC,
/// because the first token is what turns auth on.
/// </summary>
internal static class TokensCommands
{
    public static Command Create(CliContext context)
    {
        var tokens = new Command("tokens", "Manage the control plane's API tokens (on the database directly)");
        tokens.Subcommands.Add(CreateToken(context));
        tokens.Subcommands.Add(Revoke(context));
        tokens.Subcommands.Add(List(context));
        return tokens;
    }

    private static Command CreateToken(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "A name for the token (shown in the audit log)", Required = true };
        var role = new Option<string>("--role") { Description = "viewer (read), operator (trigger, clear, mark, pause) or admin", Required = true };
        role.AcceptOnlyFromAmong("viewer", "operator", "admin");
        var command = new Command("create", "Create a token and print its secret once; auth is enforced from then on") { name, role, context.Db };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var tokenName = parse.GetValue(name)!.Trim();
            if (tokenName.Length == 0) throw new CliException("--name must not be empty.");
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var secret = ApiTokens.NewSecret();
            var created = await Access(store).CreateTokenAsync(
                new ApiTokenRecord(tokenName, parse.GetValue(role)!, ApiTokens.Hash(secret), DateTimeOffset.UtcNow), cancellationToken);
            if (!created) throw new CliException($"A token named '{tokenName}' already exists; revoke it first or pick another name.");
            await context.Output.WriteLineAsync(secret);
            await context.Error.WriteLineAsync($"Created token '{tokenName}' with role {parse.GetValue(role)}. The secret above is shown only once; pass it as --token or $CODEFIRST_TOKEN.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var name = new Argument<string>("name");
        var command = new Command("revoke", "Revoke a token; calls with it are refused at once") { name, context.Db };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            if (!await Access(store).RevokeTokenAsync(parse.GetValue(name)!, DateTimeOffset.UtcNow, cancellationToken))
                throw new CliException($"No active token is named '{parse.GetValue(name)}'. 'tokens list' shows them.");
            await context.Output.WriteLineAsync($"Token '{parse.GetValue(name)}' revoked.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List tokens (names and roles; secrets are never stored)") { context.Db };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            Table.Write(context.Output, ["name", "role", "created", "revoked"],
                (await Access(store).ListTokensAsync(cancellationToken)).Select(t => (IReadOnlyList<string>)
                    [t.Name, t.Role, CliOutput.Format(t.CreatedAt), CliOutput.Format(t.RevokedAt)]));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static IAccessStore Access(IStore store) =>
        store as IAccessStore ?? throw new CliException("This database does not support API tokens.", ExitCodes.Failed);
}
