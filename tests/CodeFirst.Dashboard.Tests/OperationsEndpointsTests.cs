using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeFirst.Dashboard.Tests.Infrastructure;

namespace CodeFirst.Dashboard.Tests;

/// <summary>/healthz and /metrics on the HTTP/1.1 port, as orchestrators and Prometheus use them.</summary>
public sealed class OperationsEndpointsTests(DashboardHost host) : IClassFixture<DashboardHost>
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
        var before = PrometheusText.Sample(await ScrapeAsync(), "codefirst_task_instances_finished_total", "dag_id=\"passing\",outcome=\"success\"");
        var trigger = await Http.PostAsJsonAsync(new Uri(host.Address, "/codefirst.v1.DagRunService/TriggerDagRun"), new { dag_id = "passing", run_id = "metrics-run" });
        Assert.True(trigger.IsSuccessStatusCode, await trigger.Content.ReadAsStringAsync());
        await WaitForRunAsync("passing", "metrics-run");

        var text = await ScrapeAsync();

        PrometheusText.AssertValid(text);
        var after = PrometheusText.Sample(text, "codefirst_task_instances_finished_total", "dag_id=\"passing\",outcome=\"success\"");
        Assert.True(after >= before + 2, $"expected the passing DAG's two tasks to be counted: before {before}, after {after}\n{text}");
        Assert.True(PrometheusText.Sample(text, "codefirst_task_duration_seconds_count", "dag_id=\"passing\"") >= 2);
        Assert.Equal(128, PrometheusText.Sample(text, "codefirst_pool_slots", "pool=\"default_pool\""));
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
}
