using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CodeFirst.Dashboard.Tests.Infrastructure;
using CodeFirst.Server.Cli;

namespace CodeFirst.Dashboard.Tests;

/// <summary>The <c>api</c> and <c>standalone</c> options that host the dashboard (no browser needed).</summary>
public sealed partial class CliHostingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("codefirst-dash-cli-").FullName;

    private string Db => Path.Combine(_directory, "codefirst.db");

    [Fact]
    public async Task Api_WithDashboard_ServesThePageAndTheJsonApiOnOneHttp1Port()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new LineSignal("CodeFirst api:");
        var run = new CliApplication(DashboardDags.All, null, output, new StringWriter())
            .RunAsync(["api", "--db", Db, "--listen", "127.0.0.1:0", "--dashboard", "127.0.0.1:0"], stop.Token);
        var line = await output.Seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var match = DashboardLine().Match(line);
        Assert.True(match.Success, line);
        var address = new Uri(match.Groups[1].Value);

        using (var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version11 })
        {
            var page = await http.GetStringAsync(address);
            Assert.Contains("<script type=\"module\" src=\"/ui/app.js\">", page, StringComparison.Ordinal);
            var script = await http.GetAsync(new Uri(address, "/ui/app.js"));
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.Contains("default-src 'self'", script.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(address, "/ui/missing.js"))).StatusCode);

            var dags = await http.PostAsync(new Uri(address, "/codefirst.v1.DagService/ListDags"), new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, dags.StatusCode);
            Assert.Contains("\"dagId\": \"passing\"", await dags.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Api_NoDashboard_SaysItIsOff()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new LineSignal("CodeFirst api:");
        var run = new CliApplication(DashboardDags.All, null, output, new StringWriter())
            .RunAsync(["api", "--db", Db, "--listen", "127.0.0.1:0", "--no-dashboard"], stop.Token);
        var line = await output.Seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(", dashboard off,", line, StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("nowhere", "Error: --dashboard 'nowhere' is not an address and port")]
    [InlineData("0.0.0.0:0", "Error: Refusing to serve the dashboard on 0.0.0.0:0: it is not a loopback address and auth is off")]
    public async Task Api_BadDashboardAddress_RefusesSayingWhy(string dashboard, string message)
    {
        var error = new StringWriter();
        var code = await new CliApplication(DashboardDags.All, null, new StringWriter(), error)
            .RunAsync(["api", "--db", Db, "--listen", "127.0.0.1:0", "--dashboard", dashboard]).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, code);
        Assert.StartsWith(message, error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"dashboard on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex DashboardLine();

    /// <summary>Completes <see cref="Seen"/> with the first line starting with a prefix.</summary>
    private sealed class LineSignal(string prefix) : StringWriter
    {
        public TaskCompletionSource<string> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task WriteLineAsync(string? value)
        {
            if (value?.StartsWith(prefix, StringComparison.Ordinal) == true) Seen.TrySetResult(value);
            return base.WriteLineAsync(value);
        }

        public override void WriteLine(string? value)
        {
            if (value?.StartsWith(prefix, StringComparison.Ordinal) == true) Seen.TrySetResult(value);
            base.WriteLine(value);
        }
    }
}
