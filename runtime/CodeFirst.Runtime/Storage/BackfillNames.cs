namespace CodeFirst.Runtime.Storage;

/// <summary>The stored names of backfill enums (lower snake case, as Airflow writes them).</summary>
public static class BackfillNames
{
    public static string Name(ReprocessBehavior value) => value.ToString().ToLowerInvariant();

    public static string Name(BackfillState value) => value.ToString().ToLowerInvariant();

    public static string Name(BackfillDateState value) => value.ToString().ToLowerInvariant();

    public static ReprocessBehavior ParseReprocess(string name) => Parse<ReprocessBehavior>(name, "reprocess behaviour");

    public static BackfillState ParseState(string name) => Parse<BackfillState>(name, "backfill state");

    public static BackfillDateState ParseDateState(string name) => Parse<BackfillDateState>(name, "backfill date state");

    private static T Parse<T>(string name, string what) where T : struct, Enum =>
        Enum.TryParse<T>(name, ignoreCase: true, out var value) && !int.TryParse(name, out _)
            ? value
            : throw new FormatException($"Unknown {what} '{name}'; expected one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
}
