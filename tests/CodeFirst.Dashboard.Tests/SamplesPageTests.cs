using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeFirst.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CodeFirst.Dashboard.Tests;

/// <summary>Every page against the sample application running as <c>standalone</c> in its own process.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SamplesPageTests(BrowserFixture browser, SamplesServer samples) : IClassFixture<SamplesServer>
{
    [Theory]
    [InlineData("", "DAGs", "dags")]
    [InlineData("#/dags/orders_etl", "DAG orders_etl", "sample-dag")]
    [InlineData("#/runs", "Runs", "runs")]
    [InlineData("#/failed", "Failed task instances", "failed")]
    [InlineData("#/assets", "Assets", "assets")]
    [InlineData("#/queues", "Queues and pools", "queues")]
    [InlineData("#/processes", "Processes", "processes")]
    [InlineData("#/backfills", "Backfills", "backfills")]
    public async Task EveryPage_SamplesServer_LoadsWithoutAnError(string route, string heading, string screenshot)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(samples.Address + route);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("main tbody tr, main .grid").First).ToBeVisibleAsync();
        await Expect(page.Locator("#status")).ToBeEmptyAsync();
        await Expect(page.Locator("main [role='alert']:not(:empty)")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "samples-" + screenshot);
    }

    [Fact]
    public async Task ProcessesPage_SamplesStandalone_RunningWithARecentHeartbeat()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(samples.Address + "#/processes");

        var row = page.Locator("tr[data-role='standalone']");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-process-state]")).ToHaveTextAsync("running");
        await Expect(row).ToContainTextAsync($" · {samples.ProcessId}");
        await Expect(row.Locator("td.heartbeat")).ToHaveTextAsync(RecentHeartbeat());
        await Expect(row).ToContainTextAsync("all queues");
        await BrowserFixture.ScreenshotAsync(page, "processes");
    }

    [Fact]
    public async Task AssetsPage_EventPostedViaTheApi_ListedWithProducerAndConsumer_ThenOnePostedFromThePage()
    {
        long id;
        using (var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version11 })
        {
            var body = """{"assetUri":"s3://lake/orders","extra":{"origin":"browser-test"}}""";
            var response = await http.PostAsync(new Uri(samples.Address, "/codefirst.v1.AssetService/CreateAssetEvent"), new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            id = long.Parse(created.RootElement.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        var page = await browser.NewPageAsync();
        await page.GotoAsync(samples.Address + "#/assets");
        var asset = page.Locator("tr[data-asset-uri='s3://lake/orders']");
        await Expect(asset).ToContainTextAsync("publish_orders.publish");
        await Expect(asset.GetByRole(AriaRole.Link, new() { Name = "refresh_order_stats" })).ToBeVisibleAsync();
        var posted = page.Locator($"#event-rows tr[data-event-id='{id}']");
        await Expect(posted).ToContainTextAsync("external (API)");
        await Expect(posted).ToContainTextAsync("browser-test");

        await page.GetByLabel("Asset URI").FillAsync("s3://lake/orders");
        await page.GetByLabel("Extra (a JSON object)").FillAsync("[1]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post event" }).ClickAsync();
        await Expect(page.Locator("#emit-error")).ToHaveTextAsync("Extra must be a JSON object.");
        await page.GetByLabel("Extra (a JSON object)").FillAsync("{\"origin\": \"the page\"}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post event" }).ClickAsync();
        var fromPage = page.Locator("#emit-result [data-event-id]");
        await Expect(fromPage).ToContainTextAsync("Posted event");
        var pageEventId = await fromPage.GetAttributeAsync("data-event-id");
        await Expect(page.Locator($"#event-rows tr[data-event-id='{pageEventId}']")).ToContainTextAsync("the page");

        await page.GetByLabel("Asset", new() { Exact = true }).SelectOptionAsync("s3://lake/orders");
        await Expect(page.Locator("#event-rows tr[data-event-id]").First).ToContainTextAsync("s3://lake/orders");
        await BrowserFixture.ScreenshotAsync(page, "assets");
    }

    [Fact]
    public async Task QueuesPage_SamplesServer_ShowsTheDefaultQueueAndPoolSlots()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(samples.Address + "#/queues");

        await Expect(page.Locator("#queue-rows tr[data-queue='default'] td")).ToHaveCountAsync(3);
        var pool = page.Locator("#pool-rows tr[data-pool='default_pool']");
        await Expect(pool).ToContainTextAsync("Default pool");
        await Expect(pool.Locator("td").First).ToHaveTextAsync("128");
        await Expect(pool.GetByRole(AriaRole.Meter)).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "queues-pools");
    }

    [Fact]
    public async Task BackfillsPage_PreviewThenStart_ProgressReachesAllDatesDone()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(samples.Address + "#/backfills");
        await page.GetByLabel("DAG").SelectOptionAsync("weather_report");
        await page.GetByLabel("From logical date (UTC)").FillAsync("2024-01-01T00:00");
        await page.GetByLabel("To (inclusive)").FillAsync("2024-01-01T02:00");
        await page.GetByLabel("Max active runs").FillAsync("2");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#backfill-plan")).ToHaveTextAsync("The backfill will run 3 of 3 logical date(s):");
        await Expect(page.Locator("#backfill-result li").First).ToContainTextAsync("2024-01-01 00:00:00 UTC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start backfill" }).ClickAsync();
        var started = page.Locator("#backfill-result [data-backfill-id]");
        await Expect(started).ToContainTextAsync("Started backfill");
        var id = await started.GetAttributeAsync("data-backfill-id");

        var row = page.Locator($"#backfill-rows tr[data-backfill-id='{id}']");
        await Expect(row.Locator(".progress-text")).ToHaveTextAsync("3 of 3 done: 3 success", new() { Timeout = 60_000 });
        await Expect(row.Locator("[data-backfill-state]")).ToHaveTextAsync("completed");
        await BrowserFixture.ScreenshotAsync(page, "backfills");

        await row.GetByRole(AriaRole.Link, new() { Name = id! }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Backfill {id}" })).ToBeVisibleAsync();
        await Expect(page.Locator("#date-rows tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#date-rows tr").First).ToContainTextAsync("backfill__2024-01-01T00:00:00");
        await Expect(page.Locator("#date-rows [data-state='success']")).ToHaveCountAsync(3);
        await BrowserFixture.ScreenshotAsync(page, "backfill");
    }

    [Fact]
    public async Task DagPage_ParamsForm_WritesTheConfTheRunGets()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(samples.Address + "#/dags/heartbeat");
        var conf = page.GetByLabel("Conf (a JSON object)");
        await Expect(page.GetByLabel("target")).ToHaveValueAsync("localhost");
        await Expect(conf).ToHaveValueAsync(new Regex("\"timeout_seconds\": 5"));

        await page.GetByLabel("timeout_seconds").FillAsync("7.5");
        await Expect(page.Locator("#trigger-error")).ToHaveTextAsync("timeout_seconds must be an integer.");
        await page.GetByLabel("timeout_seconds").FillAsync("7");
        await page.GetByLabel("target").FillAsync("db.internal");
        await Expect(page.Locator("#trigger-error")).ToBeEmptyAsync();
        await page.GetByLabel("Run id (optional)").FillAsync("params_ui");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        await Expect(page.Locator("#trigger-result [data-run-id='params_ui']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "params-form");

        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(samples.Address, "/codefirst.v1.DagRunService/GetDagRun"),
            new StringContent("""{"dagId":"heartbeat","runId":"params_ui"}""", Encoding.UTF8, "application/json"));
        using var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var sent = JsonDocument.Parse(run.RootElement.GetProperty("confJson").GetString()!);
        Assert.Equal("db.internal", sent.RootElement.GetProperty("target").GetString());
        Assert.Equal(7, sent.RootElement.GetProperty("timeout_seconds").GetInt32());
    }

    [Fact]
    public async Task DagPage_HourlySchedule_ListsTheNextFiveRunsOnTheHour()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(samples.Address + "#/dags/weather_report");

        var next = page.GetByRole(AriaRole.List, new() { Name = "Next runs" }).Locator("li");
        await Expect(next).ToHaveCountAsync(5);
        await Expect(next.First).ToHaveTextAsync(new Regex(@"^\d{4}-\d\d-\d\d \d\d:00:00 UTC runs after \d{4}-\d\d-\d\d \d\d:00:00 UTC$"));
    }

    [GeneratedRegex(@"^\s*\d{1,2} s ago")]
    private static partial Regex RecentHeartbeat();
}
