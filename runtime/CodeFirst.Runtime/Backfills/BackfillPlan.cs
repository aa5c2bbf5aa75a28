using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Backfills;

/// <summary>What <see cref="Backfills.CreateAsync"/> decided: the dates in run order and, unless it was a dry run, the backfill row.</summary>
public sealed record BackfillPlan(BackfillRecord? Backfill, IReadOnlyList<BackfillPlanDate> Dates);
