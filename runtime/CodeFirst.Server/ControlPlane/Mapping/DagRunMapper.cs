using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.ControlPlane.Mapping;

/// <summary>Stored runs and task instances as control-plane messages (states as Airflow's lower-case names).</summary>
internal static class DagRunMapper
{
    public static DagRun ToProto(DagRunRecord run) => new()
    {
        DagId = run.DagId,
        RunId = run.RunId,
        State = run.State.Name(),
        RunType = RunTypeNames.Name(run.RunType),
        LogicalDate = ProtoTime.ToProto(run.LogicalDate),
        DataIntervalStart = ProtoTime.ToProto(run.DataIntervalStart),
        DataIntervalEnd = ProtoTime.ToProto(run.DataIntervalEnd),
        QueuedAt = ProtoTime.ToProto(run.QueuedAt),
        StartDate = ProtoTime.ToProto(run.StartDate),
        EndDate = ProtoTime.ToProto(run.EndDate),
        ConfJson = run.Conf,
        Conf = JsonParser.Default.Parse<Struct>(run.Conf),
    };

    public static TaskInstance ToProto(TaskInstanceRecord instance) => new()
    {
        DagId = instance.DagId,
        RunId = instance.RunId,
        TaskId = instance.TaskId,
        State = instance.State.Name(),
        TryNumber = instance.TryNumber,
        MaxTries = instance.MaxTries,
        StartDate = ProtoTime.ToProto(instance.StartDate),
        EndDate = ProtoTime.ToProto(instance.EndDate),
        Hostname = instance.WorkerId ?? "",
        MapIndex = instance.MapIndex,
    };

    public static Proto.V1.AffectedTaskInstance ToProto(Runtime.Operations.AffectedTaskInstance affected) => new()
    {
        DagId = affected.DagId,
        RunId = affected.RunId,
        TaskId = affected.TaskId,
        PreviousState = affected.PreviousState.Name(),
    };
}
