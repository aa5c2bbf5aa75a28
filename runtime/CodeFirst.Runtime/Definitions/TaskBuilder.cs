namespace CodeFirst.Definitions;

/// <summary>The settings of one task of a <see cref="DagBuilder"/>, the runtime twin of <c>[Task(…)]</c>.</summary>
public sealed class TaskBuilder
{
    private readonly Type? _returnType;
    private readonly TaskInvoker _invoker;
    private readonly List<string> _upstream = [];
    private readonly List<string> _inputs = [];
    private readonly List<string> _outlets = [];
    private int _retries;
    private TimeSpan _retryDelay = TimeSpan.FromMinutes(5);
    private bool _exponentialBackoff;
    private TimeSpan? _maxRetryDelay;
    private TimeSpan? _executionTimeout;
    private TriggerRule _triggerRule = CodeFirst.TriggerRule.AllSuccess;
    private string _pool = TaskDefinition.DefaultPool;
    private int _poolSlots = 1;
    private string _queue = TaskDefinition.DefaultQueue;
    private int _priorityWeight = 1;
    private WeightRule _weightRule = WeightRule.Downstream;
    private bool _dependsOnPast;
    private bool _waitForDownstream;
    private bool _branch;
    private bool _shortCircuit;
    private TaskCallback? _onSuccess;
    private TaskCallback? _onFailure;
    private TaskCallback? _onRetry;

    internal TaskBuilder(string taskId, Type? returnType, TaskInvoker invoker)
    {
        TaskId = taskId;
        _returnType = returnType;
        _invoker = invoker;
    }

    public string TaskId { get; }

    /// <summary>Ordering-only edges: this task runs after these (<c>[Task(After = …)]</c>).</summary>
    public TaskBuilder After(params string[] upstreamTaskIds) => Set(() => _upstream.AddRange(upstreamTaskIds));

    /// <summary>
    /// A data edge: this task runs after <paramref name="upstreamTaskId"/> and reads its return value,
    /// with <c>ctx.XCom.PullAsync&lt;T&gt;(upstreamTaskId)</c> (a parameter named after a task, for generated DAGs).
    /// </summary>
    public TaskBuilder Input(string upstreamTaskId) => Set(() =>
    {
        _upstream.Add(upstreamTaskId);
        _inputs.Add(upstreamTaskId);
    });

    public TaskBuilder Retries(int retries) => Set(() => _retries = retries);

    public TaskBuilder RetryDelay(TimeSpan delay) => Set(() => _retryDelay = delay);

    /// <summary>Doubles the delay with every try (with jitter), up to <paramref name="maxDelay"/> when given.</summary>
    public TaskBuilder RetryExponentialBackoff(TimeSpan? maxDelay = null) => Set(() =>
    {
        _exponentialBackoff = true;
        _maxRetryDelay = maxDelay;
    });

    public TaskBuilder ExecutionTimeout(TimeSpan timeout) => Set(() => _executionTimeout = timeout);

    public TaskBuilder TriggerRule(TriggerRule rule) => Set(() => _triggerRule = rule);

    public TaskBuilder Pool(string pool, int slots = 1) => Set(() =>
    {
        _pool = pool;
        _poolSlots = slots;
    });

    public TaskBuilder Queue(string queue) => Set(() => _queue = queue);

    public TaskBuilder PriorityWeight(int weight, WeightRule rule = WeightRule.Downstream) => Set(() =>
    {
        _priorityWeight = weight;
        _weightRule = rule;
    });

    public TaskBuilder DependsOnPast(bool dependsOnPast = true) => Set(() => _dependsOnPast = dependsOnPast);

    public TaskBuilder WaitForDownstream(bool wait = true) => Set(() => _waitForDownstream = wait);

    /// <summary>
    /// Airflow's branch: the task returns the id (string) or ids (IEnumerable&lt;string&gt;) of the
    /// direct downstream tasks to follow; the others are skipped (<c>[Branch]</c>).
    /// </summary>
    public TaskBuilder Branch() => Set(() => _branch = true);

    /// <summary>The task returns a bool; false skips everything downstream (<c>[ShortCircuit]</c>).</summary>
    public TaskBuilder ShortCircuit() => Set(() => _shortCircuit = true);

    /// <summary>Asset URIs a success of this task updates.</summary>
    public TaskBuilder Outlets(params string[] assetUris) => Set(() => _outlets.AddRange(assetUris));

    public TaskBuilder OnSuccess(TaskCallback callback) => Set(() => _onSuccess = callback);

    public TaskBuilder OnFailure(TaskCallback callback) => Set(() => _onFailure = callback);

    public TaskBuilder OnRetry(TaskCallback callback) => Set(() => _onRetry = callback);

    internal TaskDefinition Build() => new()
    {
        TaskId = TaskId,
        // No C# method behind it: the id stands in, as the generator uses the method name.
        MethodName = TaskId,
        Upstream = Sorted(_upstream),
        XComInputs = Sorted(_inputs),
        ReturnType = _returnType is null ? null : "global::" + (_returnType.FullName ?? _returnType.Name).Replace('+', '.'),
        Retries = _retries,
        RetryDelay = _retryDelay,
        RetryExponentialBackoff = _exponentialBackoff,
        MaxRetryDelay = _maxRetryDelay,
        ExecutionTimeout = _executionTimeout,
        TriggerRule = _triggerRule,
        Pool = _pool,
        PoolSlots = _poolSlots,
        Queue = _queue,
        PriorityWeight = _priorityWeight,
        WeightRule = _weightRule,
        DependsOnPast = _dependsOnPast,
        WaitForDownstream = _waitForDownstream,
        Kind = _branch ? TaskKind.Branch : _shortCircuit ? TaskKind.ShortCircuit : TaskKind.Task,
        Outlets = _outlets.Distinct(StringComparer.Ordinal).ToArray(),
        OnSuccess = _onSuccess,
        OnFailure = _onFailure,
        OnRetry = _onRetry,
        Invoke = _invoker,
    };

    /// <summary>The checks that need the delegate's CLR return type (the definition keeps only its name).</summary>
    internal IEnumerable<string> Check()
    {
        var name = $"Task '{TaskId}'";
        if (_branch && _shortCircuit) yield return $"CF0020: {name} cannot be both Branch() and ShortCircuit(). Keep one.";
        else if (_branch && _returnType != typeof(string) && !typeof(IEnumerable<string>).IsAssignableFrom(_returnType))
            yield return $"CF0016: {name} is a Branch(), but it returns {_returnType?.Name ?? "nothing"}. A branch returns the id (string) or ids (IEnumerable<string>) of the direct downstream tasks to follow.";
        else if (_shortCircuit && _returnType != typeof(bool))
            yield return $"CF0017: {name} is a ShortCircuit(), but it returns {_returnType?.Name ?? "nothing"}. A short circuit returns bool: false skips everything downstream.";
    }

    private static string[] Sorted(List<string> ids) => ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    private TaskBuilder Set(Action set)
    {
        set();
        return this;
    }
}
