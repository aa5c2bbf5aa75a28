using CodeFirst.Bench.Scenarios;
using CodeFirst.Bench.Support;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

DbTarget? db = null;
try
{
    var parsed = BenchArgs.Parse(args);
    db = StoreFactory.Parse(parsed.String("db"));
    // Every run starts from an empty store, as a fresh SQLite file does: on PostgreSQL a schema of its own
    // (the history of earlier runs in one schema slows claims and counts, and the figures would drift).
    if (db is { Kind: DbKind.Postgres, Schema: null } && parsed.Scenario is "chain" or "wide" or "deferred" or "event")
        db = db.Fresh(parsed.Scenario);
    if (parsed.Scenario == "startup-probe") return await StartupProbe.RunAsync(parsed, db, cancel.Token);
    var line = parsed.Scenario switch
    {
        "chain" => await ChainScenario.RunAsync(parsed, db, cancel.Token),
        "wide" => await WideScenario.RunAsync(parsed, db, cancel.Token),
        "startup" => await StartupScenario.RunAsync(parsed, db, cancel.Token),
        "scheduler" => await SchedulerScenario.RunAsync(parsed, db, cancel.Token),
        "event" => await EventScenario.RunAsync(parsed, db, cancel.Token),
        "deferred" => await DeferredScenario.RunAsync(parsed, db, cancel.Token),
        _ => throw new BenchException($"Unknown scenario '{parsed.Scenario}'. Scenarios: chain, wide, startup, scheduler, deferred, event."),
    };
    Console.WriteLine(line.ToJson());
    return 0;
}
catch (BenchException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
finally
{
    db?.Cleanup();
}
