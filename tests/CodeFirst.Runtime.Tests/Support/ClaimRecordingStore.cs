using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Support;

/// <summary>An <see cref="IStore"/> that passes every call through and records each claim's request and what it took.</summary>
public class ClaimRecordingStore : DispatchProxy
{
    private IStore _inner = null!;

    public ConcurrentQueue<(ClaimRequest Request, IReadOnlyList<ClaimedTask> Claimed)> Claims { get; } = new();

    public static (IStore Store, ClaimRecordingStore Recorder) Wrap(IStore inner)
    {
        var store = Create<IStore, ClaimRecordingStore>();
        var recorder = (ClaimRecordingStore)(object)store;
        recorder._inner = inner;
        return (store, recorder);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        object? result;
        try
        {
            result = targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        return result is Task<ClaimBatch> claim && args is [ClaimRequest request, ..] ? RecordAsync(request, claim) : result;
    }

    private async Task<ClaimBatch> RecordAsync(ClaimRequest request, Task<ClaimBatch> claim)
    {
        var batch = await claim;
        Claims.Enqueue((request, [.. batch]));
        return batch;
    }
}
