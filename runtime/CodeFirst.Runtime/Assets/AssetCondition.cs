namespace CodeFirst.Runtime.Assets;

/// <summary>
/// An asset schedule such as <c>asset:a &amp; (asset:b | asset:c)</c>: <c>&amp;</c> needs every side
/// updated, <c>|</c> any side; <c>&amp;</c> binds tighter, as in Airflow's Python operators. The
/// generator checks the same grammar at compile time (CF0031).
/// </summary>
public abstract record AssetCondition
{
    /// <summary>Whether the condition holds when exactly the assets in <paramref name="updated"/> were updated.</summary>
    public abstract bool Evaluate(IReadOnlySet<string> updated);

    /// <summary>Every asset URI the condition mentions, in order of appearance without repeats.</summary>
    public abstract IEnumerable<string> Uris { get; }

    /// <summary>Whether <paramref name="schedule"/> is an asset schedule rather than a time-based one.</summary>
    public static bool IsAssetSchedule(string? schedule) =>
        schedule is not null && (schedule.Contains("asset:", StringComparison.Ordinal) || schedule.TrimStart().StartsWith('('));

    /// <exception cref="FormatException">The expression is malformed; the message says where.</exception>
    public static AssetCondition Parse(string schedule) => new AssetConditionParser(schedule).ParseAll();
}

/// <summary>One asset: holds when it was updated.</summary>
public sealed record AssetReference(string Uri) : AssetCondition
{
    public override bool Evaluate(IReadOnlySet<string> updated) => updated.Contains(Uri);

    public override IEnumerable<string> Uris => [Uri];

    public override string ToString() => "asset:" + Uri;
}

/// <summary>Every operand holds.</summary>
public sealed record AssetAll(IReadOnlyList<AssetCondition> Operands) : AssetCondition
{
    public override bool Evaluate(IReadOnlySet<string> updated) => Operands.All(o => o.Evaluate(updated));

    public override IEnumerable<string> Uris => Operands.SelectMany(o => o.Uris).Distinct(StringComparer.Ordinal);

    public override string ToString() => "(" + string.Join(" & ", Operands) + ")";
}

/// <summary>At least one operand holds.</summary>
public sealed record AssetAny(IReadOnlyList<AssetCondition> Operands) : AssetCondition
{
    public override bool Evaluate(IReadOnlySet<string> updated) => Operands.Any(o => o.Evaluate(updated));

    public override IEnumerable<string> Uris => Operands.SelectMany(o => o.Uris).Distinct(StringComparer.Ordinal);

    public override string ToString() => "(" + string.Join(" | ", Operands) + ")";
}
