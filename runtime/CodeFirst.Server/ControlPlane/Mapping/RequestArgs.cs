using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.ControlPlane.Mapping;

/// <summary>Checks request fields; every problem is an <see cref="ArgumentException"/> whose message names the field.</summary>
internal static class RequestArgs
{
    public static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{field} is required.", field) : value;

    /// <summary>The run conf as compact JSON, from conf_json text or a conf Struct.</summary>
    public static string Conf(string? confJson, Struct? conf)
    {
        if (conf is not null) return RunFactory.NormalizeConf(JsonFormatter.Default.Format(conf));
        try
        {
            return RunFactory.NormalizeConf(confJson);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"conf_json: {e.Message}", "conf_json", e);
        }
    }

    public static DagRunState RunState(string name, string field)
    {
        try
        {
            return StateNames.ParseRunState(name);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{field}: '{name}' is not a dag run state; use queued, running, success or failed.", field);
        }
    }

    public static DagRunType RunType(string name, string field)
    {
        try
        {
            return RunTypeNames.Parse(name);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{field}: '{name}' is not a run type; use scheduled, manual, backfill or asset_triggered.", field);
        }
    }

    public static TaskInstanceState TaskState(string name, string field)
    {
        try
        {
            return StateNames.ParseTaskState(name);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{field}: '{name}' is not a task instance state, such as success, failed or up_for_retry.", field);
        }
    }
}
