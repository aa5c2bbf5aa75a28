using CodeFirst.Runtime.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeFirst.Server.Metrics;

/// <summary>
/// Plain HTTP endpoints for orchestrators and monitoring: <c>/healthz</c> (200 when the database
/// answers, 503 otherwise) and <c>/metrics</c> (Prometheus text format). Served on every port of
/// the server; scrape the HTTP/1.1 dashboard port, as Prometheus does not speak h2c.
/// </summary>
internal static class OperationsEndpoints
{
    public static void MapOperations(this IEndpointRouteBuilder endpoints, CodeFirstEngine engine, PrometheusMetrics metrics)
    {
        endpoints.MapGet("/healthz", async Task<IResult> (HttpContext context) =>
        {
            try
            {
                await engine.Store.ListDagsAsync(context.RequestAborted);
                return Results.Text("ok\n", "text/plain");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Text($"database unavailable: {e.Message}\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        endpoints.MapGet("/metrics", async Task<IResult> (HttpContext context) =>
            Results.Text(await metrics.RenderAsync(engine.Store, context.RequestAborted), "text/plain; version=0.0.4; charset=utf-8"));
    }
}
