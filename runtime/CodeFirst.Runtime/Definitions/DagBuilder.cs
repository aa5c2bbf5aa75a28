namespace CodeFirst.Definitions;

/// <summary>
/// Builds a <see cref="DagDefinition"/> at start-up, for DAGs that cannot be written as a
/// <c>[Dag]</c> class because they are only known when the process starts (rows of a table, a
/// remote config). The result is the same model the generator emits: register it with
/// <see cref="DagRegistry.Register"/> before <c>CodeFirstApp.RunAsync</c> and it runs, schedules
/// and shows like a generated DAG.
/// <code>
/// var dag = new DagBuilder("export_" + customer.Id)
///     .Schedule("0 6 * * *").Timezone("Europe/Berlin").Tags("export")
///     .Task("extract", (ctx, ct) =&gt; source.ReadAsync(customer.Id, ct))
///     .Task("load", async (ctx, ct) =&gt; await sink.WriteAsync(await ctx.XCom.PullAsync&lt;Row[]&gt;("extract", cancellationToken: ct), ct),
///           t =&gt; t.Input("extract").Retries(3))
///     .Build();
/// </code>
/// </summary>
public sealed partial class DagBuilder
{
    private readonly List<TaskBuilder> _tasks = [];
    private readonly List<string> _tags = [];
    private Action<TaskBuilder>? _defaults;
    private string? _schedule;
    private string _timezone = "UTC";
    private DateTime? _startDate;
    private DateTime? _endDate;
    private bool _catchup;
    private bool _pausedUponCreation;
    private int _maxActiveRuns = 16;
    private int _maxActiveTasks = 16;
    private TimeSpan? _dagRunTimeout;
    private DagParams? _params;
    private string? _description;
    private TaskCallback? _onSuccess;
    private TaskCallback? _onFailure;

    public DagBuilder(string dagId) => DagId = dagId;

    public string DagId { get; }

    /// <summary>The same forms as <c>[Dag(Schedule = …)]</c>: a cron expression, a preset, a TimeSpan, an asset condition, or null for manual runs only.</summary>
    public DagBuilder Schedule(string? schedule) => Set(() => _schedule = schedule);

    /// <summary>The IANA time zone the schedule and dates are read in (UTC by default).</summary>
    public DagBuilder Timezone(string timezone) => Set(() => _timezone = timezone);

    /// <summary>Wall-clock start in the DAG's time zone (the <see cref="DateTime.Kind"/> is ignored).</summary>
    public DagBuilder StartDate(DateTime startDate) => Set(() => _startDate = DateTime.SpecifyKind(startDate, DateTimeKind.Unspecified));

    public DagBuilder EndDate(DateTime endDate) => Set(() => _endDate = DateTime.SpecifyKind(endDate, DateTimeKind.Unspecified));

    public DagBuilder Catchup(bool catchup = true) => Set(() => _catchup = catchup);

    public DagBuilder PausedUponCreation(bool paused = true) => Set(() => _pausedUponCreation = paused);

    public DagBuilder MaxActiveRuns(int maxActiveRuns) => Set(() => _maxActiveRuns = maxActiveRuns);

    public DagBuilder MaxActiveTasks(int maxActiveTasks) => Set(() => _maxActiveTasks = maxActiveTasks);

    public DagBuilder DagRunTimeout(TimeSpan timeout) => Set(() => _dagRunTimeout = timeout);

    /// <summary>The shape of the run conf, checked when a run is triggered.</summary>
    public DagBuilder Params(DagParams parameters) => Set(() => _params = parameters);

    public DagBuilder Tags(params string[] tags) => Set(() => _tags.AddRange(tags));

    public DagBuilder Description(string description) => Set(() => _description = description);

    public DagBuilder OnSuccess(TaskCallback callback) => Set(() => _onSuccess = callback);

    public DagBuilder OnFailure(TaskCallback callback) => Set(() => _onFailure = callback);

    /// <summary>Airflow's <c>default_args</c>: applied to every task before the task's own settings.</summary>
    public DagBuilder Defaults(Action<TaskBuilder> defaults) => Set(() => _defaults += defaults);

    /// <summary>Checks the DAG as the generator would and returns its definition.</summary>
    /// <exception cref="DagBuildException">Every problem found, each naming the CF diagnostic the generator reports for it.</exception>
    public DagDefinition Build()
    {
        var tasks = _tasks.Select(t => t.Build()).ToArray();
        var dag = new DagDefinition
        {
            DagId = DagId,
            Schedule = _schedule,
            Timezone = _timezone,
            StartDate = _startDate,
            EndDate = _endDate,
            Catchup = _catchup,
            IsPausedUponCreation = _pausedUponCreation,
            MaxActiveRuns = _maxActiveRuns,
            MaxActiveTasks = _maxActiveTasks,
            DagRunTimeout = _dagRunTimeout,
            Params = _params,
            Tags = _tags.Distinct(StringComparer.Ordinal).ToArray(),
            Description = _description,
            OnSuccess = _onSuccess,
            OnFailure = _onFailure,
            // Duplicates are reported below; the definition's index must not throw first.
            Tasks = tasks.DistinctBy(t => t.TaskId, StringComparer.Ordinal).ToArray(),
        };
        var errors = DagBuildChecks.Check(dag, tasks);
        errors.AddRange(_tasks.SelectMany(t => t.Check()));
        return errors.Count == 0 ? dag : throw new DagBuildException(DagId, errors);
    }

    private DagBuilder Set(Action set)
    {
        set();
        return this;
    }
}
