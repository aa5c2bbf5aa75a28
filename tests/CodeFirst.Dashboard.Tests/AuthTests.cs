using System.Net;
using System.Text;
using CodeFirst.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CodeFirst.Dashboard.Tests;

/// <summary>With a token configured, the page asks for it and the API refuses calls without it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuthTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly DashboardHost _host = new() { WithToken = true };

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task WithATokenConfigured_ThePageAsksForIt_AndCallsWithoutItFail()
    {
        using (var http = new HttpClient())
        {
            var page0 = await http.GetAsync(_host.Address);
            Assert.Equal(HttpStatusCode.OK, page0.StatusCode); // the static page holds no data
            var call = await http.PostAsync(new Uri(_host.Address, "/codefirst.v1.DagService/ListDags"), new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
            Assert.Contains("unauthenticated", await call.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var page = await browser.NewPageAsync();
        await page.GotoAsync(_host.Address.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API token required" })).ToBeVisibleAsync();

        await page.GetByLabel("API token").FillAsync("wrong-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The token was refused");

        await page.GetByLabel("API token").FillAsync(_host.Token!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();
        await Expect(page.Locator("tr[data-dag-id='passing']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "after-token");
        Assert.Equal(_host.Token, await page.EvaluateAsync<string>("sessionStorage.getItem('codefirst.token')"));
    }
}
