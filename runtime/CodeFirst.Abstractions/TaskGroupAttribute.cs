namespace CodeFirst;

/// <summary>
/// Declares group-level dependencies of a task group on the DAG class, as Airflow's
/// <c>upstream &gt;&gt; task_group</c>: every root task of the group (one with no upstream inside it)
/// runs after each task or whole group named in <see cref="After"/>. Tasks join a group with
/// <see cref="TaskAttribute.Group"/>; a group needs this attribute only for dependencies.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TaskGroupAttribute(string groupId) : Attribute
{
    /// <summary>The group's dotted path, as tasks name it in <see cref="TaskAttribute.Group"/>.</summary>
    public string GroupId { get; } = groupId;

    /// <summary>Tasks (method names or task ids) or groups (their dotted path) the whole group runs after; a group means its leaf tasks.</summary>
    public string[] After { get; set; } = [];
}
