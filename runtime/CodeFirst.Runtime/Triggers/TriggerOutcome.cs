using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeFirst.Runtime.Triggers;

/// <summary>
/// How a trigger ended, as stored for the resumed try: fired with a payload, timed out, or failed.
/// One envelope so a resumed try can tell "the trigger fired with null" from "the trigger gave up".
/// </summary>
internal sealed record TriggerOutcome(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("payload")] JsonElement? Payload = null,
    [property: JsonPropertyName("error")] string? Error = null)
{
    public const string Fired = "fired";
    public const string TimedOut = "timeout";
    public const string Failed = "failed";

    public string? PayloadJson => Payload is { ValueKind: not JsonValueKind.Null } p ? p.GetRawText() : null;

    public static TriggerOutcome FromEvent(CodeFirst.Triggers.TriggerEvent e) =>
        new(Fired, e.PayloadJson is null ? null : JsonDocument.Parse(e.PayloadJson).RootElement.Clone());

    public string ToJson() => JsonSerializer.Serialize(this);

    public static TriggerOutcome Parse(string json) =>
        JsonSerializer.Deserialize<TriggerOutcome>(json) ?? throw new InvalidOperationException("An empty trigger event was stored.");
}
