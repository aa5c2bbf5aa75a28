using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CodeFirst;

/// <summary>
/// Everything a running task instance knows about itself: the typed equivalent of Airflow's
/// template context (<c>ds</c>, <c>ts</c>, data interval, conf, try number, XCom).
/// </summary>
public sealed class TaskContext
{
    public required string DagId { get; init; }
    public required string RunId { get; init; }
    public required string TaskId { get; init; }

    /// <summary>The start of the run's data interval (UTC).</summary>
    public required DateTimeOffset LogicalDate { get; init; }
    public required DateTimeOffset DataIntervalStart { get; init; }
    public required DateTimeOffset DataIntervalEnd { get; init; }

    /// <summary>The instance's position in its mapped task's list (0, 1, …); -1 for a task that is not mapped, as in Airflow.</summary>
    public int MapIndex { get; init; } = -1;

    /// <summary>1 for the first try, incremented by every retry.</summary>
    public required int TryNumber { get; init; }
    public required int MaxTries { get; init; }

    /// <summary>The run's conf as given when it was triggered; an empty object when none was.</summary>
    public required JsonElement Conf { get; init; }

    /// <summary>For an asset-triggered run, the asset events that triggered it (oldest first); empty otherwise.</summary>
    public IReadOnlyList<AssetEvent> TriggeringAssetEvents { get; init; } = [];

    public required ILogger Log { get; init; }
    public required IXCom XCom { get; init; }

    /// <summary>The payload (JSON) of the trigger this try resumes from after a deferral; null on an ordinary try.</summary>
    public string? TriggerEvent { get; init; }

    /// <summary>Looks up the latest successful run before this one; set by the runtime.</summary>
    public Func<CancellationToken, Task<PreviousRun?>>? PreviousSuccessfulRunSource { private get; init; }

    /// <summary>
    /// The latest successful run of this DAG with an earlier logical date, or null when there is none:
    /// Airflow's <c>prev_data_interval_start_success</c>/<c>…_end_success</c>, <c>prev_start_date_success</c>
    /// and <c>prev_end_date_success</c>. Read from the store when asked, so tasks that don't ask pay nothing.
    /// </summary>
    public Task<PreviousRun?> GetPreviousSuccessfulRunAsync(CancellationToken cancellationToken = default) =>
        PreviousSuccessfulRunSource?.Invoke(cancellationToken) ?? Task.FromResult<PreviousRun?>(null);

    /// <summary>Logical date as <c>yyyy-MM-dd</c>.</summary>
    public string Ds => LogicalDate.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Logical date as <c>yyyyMMdd</c>.</summary>
    public string DsNodash => LogicalDate.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Logical date in ISO 8601 with offset, like Airflow's <c>ts</c>.</summary>
    public string Ts => LogicalDate.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Reads the conf (or one of its properties) as <typeparamref name="T"/>.</summary>
    public T? GetConf<T>(string? property = null)
    {
        if (property is null) return Conf.Deserialize<T>(XComJson.Options);
        return Conf.ValueKind == JsonValueKind.Object && Conf.TryGetProperty(property, out var value)
            ? value.Deserialize<T>(XComJson.Options)
            : default;
    }

    /// <summary>
    /// The conf as the DAG's params type (<c>[Dag(Params = typeof(T))]</c>): validated and with the
    /// type's defaults merged in when the run was created; properties are read from snake_case names.
    /// </summary>
    public T GetParams<T>() =>
        Conf.Deserialize<T>(ParamsJson.Options) ?? throw new InvalidOperationException($"The conf of run '{RunId}' is null, not a {typeof(T).Name}.");
}
