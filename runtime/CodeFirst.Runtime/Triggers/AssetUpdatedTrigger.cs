using System.Text.Json;
using System.Text.Json.Serialization;
using CodeFirst.Runtime.Assets;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Triggers;

/// <summary>
/// Fires when an asset event for <see cref="Uri"/> is recorded at or after <see cref="Since"/>, the moment
/// the task deferred (Airflow's <c>AssetTrigger</c> in a task rather than a schedule): a task output, an
/// <c>assets emit</c> or an asset watcher's message. Events are polled from the store every
/// <see cref="PollInterval"/>. The payload is the earliest such event's id and extra.
/// </summary>
public sealed class AssetUpdatedTrigger : Trigger
{
    /// <summary>How many of the newest events one poll reads; the earliest of them after <see cref="Since"/> fires.</summary>
    private const int PollLimit = 100;

    public AssetUpdatedTrigger(string uri, TimeSpan? pollInterval = null, TimeProvider? clock = null)
        : this(uri, Truncate((clock ?? TimeProvider.System).GetUtcNow()), pollInterval ?? TimeSpan.FromSeconds(5))
    {
    }

    /// <summary>For System.Text.Json: the stored trigger, rebuilt in the triggerer.</summary>
    [JsonConstructor]
    public AssetUpdatedTrigger(string uri, DateTimeOffset since, TimeSpan pollInterval)
    {
        AssetUris.Validate(uri);
        (Uri, Since, PollInterval) = (uri, since, pollInterval);
    }

    public string Uri { get; }
    public DateTimeOffset Since { get; }
    public TimeSpan PollInterval { get; }

    /// <summary>Set by the triggerer before <see cref="RunAsync"/>: the store the events are read from.</summary>
    [JsonIgnore]
    internal IAssetStore? Store { get; set; }

    public override async Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var store = Store ?? throw new InvalidOperationException("AssetUpdatedTrigger runs only in a CodeFirst triggerer on a store with assets.");
        while (true)
        {
            var events = await store.ListAssetEventsAsync(Uri, PollLimit, cancellationToken);
            if (events.Where(e => e.CreatedAt >= Since).MinBy(e => e.Id) is { } first)
            {
                using var extra = JsonDocument.Parse(first.PayloadJson);
                return TriggerEvent.Of(new AssetUpdate(first.Id, extra.RootElement.Clone()));
            }
            await Task.Delay(PollInterval, context.Time, cancellationToken);
        }
    }

    /// <summary>The stores keep whole microseconds: an event in the same microsecond as the deferral still counts.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset moment) => moment.AddTicks(-(moment.UtcTicks % 10));
}

/// <summary>What an <see cref="AssetUpdatedTrigger"/> fires with: the asset event's id and its extra (a JSON object).</summary>
public sealed record AssetUpdate(long Id, JsonElement Extra);
