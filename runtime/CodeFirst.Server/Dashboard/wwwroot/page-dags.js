// DAGs: every DAG with its pause switch, schedule, next run, recent runs and a trigger button.
import { api } from './api.js';
import { generation, handleAuth, poll } from './live.js';
import { dagHref, esc, fmt, inZone, put, stateOf } from './ui.js';

const main = document.getElementById('main');

export async function dagsPage(gen) {
  document.title = 'DAGs · CodeFirst';
  main.innerHTML = `
    <h1>DAGs</h1>
    <div class="row card">
      <label for="dag-filter">Filter by id or tag</label>
      <input id="dag-filter" type="text" placeholder="e.g. etl">
      <span id="dag-count" class="muted small"></span>
    </div>
    <div id="dags-notice" role="status" aria-live="polite"></div>
    <table aria-label="DAGs">
      <thead><tr><th scope="col">Active</th><th scope="col">DAG</th><th scope="col">Tags</th><th scope="col">Schedule</th>
      <th scope="col">Next run</th><th scope="col">Recent runs</th><th scope="col">Actions</th></tr></thead>
      <tbody id="dag-rows"></tbody>
    </table>`;
  const rows = document.getElementById('dag-rows');
  const filter = document.getElementById('dag-filter');
  const notice = document.getElementById('dags-notice');
  let data = [];
  const render = () => {
    const needle = filter.value.trim().toLowerCase();
    const shown = data.filter(({ dag }) => !needle || dag.dagId.toLowerCase().includes(needle) || (dag.tags || []).some((t) => t.toLowerCase().includes(needle)));
    document.getElementById('dag-count').textContent = `${shown.length} of ${data.length} DAG(s)`;
    put(rows, shown.map(({ dag, runs }) => `
      <tr data-dag-id="${esc(dag.dagId)}">
        <td><label class="switch"><input type="checkbox" role="switch" data-action="pause" data-dag-id="${esc(dag.dagId)}" ${dag.isPaused ? '' : 'checked'}
          aria-label="${esc(dag.dagId)} active (unpaused)"><span class="small muted">${dag.isPaused ? 'paused' : 'active'}</span></label></td>
        <td><a href="${dagHref(dag.dagId)}">${esc(dag.dagId)}</a>${dag.description ? `<div class="small muted">${esc(dag.description)}</div>` : ''}</td>
        <td>${(dag.tags || []).map((t) => `<span class="tag">${esc(t)}</span>`).join('')}</td>
        <td>${dag.schedule ? `<code>${esc(dag.schedule)}</code><div class="small muted">${esc(dag.timetableSummary)}</div>` : '<span class="muted">manual</span>'}</td>
        <td class="small next-run">${dag.nextRun ? `<span title="${esc(fmt(dag.nextRun.runAfter || dag.nextRun.logicalDate))}">${esc(inZone(dag.nextRun.runAfter || dag.nextRun.logicalDate, dag.timezone))}</span>` : '—'}</td>
        <td class="runs">${[...runs].reverse().map((r) => `<a class="state" href="${dagHref(dag.dagId)}" data-state="${esc(stateOf(r))}" data-run-id="${esc(r.runId)}"
          title="${esc(r.runId)}: ${esc(stateOf(r))}" aria-label="run ${esc(r.runId)}: ${esc(stateOf(r))}"></a>`).join('') || '<span class="muted small">no runs</span>'}</td>
        <td><button type="button" data-action="trigger" data-dag-id="${esc(dag.dagId)}" aria-label="Trigger ${esc(dag.dagId)}">▶ Trigger</button></td>
      </tr>`).join('') || '<tr><td colspan="7" class="muted">No DAGs.</td></tr>');
  };
  filter.addEventListener('input', render);
  rows.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-action="trigger"]');
    if (!button) return;
    button.disabled = true;
    try {
      const result = await api('DagRunService', 'TriggerDagRun', { dagId: button.dataset.dagId });
      const run = result.dagRun;
      notice.innerHTML = `<p class="card ok" data-run-id="${esc(run.runId)}">Triggered <a href="${dagHref(run.dagId)}">${esc(run.runId)}</a> of ${esc(run.dagId)}.
        ${result.warning ? `<span class="error">${esc(result.warning)}</span>` : ''}</p>`;
      await refresh();
    } catch (e) {
      if (!handleAuth(e)) notice.innerHTML = `<p class="card error" role="alert">Trigger failed: ${esc(e.message)}</p>`;
    } finally { button.disabled = false; }
  });
  rows.addEventListener('change', async (event) => {
    const box = event.target.closest('input[data-action="pause"]');
    if (!box) return;
    try {
      await api('DagService', 'SetDagPaused', { dagId: box.dataset.dagId, paused: !box.checked });
      await refresh();
    } catch (e) {
      box.checked = !box.checked;
      if (!handleAuth(e)) notice.innerHTML = `<p class="card error" role="alert">Could not change ${esc(box.dataset.dagId)}: ${esc(e.message)}</p>`;
    }
  });
  const refresh = async () => {
    const list = await api('DagService', 'ListDags', { pageSize: 1000 });
    const dags = list.dags || [];
    const runs = await Promise.all(dags.map((d) => api('DagRunService', 'ListDagRuns', { dagId: d.dagId, pageSize: 10 })));
    if (gen !== generation) return;
    data = dags.map((dag, i) => ({ dag, runs: runs[i].dagRuns || [] }));
    render();
  };
  await poll(gen, refresh);
}
