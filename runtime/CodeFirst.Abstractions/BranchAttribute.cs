namespace CodeFirst;

/// <summary>
/// Marks a <see cref="TaskAttribute"/> method as a branch (Airflow's <c>@task.branch</c>): it returns
/// the id (<c>string</c>) or ids (<c>IEnumerable&lt;string&gt;</c>) of the direct downstream tasks to
/// follow; every other direct downstream task is skipped. <c>null</c> or empty skips them all.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class BranchAttribute : Attribute;
