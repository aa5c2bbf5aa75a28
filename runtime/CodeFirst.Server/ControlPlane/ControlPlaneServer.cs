using System.Net;
using CodeFirst.Grpc;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Auth;
using CodeFirst.Server.ControlPlane.Services;
using CodeFirst.Server.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.ControlPlane;

/// <summary>
/// The gRPC control plane on Kestrel (HTTP/2 cleartext, or TLS when configured), serving one
/// engine: its DAGs, its store and its events.
/// </summary>
internal sealed class ControlPlaneServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlPlaneServer(WebApplication app, Uri address, Uri? dashboardAddress)
    {
        _app = app;
        Address = address;
        DashboardAddress = dashboardAddress;
    }

    /// <summary>The address clients use, with the actual port when port 0 was asked for.</summary>
    public Uri Address { get; }

    /// <summary>The web dashboard's address (actual port), or null when it is off.</summary>
    public Uri? DashboardAddress { get; }

    /// <summary>
    /// Starts listening. Refuses (with <see cref="ControlPlaneStartException"/>) a non-loopback
    /// address while auth is off: no token exists and <c>--auth required</c> was not given.
    /// </summary>
    public static async Task<ControlPlaneServer> StartAsync(
        CodeFirstEngine engine, ControlPlaneOptions options, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        if (engine.Store is not (IAccessStore access and IDagRunQueries queries))
        {
            throw new ControlPlaneStartException(
                $"The {engine.Store.GetType().Name} database does not support the control plane yet (it needs {nameof(IAccessStore)} and {nameof(IDagRunQueries)}); " +
                "run with --no-api, or use the SQLite store.");
        }

        await engine.Store.MigrateAsync(cancellationToken);
        var tokens = await access.HasAnyTokensAsync(cancellationToken);
        if (!IPAddress.IsLoopback(options.Listen.Address) && options.Auth != AuthMode.Required && !tokens)
        {
            throw new ControlPlaneStartException(
                $"Refusing to listen on {options.Listen}: it is not a loopback address and auth is off (no API token exists). " +
                "Create a token first ('tokens create --name admin --role admin') or pass '--auth required'.");
        }

        if (options.Dashboard is { } dashboardEndpoint && !IPAddress.IsLoopback(dashboardEndpoint.Address) && options.Auth != AuthMode.Required && !tokens)
        {
            throw new ControlPlaneStartException(
                $"Refusing to serve the dashboard on {dashboardEndpoint}: it is not a loopback address and auth is off (no API token exists). " +
                "Create a token first ('tokens create --name admin --role admin'), pass '--auth required', or pass '--no-dashboard'.");
        }

        await engine.Store.SyncDagsAsync([.. engine.Dags.Dags.Select(d => (d.DagId, d.Definition.IsPausedUponCreation))], cancellationToken);

        if (options.Dashboard is { } wanted && !options.DashboardRequired)
        {
            // The CLI's default dashboard port: when it is taken, serve the control plane without the dashboard.
            try
            {
                return await StartAppAsync(engine, options, wanted, access, queries, tokens, logging, cancellationToken);
            }
            catch (IOException e)
            {
                var server = await StartAppAsync(engine, options, null, access, queries, tokens, logging, cancellationToken);
                server.DashboardProblem = $"{wanted} is not available: {e.Message}";
                return server;
            }
        }

        return await StartAppAsync(engine, options, options.Dashboard, access, queries, tokens, logging, cancellationToken);
    }

    /// <summary>Why the dashboard is off although it was asked for (its default port was taken); null otherwise.</summary>
    public string? DashboardProblem { get; private set; }

    private static async Task<ControlPlaneServer> StartAppAsync(
        CodeFirstEngine engine, ControlPlaneOptions options, IPEndPoint? dashboard, IAccessStore access, IDagRunQueries queries, bool tokens,
        Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        ListenOptions? listen = null;
        ListenOptions? dashboardListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenGrpcWire(options.Listen, l =>
            {
                if (options.TlsCertificatePath is { } certificate) l.UseHttps(certificate, options.TlsCertificatePassword);
                listen = l;
            });
            if (dashboard is { })
            {
                // HTTP/1.1 for browsers: the page and the Connect JSON API on one origin (no CORS).
                kestrel.Listen(dashboard, l =>
                {
                    l.Protocols = HttpProtocols.Http1;
                    if (options.TlsCertificatePath is { } certificate) l.UseHttps(certificate, options.TlsCertificatePassword);
                    dashboardListen = l;
                });
            }
        });
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, CommandLineLifetime>();
        builder.Services.AddGrpcWire(wire => wire.MaxReceiveMessageSize = options.MaxReceiveMessageSize);
        builder.Services.AddSingleton<IServerCallInterceptor>(services =>
            new BearerTokenInterceptor(access, options.Auth, services.GetRequiredService<ILoggerFactory>().CreateLogger("CodeFirst.ControlPlane")));

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CodeFirst.ControlPlane");
        var audit = new AuditTrail(access, engine.Time, logger);
        app.MapControlPlane(
            new DagGrpcService(engine, audit),
            new DagRunGrpcService(engine, queries, audit),
            new DagRunWatcher(engine, options.PollInterval),
            new BackfillGrpcService(engine, audit),
            new TaskInstanceGrpcService(engine, queries, audit, options.PollInterval),
            new AssetGrpcService(engine, audit),
            new PoolGrpcService(engine.Store, audit),
            new MonitorGrpcService(engine));
        if (dashboard is not null) app.MapDashboard();
        var metrics = new Metrics.PrometheusMetrics(engine, options.MetricsGaugesMaxAge);
        app.Lifetime.ApplicationStopped.Register(metrics.Dispose);
        Metrics.OperationsEndpoints.MapOperations(app, engine, metrics);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = listen!.IPEndPoint!;
        var scheme = options.TlsCertificatePath is null ? "http" : "https";
        var address = new Uri($"{scheme}://{bound}");
        ControlPlaneLog.Listening(logger, address.ToString(), options.Auth == AuthMode.Required ? "required" : tokens ? "tokens" : "off (loopback, no tokens)");
        var dashboardAddress = dashboardListen is null ? null : new Uri($"{scheme}://{dashboardListen.IPEndPoint!}/");
        return new ControlPlaneServer(app, address, dashboardAddress);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
