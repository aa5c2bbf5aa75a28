using System.Net;
using System.Text;
using CodeFirst.Dashboard.Tests.Infrastructure;
using CodeFirst.Runtime.Storage;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CodeFirst.Dashboard.Tests;

/// <summary>The queues, pools and processes pages with work in flight and a dead process, on the in-process host.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MonitorPageTests(BrowserFixture browser, DashboardHost host)
{
    private async Task CallAsync(string method, string json)
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(host.Address, $"/codefirst.v1.{method}"), new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task QueuesPage_RunningTask_CountedInItsQueueAndPoolThenGone()
    {
        await CallAsync("PoolService/SetPool", """{"name":"gates","slots":4,"description":"gated tasks"}""");
        await CallAsync("DagRunService/TriggerDagRun", """{"dagId":"gated","runId":"gate_ui"}""");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address + "#/queues");
        try
        {
            var queue = page.Locator("#queue-rows tr[data-queue='slow_lane']");
            await Expect(queue.Locator("td.running")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
            await Expect(queue.Locator("td.queued")).ToHaveTextAsync("0");
            var pool = page.Locator("#pool-rows tr[data-pool='gates']");
            await Expect(pool.Locator("td.used")).ToHaveTextAsync("2");
            await Expect(pool.Locator("td.open")).ToHaveTextAsync("2");
            await Expect(pool.GetByRole(AriaRole.Meter, new() { Name = "gates: 2 of 4 slots used" })).ToHaveAttributeAsync("value", "2");
            await BrowserFixture.ScreenshotAsync(page, "queues-busy");
        }
        finally
        {
            DashboardDags.Open("gate_ui");
        }
        await Expect(page.Locator("#queue-rows tr[data-queue='slow_lane'] td.running")).ToHaveTextAsync("0", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task ProcessesPage_DeadProcess_ShownDeadAndHiddenByAliveOnly()
    {
        var now = DateTimeOffset.UtcNow;
        await host.Store.RecordProcessAsync(
            new ProcessRecord("ui-dead-triggerer", "triggerer", "gone-host", 4711, [], 0, now.AddHours(-1), now.AddMinutes(-10), TimeSpan.FromSeconds(10), 0, 3),
            CancellationToken.None);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address + "#/processes");

        var dead = page.Locator("tr[data-process-id='ui-dead-triggerer']");
        await Expect(dead.Locator("[data-process-state]")).ToHaveTextAsync("dead");
        await Expect(dead.Locator("[data-process-state]")).ToHaveCSSAsync("background-color", "rgb(208, 0, 0)");
        await Expect(dead).ToContainTextAsync("gone-host · 4711");
        await Expect(dead.Locator("td.heartbeat")).ToContainTextAsync("10 min ago");
        await Expect(page.Locator("tr[data-role='scheduler+worker'] [data-process-state]")).ToHaveTextAsync("running");
        await BrowserFixture.ScreenshotAsync(page, "processes-dead");

        await page.GetByLabel("Alive only").CheckAsync();
        await Expect(dead).ToHaveCountAsync(0);
        await Expect(page.Locator("tr[data-role='scheduler+worker']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task TaskPage_RunningTry_LogFollowedLiveThenTheTryFinishes()
    {
        await CallAsync("PoolService/SetPool", """{"name":"gates","slots":4}""");
        await CallAsync("DagRunService/TriggerDagRun", """{"dagId":"gated","runId":"live_ui"}""");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address + "#/dags/gated/runs/live_ui/tasks/wait");
        try
        {
            await Expect(page.Locator("#ti-state-badge")).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 30_000 });
            await Expect(page.Locator("#log")).ToContainTextAsync("waiting at the gate");
            await BrowserFixture.ScreenshotAsync(page, "task-live-log");
        }
        finally
        {
            DashboardDags.Open("live_ui");
        }
        await Expect(page.Locator("#ti-state-badge")).ToHaveAttributeAsync("data-state", "success", new() { Timeout = 30_000 });
        await Expect(page.Locator("#log")).ToContainTextAsync("waiting at the gate");
    }
}
