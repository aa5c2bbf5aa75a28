namespace CodeFirst.Watchers;

/// <summary>An asset whose events each become their own run of the DAGs scheduled on it.</summary>
public sealed record AssetRunModeRegistration(string Uri, AssetRunMode Mode);
