// Runs of every DAG with filters.
import { api } from './api.js';
import { generation, handleAuth, poll } from './live.js';
import { badge, dagHref, duration, esc, fmt, put, showStatus, stateOf } from './ui.js';

const main = document.getElementById('main');

export async function runsPage(gen) {
  document.title = 'Runs · CodeFirst';
  const dags = (await api('DagService', 'ListDags', { pageSize: 1000 })).dags || [];
  if (gen !== generation) return;
  main.innerHTML = `
    <h1>Runs</h1>
    <form id="run-filters" class="card row" aria-label="Filters">
      <label for="f-dag">DAG</label>
      <select id="f-dag"><option value="">all</option>${dags.map((d) => `<option>${esc(d.dagId)}</option>`).join('')}</select>
      <label for="f-state">State</label>
      <select id="f-state"><option value="">any</option>${['queued', 'running', 'success', 'failed'].map((s) => `<option>${s}</option>`).join('')}</select>
      <label for="f-type">Run type</label>
      <select id="f-type"><option value="">any</option>${['scheduled', 'manual', 'backfill', 'asset_triggered'].map((t) => `<option>${t}</option>`).join('')}</select>
      <label for="f-from">From (local time)</label><input id="f-from" type="datetime-local">
      <label for="f-to">To</label><input id="f-to" type="datetime-local">
      <span id="run-count" class="muted small"></span>
    </form>
    <table aria-label="Runs">
      <thead><tr><th scope="col">State</th><th scope="col">DAG</th><th scope="col">Run id</th><th scope="col">Type</th>
      <th scope="col">Logical date</th><th scope="col">Started</th><th scope="col">Duration</th></tr></thead>
      <tbody id="run-rows"></tbody>
    </table>`;
  const value = (id) => document.getElementById(id).value;
  let latest = 0; // a filter change and a poll may overlap: only the newest answer is shown
  const refresh = async () => {
    const mine = ++latest;
    const request = { dagId: value('f-dag') || '~', pageSize: 200 };
    if (value('f-state')) request.states = [value('f-state')];
    if (value('f-type')) request.runTypes = [value('f-type')];
    if (value('f-from')) request.logicalDateGte = new Date(value('f-from')).toISOString();
    if (value('f-to')) request.logicalDateLte = new Date(value('f-to')).toISOString();
    const result = await api('DagRunService', 'ListDagRuns', request);
    if (gen !== generation || mine !== latest) return;
    const runs = result.dagRuns || [];
    document.getElementById('run-count').textContent = `${runs.length} of ${result.totalSize || 0} run(s)`;
    put(document.getElementById('run-rows'), runs.map((r) => `<tr data-run-id="${esc(r.runId)}">
      <td>${badge(stateOf(r))}</td><td><a href="${dagHref(r.dagId)}">${esc(r.dagId)}</a></td><td><code>${esc(r.runId)}</code></td>
      <td>${esc(r.runType)}</td><td>${esc(fmt(r.logicalDate))}</td><td>${esc(fmt(r.startDate))}</td><td>${esc(duration(r.startDate, r.endDate))}</td></tr>`).join('')
      || '<tr><td colspan="7" class="muted">No runs match.</td></tr>');
  };
  document.getElementById('run-filters').addEventListener('change', () => refresh().catch((e) => handleAuth(e) || showStatus(e.message, 'error')));
  document.getElementById('run-filters').addEventListener('submit', (e) => e.preventDefault());
  await poll(gen, refresh);
}
