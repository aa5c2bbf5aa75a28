namespace CodeFirst.Generators;

/// <summary>Names of the pipeline steps, so tests can assert each one stays cached.</summary>
public static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Specs = nameof(Specs);
    public const string Registry = nameof(Registry);
    public const string DagIds = nameof(DagIds);
    public const string OrphanTasks = nameof(OrphanTasks);
    public const string OrphanClassAttributes = nameof(OrphanClassAttributes);
}
