namespace CodeFirst.Tasks.Tests;

public sealed class HttpRequestTests(HttpTestServer server) : IClassFixture<HttpTestServer>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SendAsync_JsonBodyAndHeaders_AreSentAsGiven()
    {
        var request = HttpCallRequest.Json(HttpMethod.Post, server.Url("echo"), new { RunId = "run 1", Count = 2 }, new Dictionary<string, string> { ["X-Test"] = "abc" });

        var response = await Http.SendAsync(request, null, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("""{"runId":"run 1","count":2}""", response.Body);
        Assert.Equal(["abc"], response.Headers["x-echo-test"]);
        Assert.Equal(["POST"], response.Headers["X-Echo-Method"]);
        Assert.Equal(["application/json; charset=utf-8"], response.Headers["X-Echo-Content-Type"]);
        Assert.Equal(2, response.ReadJson<Echoed>()!.Count);
    }

    [Fact]
    public async Task SendAsync_ContentTypeInHeaders_OverridesMediaType()
    {
        var request = new HttpCallRequest
        {
            Method = HttpMethod.Post,
            Url = server.Url("echo"),
            Body = "<x/>",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/xml" },
        };

        var response = await Http.SendAsync(request, null, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("<x/>", response.Body);
        Assert.Equal(["application/xml"], response.Headers["X-Echo-Content-Type"]);
    }

    [Fact]
    public async Task SendAsync_ExpectedStatusCodesIncludeNotFound_ReturnsTheResponse()
    {
        var key = Guid.NewGuid().ToString("N");

        var response = await Http.SendAsync(new HttpCallRequest { Url = server.Url($"status/404/{key}") }, new HttpCallOptions { ExpectedStatusCodes = [404] }, new TestLogger()).WaitAsync(Bound);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("status 404", response.Body);
    }

    [Fact]
    public async Task SendAsync_OkNotInExpectedStatusCodes_FailsWithoutRetrying()
    {
        var key = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<HttpCallException>(
            () => Http.SendAsync(new HttpCallRequest { Url = server.Url($"status/200/{key}") }, new HttpCallOptions { ExpectedStatusCodes = [201] }, new TestLogger()).WaitAsync(Bound));

        Assert.Equal(200, error.StatusCode);
        Assert.Equal(1, server.Hits(key));
    }

    [Fact]
    public async Task SendAsync_ResponseCheckFalse_ThrowsHttpCallExceptionWithoutRetrying()
    {
        var key = Guid.NewGuid().ToString("N");
        var options = new HttpCallOptions { ResponseCheck = r => r.Body.Contains("ready", StringComparison.Ordinal) };

        var error = await Assert.ThrowsAsync<HttpCallException>(() => Http.SendAsync(new HttpCallRequest { Url = server.Url($"status/200/{key}") }, options, new TestLogger()).WaitAsync(Bound));

        Assert.Contains("response check failed", error.Message, StringComparison.Ordinal);
        Assert.Equal("status 200", error.Response!.Body);
        Assert.Equal(1, server.Hits(key));
    }

    [Fact]
    public async Task SendAsync_ResponseCheckTrue_ReturnsTheResponse()
    {
        var key = Guid.NewGuid().ToString("N");
        var options = new HttpCallOptions { ResponseCheck = r => r.Body == "status 200" };

        var response = await Http.SendAsync(new HttpCallRequest { Url = server.Url($"status/200/{key}") }, options, new TestLogger()).WaitAsync(Bound);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task SendAsync_InjectedClient_SendsThroughIt()
    {
        using var client = new HttpClient(new HeaderAddingHandler("X-Injected", "yes") { InnerHandler = new SocketsHttpHandler() });

        var response = await Http.SendAsync(new HttpCallRequest { Url = server.Url("headers") }, new HttpCallOptions { Client = client }, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("yes", response.Body);
    }

    [Fact]
    public async Task SendAsync_TaskContext_LogsTheAttemptToContextLog()
    {
        var key = Guid.NewGuid().ToString("N");
        var log = new TestLogger();

        await Http.SendAsync(TestContexts.Create(log), new HttpCallRequest { Url = server.Url($"status/202/{key}") }).WaitAsync(Bound);

        var entry = Assert.Single(log.Entries);
        Assert.StartsWith($"GET {server.Url($"status/202/{key}")} returned 202 in ", entry.Message, StringComparison.Ordinal);
    }

    private sealed record Echoed(string RunId, int Count);

    private sealed class HeaderAddingHandler(string name, string value) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(name, value);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
