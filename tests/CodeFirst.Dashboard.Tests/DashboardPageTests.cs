using CodeFirst.Dashboard.Tests.Infrastructure;
using CodeFirst.Runtime.State;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CodeFirst.Dashboard.Tests;

/// <summary>The dashboard in headless chromium against a real engine and control plane; waits are Playwright's auto-waiting assertions.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPageTests(BrowserFixture browser, DashboardHost host)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions RunEnds = new() { Timeout = 30_000 };

    [Fact]
    public async Task DagsPage_ListsDags_AndTriggerShowsTheRunFinishing()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address.ToString());

        var row = page.Locator("tr[data-dag-id='passing']");
        await Expect(row).ToContainTextAsync("Two tasks passing a value");
        await Expect(row.Locator(".tag")).ToHaveTextAsync("demo");
        await Expect(page.Locator("tr[data-dag-id='flaky']")).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Switch)).ToBeCheckedAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Trigger passing" }).ClickAsync();
        var notice = page.Locator("#dags-notice [data-run-id]");
        await Expect(notice).ToContainTextAsync("Triggered");
        var runId = await notice.GetAttributeAsync("data-run-id");
        await Expect(row.Locator($"a.state[data-run-id='{runId}']")).ToHaveAttributeAsync("data-state", "success", RunEnds);
        await BrowserFixture.ScreenshotAsync(page, "dags");
    }

    [Fact]
    public async Task DagPage_TriggerWithConf_RunFinishesInGridAndGraph_ThenTaskPageShowsLogAndXCom()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address + "#/dags/passing");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "DAG passing" })).ToBeVisibleAsync();

        // Validated in the page: not JSON, then not an object.
        var conf = page.GetByLabel("Conf (a JSON object)");
        await conf.FillAsync("{not json");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        await Expect(page.Locator("#trigger-error")).ToContainTextAsync("Conf must be a JSON object");
        await conf.FillAsync("[1, 2]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        await Expect(page.Locator("#trigger-error")).ToHaveTextAsync("Conf must be a JSON object.");

        // Refused by the server: shown in the page.
        await conf.FillAsync("{\"source\": \"ui\"}");
        await page.GetByLabel("Run id (optional)").FillAsync("dup_run");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        await Expect(page.Locator("#trigger-result [data-run-id='dup_run']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        await Expect(page.Locator("#trigger-error")).ToContainTextAsync("The server refused the run");

        var cell = page.Locator("a.cell[data-run-id='dup_run'][data-task-id='consume']");
        await Expect(cell).ToHaveAttributeAsync("data-state", "success", RunEnds);
        await Expect(cell).ToHaveCSSAsync("background-color", "rgb(0, 128, 0)"); // Airflow's success green
        await Expect(page.Locator(".grid .state[data-run-id='dup_run']")).ToHaveAttributeAsync("data-state", "success", RunEnds);
        await Expect(page.Locator("#graph svg rect[data-state='success']")).ToHaveCountAsync(2);
        await Expect(page.Locator("#graph svg path[marker-end]")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "dag-grid-graph");

        await page.Locator("a.cell[data-run-id='dup_run'][data-task-id='produce']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Task produce" })).ToBeVisibleAsync();
        await Expect(page.Locator("#ti-state-badge")).ToHaveAttributeAsync("data-state", "success");
        await Expect(page.Locator("#log")).ToContainTextAsync("producing 41");
        await Expect(page.Locator("#xcoms")).ToContainTextAsync("41");
        await BrowserFixture.ScreenshotAsync(page, "task-instance");
    }

    [Fact]
    public async Task TaskPage_ClearFailedTask_PreviewsThenRerunsIt()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address + "#/dags/flaky");
        await page.GetByLabel("Run id (optional)").FillAsync("flaky_ui");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        var work = page.Locator("a.cell[data-run-id='flaky_ui'][data-task-id='work']");
        await Expect(work).ToHaveAttributeAsync("data-state", "failed", RunEnds);
        await Expect(page.Locator("a.cell[data-run-id='flaky_ui'][data-task-id='report']")).ToHaveAttributeAsync("data-state", "upstream_failed", RunEnds);

        await work.ClickAsync();
        await Expect(page.Locator("#ti-state-badge")).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.Locator("#log")).ToContainTextAsync("first try always fails");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview clear" }).ClickAsync();
        await Expect(page.Locator("#clear-preview-text")).ToHaveTextAsync("Clearing will reset 2 task instance(s):");
        await Expect(page.Locator("#clear-result")).ToContainTextAsync("report");
        await BrowserFixture.ScreenshotAsync(page, "clear-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear", Exact = true }).ClickAsync();
        await Expect(page.Locator("#clear-result")).ToContainTextAsync("Cleared 2 task instance(s).");

        await Expect(page.Locator("#ti-state-badge")).ToHaveAttributeAsync("data-state", "success", RunEnds);
        await Expect(page.Locator("#try-number")).ToHaveTextAsync("2");
        await Expect(page.Locator("#log")).ToContainTextAsync("try 2 working");
        var tries = page.GetByRole(AriaRole.Table, new() { Name = "Tries" });
        await Expect(tries.Locator("tr[data-try-row='1'] .badge")).ToHaveAttributeAsync("data-state", "failed");
        await Expect(tries.Locator("tr[data-try-row='2'] .badge")).ToHaveAttributeAsync("data-state", "success");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log of try 1" }).ClickAsync();
        await Expect(page.Locator("#log-title")).ToHaveTextAsync("Log of try 1");
        await Expect(page.Locator("#log")).ToContainTextAsync("first try always fails");
        await BrowserFixture.ScreenshotAsync(page, "task-tries");
        await page.GetByRole(AriaRole.Link, new() { Name = "flaky" }).First.ClickAsync();
        await Expect(page.Locator("a.cell[data-run-id='flaky_ui'][data-task-id='report']")).ToHaveAttributeAsync("data-state", "success", RunEnds);
    }

    [Fact]
    public async Task RunsAndFailedPages_FilterRunsAndBulkClearFailedTasks()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address + "#/dags/failing");
        await page.GetByLabel("Run id (optional)").FillAsync("failing_ui");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        await Expect(page.Locator(".grid .state[data-run-id='failing_ui']")).ToHaveAttributeAsync("data-state", "failed", RunEnds);

        await page.GetByRole(AriaRole.Link, new() { Name = "Runs", Exact = true }).ClickAsync();
        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("failed");
        await Expect(page.Locator("#run-rows tr[data-run-id='failing_ui']")).ToBeVisibleAsync();
        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("success");
        await Expect(page.Locator("#run-rows tr[data-run-id='failing_ui']")).ToHaveCountAsync(0);
        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("failed");
        await page.GetByLabel("Run type").SelectOptionAsync("scheduled");
        await Expect(page.Locator("#run-rows tr[data-run-id='failing_ui']")).ToHaveCountAsync(0);
        await page.GetByLabel("Run type").SelectOptionAsync("manual");
        await Expect(page.Locator("#run-rows tr[data-run-id='failing_ui']")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Failed tasks" }).ClickAsync();
        var select = page.GetByLabel("Select failing / failing_ui / extract");
        await select.CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, "failed-tasks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear selected (1)" }).ClickAsync();
        await Expect(page.Locator("#bulk-result")).ToHaveTextAsync("Cleared 2 task instance(s).");
    }

    [Fact]
    public async Task FailedPage_FailureOlderThanTheLatest100RunsAndAnotherDags_BothShownAndBulkClearRerunsThem()
    {
        // The failure comes first; then 100 newer runs (of the paused DAG 'zoned', so they never run) push it
        // out of the 100 most recent runs, which is all a page asking run by run would look at.
        Assert.Equal(DagRunState.Failed, await RunToEndAsync("failing", "failing_old"));
        for (var i = 0; i < 100; i++)
            await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("zoned"), null, null, $"backlog_{i:000}", CancellationToken.None);
        Assert.Equal(DagRunState.Failed, await RunToEndAsync("flaky", "flaky_failed_page"));

        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address + "#/failed");
        var old = page.GetByLabel("Select failing / failing_old / extract");
        var flaky = page.GetByLabel("Select flaky / flaky_failed_page / work");
        await Expect(old).ToBeVisibleAsync();
        await Expect(flaky).ToBeVisibleAsync();
        await Expect(page.Locator("#failed-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ failed task instance\(s\)$"));
        await Expect(page.Locator("#page-range")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1–\d+ of \d+$"));

        // The DAG filter asks the server for one DAG's failures only.
        await page.GetByLabel("DAG", new() { Exact = true }).SelectOptionAsync("flaky");
        await Expect(old).ToHaveCountAsync(0);
        await Expect(flaky).ToBeVisibleAsync();
        await page.GetByLabel("DAG", new() { Exact = true }).SelectOptionAsync("");
        await Expect(old).ToBeVisibleAsync();

        await old.CheckAsync();
        await flaky.CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, "failed-tasks-two-dags");
        var flakyRerun = WaitForRunEndAsync("flaky", "flaky_failed_page");
        var failingRerun = WaitForRunEndAsync("failing", "failing_old");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear selected (2)" }).ClickAsync();
        await Expect(page.Locator("#bulk-result")).ToHaveTextAsync("Cleared 4 task instance(s).");
        await Expect(page.Locator("#bulk-errors li")).ToHaveCountAsync(0);

        // Both reran: flaky passes on its second try; failing fails again, now on its second try.
        Assert.Equal(DagRunState.Success, await flakyRerun);
        Assert.Equal(DagRunState.Failed, await failingRerun);
        await Expect(flaky).ToHaveCountAsync(0);
        var tries = page.Locator("tr[data-key='[\"failing\",\"failing_old\",\"extract\",-1]'] td").Nth(5);
        await Expect(tries).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^2/"));
    }

    [Fact]
    public async Task FailedPage_BulkClearOneGroupRefused_OthersClearedAndTheRefusedItemNamed()
    {
        Assert.Equal(DagRunState.Failed, await RunToEndAsync("failing", "failing_refused"));
        Assert.Equal(DagRunState.Failed, await RunToEndAsync("failing", "failing_accepted"));
        var page = await browser.NewPageAsync();
        // The server refuses the clear of one run (as it would for a run deleted meanwhile); the other goes through.
        await page.RouteAsync("**/codefirst.v1.TaskInstanceService/ClearTaskInstances", async route =>
        {
            if (route.Request.PostData?.Contains("failing_refused", StringComparison.Ordinal) == true)
                await route.FulfillAsync(new() { Status = 404, ContentType = "application/json", Body = """{"code":"not_found","message":"DAG 'failing' has no run 'failing_refused'."}""" });
            else
                await route.ContinueAsync();
        });
        await page.GotoAsync(host.Address + "#/failed");

        await page.GetByLabel("Select failing / failing_refused / extract").CheckAsync();
        await page.GetByLabel("Select failing / failing_accepted / extract").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear selected (2)" }).ClickAsync();

        await Expect(page.Locator("#bulk-result")).ToHaveTextAsync("Cleared 2 task instance(s); 1 could not be cleared.");
        await Expect(page.Locator("#bulk-errors li")).ToHaveTextAsync("failing / failing_refused / extract: DAG 'failing' has no run 'failing_refused'.");
        // The refused one stays selected for another attempt; the cleared one is no longer selected.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Clear selected (1)" })).ToBeVisibleAsync();
    }

    private async Task<DagRunState> RunToEndAsync(string dagId, string runId)
    {
        var ending = WaitForRunEndAsync(dagId, runId);
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get(dagId), null, null, runId, CancellationToken.None);
        host.Engine.WakeScheduler();
        return await ending;
    }

    /// <summary>The next final state of the run (subscribed before the caller acts, so it is not missed).</summary>
    private Task<DagRunState> WaitForRunEndAsync(string dagId, string runId)
    {
        var ended = new TaskCompletionSource<DagRunState>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRun(CodeFirst.Runtime.Engine.DagRunChange change)
        {
            if (change.DagId != dagId || change.RunId != runId || change.State is not (DagRunState.Success or DagRunState.Failed)) return;
            ended.TrySetResult(change.State);
            host.Engine.Events.DagRunChanged -= OnRun;
        }

        host.Engine.Events.DagRunChanged += OnRun;
        return ended.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TaskPage_MarkFailedThenSuccess_WithPreview_AndTheGridIsKeyboardUsable()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address + "#/dags/passing");
        await page.GetByLabel("Run id (optional)").FillAsync("mark_ui");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        var consume = page.Locator("a.cell[data-run-id='mark_ui'][data-task-id='consume']");
        await Expect(consume).ToHaveAttributeAsync("data-state", "success", RunEnds);

        // Keyboard: focus the cell (a real link with an accessible name) and open it with Enter.
        await page.GetByRole(AriaRole.Link, new() { Name = "consume in mark_ui: success" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Task consume" })).ToBeVisibleAsync();
        await Expect(page.Locator("#xcoms")).ToContainTextAsync("42");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark failed…" }).ClickAsync();
        await Expect(page.Locator("#mark-result")).ToContainTextAsync("Marking failed changes 1 task instance(s)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm: mark failed" }).ClickAsync();
        await Expect(page.Locator("#ti-state-badge")).ToHaveAttributeAsync("data-state", "failed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark success…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm: mark success" }).ClickAsync();
        await Expect(page.Locator("#ti-state-badge")).ToHaveAttributeAsync("data-state", "success");
    }

    [Fact]
    public async Task DagPage_GanttOfTheLatestRun_OneBarPerTaskLinkingToIt_AndTheTaskPageShowsItsDefinition()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address + "#/dags/passing");
        await page.GetByLabel("Run id (optional)").FillAsync("gantt_ui");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        await Expect(page.Locator(".grid .state[data-run-id='gantt_ui']")).ToHaveAttributeAsync("data-state", "success", RunEnds);

        var gantt = page.GetByRole(AriaRole.Group, new() { Name = "Gantt chart of gantt_ui" });
        await Expect(gantt.Locator("a[data-task-id] rect.bar")).ToHaveCountAsync(2);
        await Expect(gantt.Locator("a[data-task-id='consume']")).ToHaveAttributeAsync("data-state", "success");
        await Expect(gantt.Locator("a[data-task-id='produce'] rect.bar")).ToHaveAttributeAsync("fill", "#008000");
        await BrowserFixture.ScreenshotAsync(page, "dag-gantt");

        await gantt.Locator("a[data-task-id='consume']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Task consume" })).ToBeVisibleAsync();
        var definition = page.Locator("#task-definition");
        await Expect(definition).ToContainTextAsync("Upstream");
        await Expect(definition.Locator("dd").First).ToHaveTextAsync("produce");
        await Expect(definition).ToContainTextAsync("all_success");
    }

    [Fact]
    public async Task DagsAndDagPages_ZonedSchedule_NextRunsReadInTheDagsZone()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address.ToString());

        await Expect(page.Locator("tr[data-dag-id='zoned'] td.next-run")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\d 06:00:00 Europe/Berlin$"));

        await page.GotoAsync(host.Address + "#/dags/zoned");
        var next = page.GetByRole(AriaRole.List, new() { Name = "Next runs" }).Locator("li");
        await Expect(next).ToHaveCountAsync(5);
        await Expect(next.First.Locator(".zone")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\(\d{4}-\d\d-\d\d 06:00:00 Europe/Berlin\)$"));
        await Expect(page.GetByText("schedule time zone Europe/Berlin")).ToBeVisibleAsync();
    }
}
