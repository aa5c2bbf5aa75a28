using System.CommandLine;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Server.Hosting;

namespace CodeFirst.Server.Cli;

/// <summary><c>db migrate</c> and <c>db check</c>.</summary>
internal static class DbCommands
{
    public static Command Create(CliContext context)
    {
        var db = new Command("db", "Database schema");
        var migrate = new Command("migrate", "Apply pending schema migrations (every role also does this at start-up, under a lock)") { context.Db };
        migrate.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            await context.Output.WriteLineAsync($"Database {Describe(parse, context)} is up to date.");
            return ExitCodes.Success;
        }));
        var check = new Command("check", "Check that the database can be reached and its schema is current") { context.Db };
        check.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(context.Db), cancellationToken);
            var dags = await store.ListDagsAsync(cancellationToken);
            await context.Output.WriteLineAsync($"Database {Describe(parse, context)} is reachable; {dags.Count} DAG(s) recorded.");
            return ExitCodes.Success;
        }));
        db.Subcommands.Add(migrate);
        db.Subcommands.Add(check);
        return db;
    }

    private static string Describe(ParseResult parse, CliContext context) =>
        PostgresConnectionString.Redact(StoreLocator.Resolve(parse.GetValue(context.Db)));
}
