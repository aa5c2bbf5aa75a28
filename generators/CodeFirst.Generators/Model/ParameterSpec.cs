namespace CodeFirst.Generators.Model;

/// <summary>
/// One parameter of a task method or of the DAG constructor. For <see cref="ParameterSource.TypedLogger"/>
/// <see cref="Type"/> is the logger's category type; for <see cref="ParameterSource.XCom"/>
/// <see cref="UpstreamTaskId"/> and <see cref="UpstreamType"/> name the task whose return value it receives (or, with <see cref="UpstreamKey"/>, which of its keys).
/// </summary>
internal sealed record ParameterSpec(
    string Name,
    ParameterSource Source,
    TypeRef Type,
    string? UpstreamTaskId = null,
    TypeRef? UpstreamType = null,
    string? UpstreamKey = null);
