using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CodeFirst.Dashboard.Tests.Infrastructure;

namespace CodeFirst.Dashboard.Tests;

/// <summary>/healthz and /metrics on the HTTP/1.1 port, as orchestrators and Prometheus use them.</summary>
public sealed partial class OperationsEndpointsTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Healthz_DatabaseAnswers_Ok()
    {
        var response = await Http.GetAsync(new Uri(host.Address, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_AfterARun_ParsesAsPrometheusTextAndCountsTheTasks()
    {
        var before = Sample(await ScrapeAsync(), "codefirst_task_instances_finished_total", "dag_id=\"passing\",outcome=\"success\"");
        var trigger = await Http.PostAsJsonAsync(new Uri(host.Address, "/codefirst.v1.DagRunService/TriggerDagRun"), new { dag_id = "passing", run_id = "metrics-run" });
        Assert.True(trigger.IsSuccessStatusCode, await trigger.Content.ReadAsStringAsync());
        await WaitForRunAsync("passing", "metrics-run");

        var text = await ScrapeAsync();

        AssertValidExposition(text);
        var after = Sample(text, "codefirst_task_instances_finished_total", "dag_id=\"passing\",outcome=\"success\"");
        Assert.True(after >= before + 2, $"expected the passing DAG's two tasks to be counted: before {before}, after {after}\n{text}");
        Assert.True(Sample(text, "codefirst_task_duration_seconds_count", "dag_id=\"passing\"") >= 2);
        Assert.Equal(128, Sample(text, "codefirst_pool_slots", "pool=\"default_pool\""));
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await Http.GetAsync(new Uri(host.Address, "/metrics"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    // The run happens in the host's engine; its state is read through the same API a client uses.
    private async Task WaitForRunAsync(string dagId, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var response = await Http.PostAsJsonAsync(new Uri(host.Address, "/codefirst.v1.DagRunService/GetDagRun"), new { dag_id = dagId, run_id = runId });
            var run = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            if ((string?)run?["state"] is "success" or "failed") return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{dagId}/{runId} did not finish.");
    }

    private static double Sample(string text, string name, string labels)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith($"{name}{{{labels}}} ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    // Prometheus text format 0.0.4: HELP/TYPE comments, then samples of declared families.
    private static void AssertValidExposition(string text)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                declared.Add(parts[2]);
                continue;
            }
            if (line.StartsWith("# HELP ", StringComparison.Ordinal)) continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var family = Regex.Replace(match.Groups["name"].Value, "_(bucket|sum|count)$", "");
            Assert.True(declared.Contains(match.Groups["name"].Value) || declared.Contains(family), $"sample of an undeclared family: {line}");
        }
        Assert.NotEmpty(declared);
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? (-?[0-9.]+([eE][+-]?[0-9]+)?|NaN|[+-]Inf)$""")]
    private static partial Regex SampleLine();
}
