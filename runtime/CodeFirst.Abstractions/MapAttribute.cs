namespace CodeFirst;

/// <summary>
/// Maps the task over this parameter (Airflow's <c>.expand()</c>): the parameter binds to an
/// upstream task that returns a list, and at run time the task runs once per element, each
/// instance with its own <c>map_index</c>. The task's other parameters are constant across
/// instances (Airflow's <c>.partial()</c>). A downstream parameter of list type bound to a mapped
/// task receives the instances' return values in map-index order.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class MapAttribute : Attribute;
