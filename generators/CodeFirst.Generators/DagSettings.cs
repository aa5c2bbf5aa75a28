using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

/// <summary>The <c>[Dag]</c> attribute's values once checked; invalid values are left null.</summary>
internal sealed class DagSettings
{
    public string DagId { get; set; } = "";
    public LocationInfo? DagIdLocation { get; set; }
    public string? Schedule { get; set; }
    public DateTime? StartDate { get; set; }
    public DateTime? EndDate { get; set; }
    public string? Timezone { get; set; }
    public bool Catchup { get; set; }
    public int MaxActiveRuns { get; set; } = 16;
    public bool IsPausedUponCreation { get; set; }
    public long? DagRunTimeoutTicks { get; set; }
    public ParamsSpec? Params { get; set; }
    public List<string> Tags { get; } = [];
    public string? Description { get; set; }
}
