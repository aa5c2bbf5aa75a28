namespace CodeFirst.MultiProcessDags;

/// <summary>Fan-out/fan-in of quick tasks: many runs of it spread over several workers.</summary>
[Dag("mp_fan", MaxActiveRuns = 50)]
public sealed partial class MpFan
{
    [Task]
    public static int Start(TaskContext ctx) { Journal.Record(ctx); return 1; }

    [Task]
    public static int Left(int start, TaskContext ctx) { Journal.Record(ctx); return start + 1; }

    [Task]
    public static int Right(int start, TaskContext ctx) { Journal.Record(ctx); return start + 2; }

    [Task]
    public static int Join(int left, int right, TaskContext ctx) { Journal.Record(ctx); return left + right; }
}

/// <summary>Yearly since 2000 with catchup: schedulers racing to create the same runs.</summary>
[Dag("mp_yearly", Schedule = "@yearly", StartDate = "2000-01-01", Catchup = true, MaxActiveRuns = 100)]
public sealed partial class MpYearly
{
    [Task]
    public static void Only(TaskContext ctx) => Journal.Record(ctx);
}

/// <summary>
/// The first try of 'hold' blocks until its process dies; later tries finish at once. Used to kill
/// a worker in the middle of a task.
/// </summary>
[Dag("mp_hold")]
public sealed partial class MpHold
{
    [Task(Retries = 2, RetryDelay = "00:00:00")]
    public static async Task<string> Hold(TaskContext ctx, CancellationToken ct)
    {
        Journal.Record(ctx, "started");
        if (ctx.TryNumber == 1) await Task.Delay(Timeout.Infinite, ct);
        return $"finished by {Environment.ProcessId}";
    }

    [Task]
    public static void After(string hold, TaskContext ctx) => Journal.Record(ctx, hold);
}

/// <summary>
/// Ten tasks of a fifth of a second each: long enough to restart PostgreSQL in the middle. A claim
/// whose answer the restart cut off becomes a zombie; retries let such a try run again.
/// </summary>
[Dag("mp_slow_chain", DefaultRetries = 2, DefaultRetryDelay = "00:00:00")]
public sealed partial class MpSlowChain
{
    [Task] public static async Task<int> T01(CancellationToken ct) { await Task.Delay(200, ct); return 1; }
    [Task] public static async Task<int> T02(int t01, CancellationToken ct) { await Task.Delay(200, ct); return t01 + 1; }
    [Task] public static async Task<int> T03(int t02, CancellationToken ct) { await Task.Delay(200, ct); return t02 + 1; }
    [Task] public static async Task<int> T04(int t03, CancellationToken ct) { await Task.Delay(200, ct); return t03 + 1; }
    [Task] public static async Task<int> T05(int t04, CancellationToken ct) { await Task.Delay(200, ct); return t04 + 1; }
    [Task] public static async Task<int> T06(int t05, CancellationToken ct) { await Task.Delay(200, ct); return t05 + 1; }
    [Task] public static async Task<int> T07(int t06, CancellationToken ct) { await Task.Delay(200, ct); return t06 + 1; }
    [Task] public static async Task<int> T08(int t07, CancellationToken ct) { await Task.Delay(200, ct); return t07 + 1; }
    [Task] public static async Task<int> T09(int t08, CancellationToken ct) { await Task.Delay(200, ct); return t08 + 1; }
    [Task] public static async Task<int> T10(int t09, CancellationToken ct) { await Task.Delay(200, ct); return t09 + 1; }
}

/// <summary>One task per queue: workers serving only some queues take only their tasks.</summary>
[Dag("mp_queues")]
public sealed partial class MpQueues
{
    [Task]
    public static void OnDefault(TaskContext ctx) => Journal.Record(ctx);

    [Task(Queue = "gpu")]
    public static void OnGpu(TaskContext ctx) => Journal.Record(ctx);
}

/// <summary>
/// For SIGTERM tests: 'quick' ends within the shutdown grace; 'endless' waits for its token when
/// CODEFIRST_TEST_ENDLESS=1 (so shutdown must hand it back) and ends at once otherwise.
/// </summary>
[Dag("mp_shutdown")]
public sealed partial class MpShutdown
{
    [Task]
    public static async Task<string> Quick(TaskContext ctx)
    {
        Journal.Record(ctx, "started");
        await Task.Delay(1500);
        return "done";
    }

    [Task]
    public static async Task Endless(TaskContext ctx, CancellationToken ct)
    {
        Journal.Record(ctx, "started");
        if (Environment.GetEnvironmentVariable("CODEFIRST_TEST_ENDLESS") == "1") await Task.Delay(Timeout.Infinite, ct);
    }
}
