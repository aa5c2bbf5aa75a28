using System.CommandLine;
using CodeFirst.Runtime.Engine;

namespace CodeFirst.Server.Cli;

/// <summary>The options every role shares for tuning the engine.</summary>
internal sealed class EngineOptionsBinding
{
    public Option<int> Concurrency { get; } = new("--concurrency")
    {
        Description = "Task instances this process runs at once (default: processor count x 2)",
        DefaultValueFactory = _ => Environment.ProcessorCount * 2,
    };

    public Option<int> Parallelism { get; } = new("--parallelism")
    {
        Description = "Running task instances this worker allows itself, counted in the store (Airflow's core.parallelism; 0: unlimited); --concurrency above it is capped",
        DefaultValueFactory = _ => new EngineOptions().Parallelism,
    };

    public Option<bool> NoSlotHandOff { get; } = new("--no-slot-hand-off")
    {
        Description = "Hand every freed slot out through the claim in priority order, instead of to a downstream task the finished one queued",
    };

    public Option<double> LeaseSeconds { get; } = new("--lease-seconds")
    {
        Description = "How long a running task instance stays this worker's without a heartbeat before it is a zombie",
        DefaultValueFactory = _ => 30,
    };

    public Option<double> HeartbeatSeconds { get; } = new("--heartbeat-seconds")
    {
        Description = "How often a worker renews its leases",
        DefaultValueFactory = _ => 10,
    };

    public Option<string?> Queues { get; } = new("--queues", "-q")
    {
        Description = "Comma-separated queues this worker serves (tasks choose one with [Task(Queue = ...)]); default: all queues",
    };

    public Option<double> ShutdownGraceSeconds { get; } = new("--shutdown-grace-seconds")
    {
        Description = "On SIGTERM/Ctrl+C, how long running tasks may finish before they are cancelled and handed back to the queue",
        DefaultValueFactory = _ => 20,
    };

    public Option<double> LiveLogFlushSeconds { get; } = new("--live-log-flush-seconds")
    {
        Description = "How often a worker stores the new log lines of running tries, so any API process shows them (0: only when a try ends)",
        DefaultValueFactory = _ => 1,
    };

    public void AddTo(Command command, bool worker)
    {
        if (worker)
        {
            command.Options.Add(LiveLogFlushSeconds);
            command.Options.Add(ShutdownGraceSeconds);
            command.Options.Add(Queues);
            command.Options.Add(Concurrency);
            command.Options.Add(Parallelism);
            command.Options.Add(NoSlotHandOff);
            command.Options.Add(HeartbeatSeconds);
        }
        command.Options.Add(LeaseSeconds);
    }

    public EngineOptions Read(ParseResult parse, bool worker)
    {
        var defaults = new EngineOptions();
        var concurrency = worker ? parse.GetValue(Concurrency) : defaults.Concurrency;
        var lease = parse.GetValue(LeaseSeconds);
        var heartbeat = worker ? parse.GetValue(HeartbeatSeconds) : Math.Min(defaults.HeartbeatInterval.TotalSeconds, lease / 3);
        if (concurrency < 1) throw new CliException($"--concurrency must be at least 1, not {concurrency}.");
        var parallelism = worker ? parse.GetValue(Parallelism) : defaults.Parallelism;
        if (parallelism < 0) throw new CliException($"--parallelism must be 0 (unlimited) or more, not {parallelism}.");
        if (lease <= 0) throw new CliException($"--lease-seconds must be positive, not {lease}.");
        if (heartbeat <= 0 || heartbeat >= lease) throw new CliException($"--heartbeat-seconds must be positive and below --lease-seconds ({lease}), not {heartbeat}.");
        var queues = worker ? parse.GetValue(Queues)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
        if (queues is { Length: 0 }) throw new CliException("--queues needs at least one queue name, e.g. --queues default,gpu.");
        var grace = worker ? parse.GetValue(ShutdownGraceSeconds) : 20;
        if (grace < 0 || grace > 25) throw new CliException($"--shutdown-grace-seconds must be between 0 and 25 (the process waits 30 s at most), not {grace}.");
        var flush = worker ? parse.GetValue(LiveLogFlushSeconds) : defaults.LiveLogFlushInterval.TotalSeconds;
        if (flush < 0 || double.IsNaN(flush)) throw new CliException($"--live-log-flush-seconds must be 0 (off) or more, not {flush}.");
        return new EngineOptions
        {
            LiveLogFlushInterval = TimeSpan.FromSeconds(flush),
            ShutdownGrace = TimeSpan.FromSeconds(grace),
            Queues = queues,
            Concurrency = concurrency,
            Parallelism = parallelism,
            HandOffSlots = !(worker && parse.GetValue(NoSlotHandOff)),
            LeaseDuration = TimeSpan.FromSeconds(lease),
            HeartbeatInterval = TimeSpan.FromSeconds(heartbeat),
        };
    }
}
