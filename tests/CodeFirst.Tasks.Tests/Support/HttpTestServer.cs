using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Tests;

/// <summary>A real Kestrel on a free loopback port. Endpoints that keep state take a per-test key.</summary>
public sealed class HttpTestServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri Url(string path) => new(BaseAddress, path);

    public int Hits(string key) => _hits.GetValueOrDefault(key);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private int Hit(string key) => _hits.AddOrUpdate(key, 1, (_, n) => n + 1);

    private void Map(WebApplication app)
    {
        app.MapGet("/flaky/{key}", (string key) =>
        {
            var n = Hit(key);
            return n <= 2 ? Results.Text("busy", statusCode: 503) : Results.Text($"ok after {n}");
        });
        app.MapGet("/status/{code:int}/{key}", (int code, string key) =>
        {
            Hit(key);
            return Results.Text($"status {code}", statusCode: code);
        });
        app.MapGet("/slow/{key}", async (string key, HttpContext context) =>
        {
            Hit(key);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Text("too late");
        });
        app.MapGet("/slow-once/{key}", async (string key, HttpContext context) =>
        {
            if (Hit(key) == 1) await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Text("fast now");
        });
        app.MapPost("/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Response.Headers["X-Echo-Test"] = context.Request.Headers["X-Test"].ToString();
            context.Response.Headers["X-Echo-Content-Type"] = context.Request.ContentType ?? "";
            context.Response.Headers["X-Echo-Method"] = context.Request.Method;
            return Results.Text(body, "application/json");
        });
        app.MapGet("/headers", (HttpContext context) => Results.Text(context.Request.Headers["X-Injected"].ToString()));
    }
}
