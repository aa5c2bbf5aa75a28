using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Tests;

public sealed class HttpRetryTests(HttpTestServer server) : IClassFixture<HttpTestServer>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly HttpCallOptions Fast = new() { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task SendAsync_ServiceUnavailableTwiceThenOk_ReturnsOkFromThirdAttempt()
    {
        var key = Guid.NewGuid().ToString("N");
        var log = new TestLogger();

        var response = await Http.SendAsync(new HttpCallRequest { Url = server.Url($"flaky/{key}") }, Fast, log).WaitAsync(Bound);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("ok after 3", response.Body);
        Assert.Equal(3, response.Attempt);
        var url = server.Url($"flaky/{key}").ToString();
        Assert.Equal(
        [
            $"GET {url} returned 503", "Retrying in 10 ms",
            $"GET {url} returned 503", "Retrying in 20 ms",
            $"GET {url} returned 200",
        ], log.Entries.Select(e => e.EventId == 101 ? e.Message[..e.Message.IndexOf(" in ", StringComparison.Ordinal)] : e.Message));
        Assert.EndsWith("(attempt 3/3)", log.Entries[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailableOnEveryAttempt_ThrowsHttpCallExceptionWithLastStatus()
    {
        var key = Guid.NewGuid().ToString("N");
        var options = new HttpCallOptions { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(10) };

        var error = await Assert.ThrowsAsync<HttpCallException>(() => Http.SendAsync(new HttpCallRequest { Url = server.Url($"flaky/{key}") }, options, new TestLogger()).WaitAsync(Bound));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(2, error.Attempts);
        Assert.Equal(2, server.Hits(key));
        Assert.Contains("busy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NotFound_FailsWithoutRetrying()
    {
        var key = Guid.NewGuid().ToString("N");
        var log = new TestLogger();

        var error = await Assert.ThrowsAsync<HttpCallException>(() => Http.SendAsync(new HttpCallRequest { Url = server.Url($"status/404/{key}") }, Fast, log).WaitAsync(Bound));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(1, server.Hits(key));
        Assert.DoesNotContain(log.Entries, e => e.Message.StartsWith("Retrying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_SlowBeyondAttemptTimeout_RetriesThenThrowsWithTimeoutInner()
    {
        var key = Guid.NewGuid().ToString("N");
        var log = new TestLogger();
        var options = new HttpCallOptions { MaxAttempts = 2, AttemptTimeout = TimeSpan.FromMilliseconds(300), InitialDelay = TimeSpan.FromMilliseconds(10) };

        var error = await Assert.ThrowsAsync<HttpCallException>(() => Http.SendAsync(new HttpCallRequest { Url = server.Url($"slow/{key}") }, options, log).WaitAsync(Bound));

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Null(error.Response);
        Assert.Equal(2, log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("failed in", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendAsync_SlowOnlyOnFirstAttempt_SucceedsOnSecond()
    {
        var key = Guid.NewGuid().ToString("N");
        // The first attempt hangs for 30 s; the timeout is generous so the fast second one never hits it on a loaded machine.
        var options = new HttpCallOptions { AttemptTimeout = TimeSpan.FromSeconds(3), InitialDelay = TimeSpan.FromMilliseconds(10) };

        var response = await Http.SendAsync(new HttpCallRequest { Url = server.Url($"slow-once/{key}") }, options, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("fast now", response.Body);
        Assert.Equal(2, response.Attempt);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_RetriesThenThrowsWithHttpRequestExceptionInner()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var log = new TestLogger();

        var error = await Assert.ThrowsAsync<HttpCallException>(() => Http.SendAsync(new HttpCallRequest { Url = new Uri($"http://127.0.0.1:{port}/") }, Fast, log).WaitAsync(Bound));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, log.Entries.Count(e => e.Level == LogLevel.Warning));
    }

    [Fact]
    public async Task SendAsync_Cancelled_ThrowsOperationCanceled()
    {
        var key = Guid.NewGuid().ToString("N");
        using var cts = new CancellationTokenSource();
        var log = new TestLogger();

        var send = Http.SendAsync(new HttpCallRequest { Url = server.Url($"slow/{key}") }, Fast, log, cts.Token);
        await Poll.UntilAsync(() => server.Hits(key) == 1, Bound, "the request to arrive");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Bound));
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void Backoff_SuccessiveAttempts_DoubleUpToMaxDelay()
    {
        var options = new HttpCallOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) };

        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(attempt => Http.Backoff(attempt, options).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(5), Http.Backoff(10_000, options));
    }
}
