using System.Net;

namespace CodeFirst.Triggers;

/// <summary>
/// Fires when a GET of <see cref="Url"/> answers with a success status (or <see cref="ExpectedStatus"/>)
/// and, when <see cref="BodyContains"/> is set, a body containing it (Airflow's <c>HttpSensor</c> /
/// <c>HttpSensorTrigger</c>). Errors and other answers count as "not yet". The payload is the status
/// code and body.
/// </summary>
public sealed class HttpTrigger(string url, int? expectedStatus = null, string? bodyContains = null, TimeSpan? pollInterval = null) : Trigger
{
    private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>For System.Text.Json: the stored trigger, rebuilt in the triggerer.</summary>
    [System.Text.Json.Serialization.JsonConstructor]
    public HttpTrigger(string url, int? expectedStatus, string? bodyContains, TimeSpan pollInterval) : this(url, expectedStatus, bodyContains, (TimeSpan?)pollInterval)
    {
    }

    public string Url { get; } = url;
    public int? ExpectedStatus { get; } = expectedStatus;
    public string? BodyContains { get; } = bodyContains;
    public TimeSpan PollInterval { get; } = pollInterval ?? TimeSpan.FromSeconds(30);

    /// <summary>The result of one request: the payload when the condition holds, null otherwise.</summary>
    public async Task<HttpTriggerResult?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Shared.GetAsync(Url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var statusOk = ExpectedStatus is { } expected ? (int)response.StatusCode == expected : response.IsSuccessStatusCode;
            var bodyOk = BodyContains is null || body.Contains(BodyContains, StringComparison.Ordinal);
            return statusOk && bodyOk ? new HttpTriggerResult((int)response.StatusCode, body) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // The request timed out: not yet.
        }
    }

    public override async Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await CheckAsync(cancellationToken) is { } result) return TriggerEvent.Of(result);
            await Task.Delay(PollInterval, context.Time, cancellationToken);
        }
    }
}

/// <summary>What an <see cref="HttpTrigger"/> fires with.</summary>
public sealed record HttpTriggerResult(int StatusCode, string Body)
{
    public bool IsOk => StatusCode is >= (int)HttpStatusCode.OK and < 300;
}
