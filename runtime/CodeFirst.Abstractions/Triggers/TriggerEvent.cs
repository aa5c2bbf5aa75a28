namespace CodeFirst.Triggers;

/// <summary>What a fired trigger hands back to its task: a JSON payload (null for none).</summary>
public sealed record TriggerEvent(string? PayloadJson)
{
    /// <summary>An event whose payload is <paramref name="value"/> as XCom JSON.</summary>
    public static TriggerEvent Of<T>(T value) => new(XComJson.Serialize(value));

    public static TriggerEvent Empty { get; } = new((string?)null);
}
