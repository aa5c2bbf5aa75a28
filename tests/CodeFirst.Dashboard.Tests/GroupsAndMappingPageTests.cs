using System.Text.RegularExpressions;
using CodeFirst.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CodeFirst.Dashboard.Tests;

/// <summary>Task groups (orders_quality) and a mapped task (invoice_totals) of the sample application, in the grid, the graph, the Gantt and the task page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupsAndMappingPageTests(BrowserFixture browser, SamplesServer samples) : IClassFixture<SamplesServer>
{
    private static readonly LocatorAssertionsToHaveAttributeOptions RunEnds = new() { Timeout = 60_000 };

    [Fact]
    public async Task DagPage_TaskGroups_GridHasGroupHeadersOverTheirTasks_GraphDrawsALabelledBoxAroundThem()
    {
        var page = await TriggerFromTheDagPageAsync("orders_quality", "groups_ui");

        // Each group's header row comes first, its tasks follow (named without the group prefix), ungrouped tasks after.
        var rows = page.Locator(".grid tbody tr");
        await Expect(rows).ToHaveCountAsync(8);
        string[] expected = ["group:ingestion", "ingestion.read", "ingestion.profile", "group:quality", "quality.check_not_empty", "quality.check_amounts", "quality.check_currency", "publish"];
        for (var i = 0; i < expected.Length; i++)
        {
            var row = rows.Nth(i);
            var group = await row.GetAttributeAsync("data-group");
            Assert.Equal(expected[i], group is null ? await row.GetAttributeAsync("data-task-row") : "group:" + group);
        }
        await Expect(page.Locator("tr.group-row[data-group='ingestion'] th")).ToContainTextAsync("ingestion (2)");
        await Expect(page.Locator("tr.group-row[data-group='quality'] th")).ToContainTextAsync("quality (3)");
        await Expect(page.Locator("tr[data-task-row='ingestion.read'] th")).ToHaveTextAsync("read");
        await Expect(page.Locator(".grid .group-state[data-run-id='groups_ui'][data-group='quality']")).ToHaveAttributeAsync("data-state", "success");

        // The graph: one labelled box per group, enclosing its tasks and nothing else.
        var box = page.Locator("#graph svg g.group-box[data-group='quality']");
        await Expect(box.Locator("text")).ToHaveTextAsync("quality");
        await Expect(page.Locator("#graph svg g.group-box[data-group='ingestion'] text")).ToHaveTextAsync("ingestion");
        await Expect(page.Locator("#graph svg a[data-task-id='quality.check_amounts']")).ToHaveAttributeAsync("data-group", "quality");
        var frame = (await box.Locator("rect").BoundingBoxAsync())!;
        foreach (var task in new[] { "quality.check_not_empty", "quality.check_amounts", "quality.check_currency" })
            Assert.True(Inside(await NodeAsync(page, task), frame), $"{task} is drawn outside the quality box");
        foreach (var task in new[] { "ingestion.profile", "publish" })
            Assert.False(Inside(await NodeAsync(page, task), frame), $"{task} is drawn inside the quality box");
        await BrowserFixture.ScreenshotAsync(page, "task-groups");
    }

    [Fact]
    public async Task DagPage_MappedTask_OneGridCellWithTheCount_TaskPageListsEveryInstance()
    {
        var page = await TriggerFromTheDagPageAsync("invoice_totals", "mapped_ui");

        var cell = page.Locator("a.cell[data-run-id='mapped_ui'][data-task-id='process_file']");
        await Expect(cell).ToHaveCountAsync(1);
        await Expect(cell).ToHaveAttributeAsync("data-mapped", "3");
        await Expect(cell).ToHaveAttributeAsync("aria-label", "process_file in mapped_ui: success, 3 mapped");
        await Expect(cell).ToHaveAttributeAsync("data-state", "success");
        await Expect(page.Locator("#graph svg a[data-task-id='process_file'] text")).ToHaveTextAsync("process_file [3]");
        var bar = page.Locator("#gantt a[data-task-id='process_file']");
        await Expect(bar).ToHaveCountAsync(1);
        await Expect(bar).ToHaveAttributeAsync("aria-label", new Regex(@"^process_file: success \(3 mapped\), "));
        await BrowserFixture.ScreenshotAsync(page, "mapped-grid");

        await cell.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Task process_file" })).ToBeVisibleAsync();
        var instances = page.Locator("#mapped-rows tr");
        await Expect(instances).ToHaveCountAsync(3);
        await Expect(instances.Locator("td.num:first-child")).ToHaveTextAsync(["0", "1", "2"]);
        await Expect(instances.Locator(".badge[data-state='success']")).ToHaveCountAsync(3);
        await Expect(page.Locator("#mapped-title")).ToContainTextAsync("3 mapped");
        await Expect(page.Locator("#map-index")).ToHaveTextAsync("0 of 3 mapped");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show [2]" }).ClickAsync();
        await Expect(page.Locator("#map-index")).ToHaveTextAsync("2 of 3 mapped");
        await Expect(page.Locator("#mapped-rows tr[data-map-index='2']")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.Locator("#mapped-rows tr[aria-current]")).ToHaveCountAsync(1);
        // The log and XComs follow the chosen instance.
        await Expect(page.Locator("#log-title")).ToHaveTextAsync("Log of try 1 (map index 2)");
        await BrowserFixture.ScreenshotAsync(page, "mapped-task");
    }

    /// <summary>Opens the DAG's page, triggers <paramref name="runId"/> with its form and waits until the grid shows the run succeeded.</summary>
    private async Task<IPage> TriggerFromTheDagPageAsync(string dagId, string runId)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(samples.Address + "#/dags/" + dagId);
        await page.GetByLabel("Run id (optional)").FillAsync(runId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        await Expect(page.Locator($".grid .state[data-run-id='{runId}']")).ToHaveAttributeAsync("data-state", "success", RunEnds);
        return page;
    }

    private static async Task<LocatorBoundingBoxResult> NodeAsync(IPage page, string taskId) =>
        (await page.Locator($"#graph svg a[data-task-id='{taskId}'] rect").BoundingBoxAsync())!;

    private static bool Inside(LocatorBoundingBoxResult node, LocatorBoundingBoxResult frame) =>
        node.X >= frame.X && node.Y >= frame.Y && node.X + node.Width <= frame.X + frame.Width && node.Y + node.Height <= frame.Y + frame.Height;
}
