using System.Collections.Concurrent;
using CodeFirst.Grpc.Tests.Protos;

namespace CodeFirst.Grpc.Tests.Infrastructure;

/// <summary>The test service; tests learn what a handler saw through <see cref="OutcomeOf"/>, never by sleeping.</summary>
public sealed class EchoTestService
{
    public const string UserKey = "user";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _outcomes = new();

    /// <summary>Completes with "cancelled" when the call with this id saw its token fire (client cancel or deadline).</summary>
    public Task<string> OutcomeOf(string id) => Outcome(id).Task;

    public Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
    {
        context.ResponseTrailers.Add("x-echo-trailer", "done");
        return Task.FromResult(new EchoReply
        {
            Message = request.Message,
            User = context.UserState.TryGetValue(UserKey, out var user) ? (string)user : "",
        });
    }

    public async Task Count(CountRequest request, IServerStreamWriter<CountReply> responseStream, ServerCallContext context)
    {
        try
        {
            for (var i = 1; i <= request.N; i++)
            {
                await responseStream.WriteAsync(new CountReply { I = i });
                if (request.DelayMs > 0)
                {
                    await Task.Delay(request.DelayMs, context.CancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            Report(request.Id, context);
            throw;
        }
    }

    public async Task<CountReply> Sum(IAsyncStreamReader<CountReply> requestStream, ServerCallContext context)
    {
        var sum = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            sum += requestStream.Current.I;
        }

        return new CountReply { I = sum };
    }

    public async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(new EchoReply { Message = requestStream.Current.Message });
        }
    }

    public Task<EchoReply> Fail(FailRequest request, ServerCallContext context) =>
        throw new RpcException((StatusCode)request.Code, request.Message);

    public Task<EchoReply> Crash(EchoRequest request, ServerCallContext context) =>
        throw new InvalidOperationException("secret internal detail");

    public async Task<EchoReply> Wait(WaitRequest request, ServerCallContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Report(request.Id, context);
            throw;
        }

        return new EchoReply();
    }

    /// <summary>Lets a <see cref="Stubborn"/> call end.</summary>
    public void Release(string id) => Outcome("release:" + id).TrySetResult("released");

    public async Task<EchoReply> Stubborn(WaitRequest request, ServerCallContext context)
    {
        await Outcome("release:" + request.Id).Task;
        Outcome(request.Id).TrySetResult(context.CancellationToken.IsCancellationRequested ? "finished after cancel" : "finished");
        return new EchoReply { Message = "too late" };
    }

    private void Report(string id, ServerCallContext context) =>
        Outcome(id).TrySetResult(context.CancellationToken.IsCancellationRequested ? "cancelled" : "not cancelled");

    private TaskCompletionSource<string> Outcome(string id) =>
        _outcomes.GetOrAdd(id, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
