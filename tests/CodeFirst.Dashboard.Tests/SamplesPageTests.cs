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

    [GeneratedRegex(@"^\s*\d{1,2} s ago")]
    private static partial Regex RecentHeartbeat();
}
