namespace CodeFirst;

/// <summary>
/// Marks a <c>bool</c>-returning <see cref="TaskAttribute"/> method as a short circuit (Airflow's
/// <c>@task.short_circuit</c> with <c>ignore_downstream_trigger_rules=True</c>): when it returns
/// false every task downstream of it is skipped, whatever their trigger rules.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ShortCircuitAttribute : Attribute;
