using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CodeFirst.Server.Dashboard;

/// <summary>
/// Serves the dashboard's static files (plain HTML, ES modules and CSS embedded in this assembly) on
/// <c>GET /</c> and <c>GET /ui/{file}</c>. The page calls the control plane's Connect JSON API on the same
/// origin (<c>POST /codefirst.v1.DagService/ListDags</c>), so the API keeps its own bearer-token auth and
/// needs no CORS. The files themselves hold no data and are served without a token.
/// </summary>
internal static class DashboardEndpoints
{
    private const string ResourcePrefix = "CodeFirst.Dashboard/";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The embedded files by name (e.g. <c>app.js</c>), read once.</summary>
    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(LoadFiles);

    public static IReadOnlyCollection<string> FileNames => Files.Value.Keys;

    public static void MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", context => ServeAsync(context, "index.html"));
        endpoints.MapGet("/ui/{file}", context => ServeAsync(context, (string)context.Request.RouteValues["file"]!));
    }

    private static async Task ServeAsync(HttpContext context, string name)
    {
        if (!Files.Value.TryGetValue(name, out var content) || !ContentTypes.TryGetValue(Path.GetExtension(name), out var type))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var headers = context.Response.Headers;
        headers.ContentType = type;
        headers.CacheControl = "no-cache";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Content-Security-Policy"] = ContentSecurityPolicy;
        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content, context.RequestAborted);
    }

    private static FrozenDictionary<string, byte[]> LoadFiles()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files[resource[ResourcePrefix.Length..]] = buffer.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
