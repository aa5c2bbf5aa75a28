// Failed task instances of every run of every DAG, newest end first, paged, with bulk clear (Hangfire's "Failed jobs").
import { api } from './api.js';
import { generation, handleAuth, poll } from './live.js';
import { mapIndexOf } from './mapped.js';
import { dagHref, esc, fmt, put, showStatus, tiHref } from './ui.js';

const main = document.getElementById('main');
const PAGE_SIZE = 50;

/** The ClearTaskInstances requests for the selected instances: one per run, and one per mapped task so only the chosen indices are cleared. */
function clearRequests(selected, includeDownstream) {
  const groups = new Map();
  for (const ti of selected) {
    const mapped = ti.mapIndex >= 0;
    const key = JSON.stringify(mapped ? [ti.dagId, ti.runId, ti.taskId] : [ti.dagId, ti.runId]);
    if (!groups.has(key)) groups.set(key, { request: { dagId: ti.dagId, runId: ti.runId, taskIds: [], mapIndexes: [], includeDownstream }, items: [] });
    const group = groups.get(key);
    if (!group.request.taskIds.includes(ti.taskId)) group.request.taskIds.push(ti.taskId);
    if (mapped) group.request.mapIndexes.push(ti.mapIndex);
    group.items.push(ti);
  }
  return [...groups.values()];
}

const label = (ti) => `${ti.dagId} / ${ti.runId} / ${ti.taskId}${ti.mapIndex >= 0 ? ` [${ti.mapIndex}]` : ''}`;

export async function failedPage(gen) {
  document.title = 'Failed tasks · CodeFirst';
  const dags = (await api('DagService', 'ListDags', { pageSize: 1000 })).dags || [];
  if (gen !== generation) return;
  main.innerHTML = `
    <h1>Failed task instances</h1>
    <form id="failed-filters" class="card row" aria-label="Filters">
      <label for="f-dag">DAG</label>
      <select id="f-dag"><option value="">all</option>${dags.map((d) => `<option>${esc(d.dagId)}</option>`).join('')}</select>
      <span id="failed-count" class="muted small" role="status"></span>
    </form>
    <div class="row card">
      <label><input type="checkbox" id="select-all"> Select all on this page</label>
      <label><input type="checkbox" id="bulk-downstream" checked> Clear downstream too</label>
      <button type="button" id="bulk-clear" class="danger" disabled>Clear selected</button>
      <span id="bulk-result" role="status" aria-live="polite"></span>
    </div>
    <ul id="bulk-errors" class="error" role="alert"></ul>
    <table aria-label="Failed task instances">
      <thead><tr><th scope="col"><span class="small">Select</span></th><th scope="col">DAG</th><th scope="col">Run</th><th scope="col">Task</th>
      <th scope="col">Map index</th><th scope="col">Tries</th><th scope="col">Ended</th></tr></thead>
      <tbody id="failed-rows"></tbody>
    </table>
    <nav class="row" aria-label="Pages">
      <button type="button" id="page-prev" disabled>Newer</button>
      <span id="page-range" class="muted small"></span>
      <button type="button" id="page-next" disabled>Older</button>
    </nav>`;
  const selected = new Map(); // key -> instance, kept across pages until cleared
  let items = [];
  const tokens = ['']; // page tokens of the pages walked so far; the last is the page shown
  let latest = 0; // a page change and a poll may overlap: only the newest answer is shown
  const key = (ti) => JSON.stringify([ti.dagId, ti.runId, ti.taskId, ti.mapIndex]);
  const bulk = document.getElementById('bulk-clear');
  const sync = () => { bulk.disabled = selected.size === 0; bulk.textContent = `Clear selected (${selected.size})`; };
  const render = () => {
    put(document.getElementById('failed-rows'), items.map((ti) => `<tr data-key="${esc(key(ti))}">
      <td><input type="checkbox" data-key="${esc(key(ti))}" aria-label="Select ${esc(label(ti))}"></td>
      <td><a href="${dagHref(ti.dagId)}">${esc(ti.dagId)}</a></td><td><code>${esc(ti.runId)}</code></td>
      <td><a href="${tiHref(ti.dagId, ti.runId, ti.taskId)}">${esc(ti.taskId)}</a></td><td>${ti.mapIndex >= 0 ? ti.mapIndex : '—'}</td>
      <td>${ti.tryNumber || 0}/${ti.maxTries || 0}</td><td>${esc(fmt(ti.endDate))}</td></tr>`).join('')
      || '<tr><td colspan="7" class="muted">No failed task instances.</td></tr>');
    for (const box of document.querySelectorAll('#failed-rows input[data-key]')) box.checked = selected.has(box.dataset.key);
    document.getElementById('select-all').checked = items.length > 0 && items.every((ti) => selected.has(key(ti)));
    sync();
  };
  const refresh = async () => {
    const mine = ++latest;
    const request = { dagId: document.getElementById('f-dag').value || '~', runId: '~', states: ['failed'], pageSize: PAGE_SIZE, pageToken: tokens[tokens.length - 1] };
    const result = await api('TaskInstanceService', 'ListTaskInstances', request);
    if (gen !== generation || mine !== latest) return;
    items = (result.taskInstances || []).map((ti) => ({ ...ti, mapIndex: mapIndexOf(ti) }));
    const total = result.totalSize || 0;
    const first = (tokens.length - 1) * PAGE_SIZE;
    document.getElementById('failed-count').textContent = `${total} failed task instance(s)`;
    document.getElementById('page-range').textContent = items.length ? `${first + 1}–${first + items.length} of ${total}` : '';
    document.getElementById('page-prev').disabled = tokens.length === 1;
    const next = document.getElementById('page-next');
    next.disabled = !result.nextPageToken;
    next.dataset.token = result.nextPageToken || '';
    render();
  };
  const reload = () => refresh().catch((e) => handleAuth(e) || showStatus(e.message, 'error'));
  document.getElementById('failed-filters').addEventListener('change', () => { tokens.length = 1; reload(); });
  document.getElementById('failed-filters').addEventListener('submit', (e) => e.preventDefault());
  document.getElementById('page-next').addEventListener('click', (event) => { tokens.push(event.target.dataset.token); reload(); });
  document.getElementById('page-prev').addEventListener('click', () => { if (tokens.length > 1) tokens.pop(); reload(); });
  document.getElementById('failed-rows').addEventListener('change', (event) => {
    const box = event.target.closest('input[data-key]');
    if (!box) return;
    const ti = items.find((i) => key(i) === box.dataset.key);
    if (box.checked && ti) selected.set(box.dataset.key, ti); else selected.delete(box.dataset.key);
    render();
  });
  document.getElementById('select-all').addEventListener('change', (event) => {
    for (const ti of items) if (event.target.checked) selected.set(key(ti), ti); else selected.delete(key(ti));
    render();
  });
  bulk.addEventListener('click', async () => {
    bulk.disabled = true;
    const groups = clearRequests([...selected.values()], document.getElementById('bulk-downstream').checked);
    // Every group is tried; one that fails (a run deleted meanwhile, a refused token) does not hide the others' results.
    const results = await Promise.allSettled(groups.map((g) => api('TaskInstanceService', 'ClearTaskInstances', g.request)));
    let cleared = 0;
    const failures = [];
    results.forEach((result, i) => {
      const { items: groupItems } = groups[i];
      if (result.status === 'fulfilled') {
        cleared += (result.value.taskInstances || []).length;
        for (const ti of groupItems) selected.delete(key(ti));
      } else {
        if (handleAuth(result.reason)) return;
        failures.push(...groupItems.map((ti) => `${label(ti)}: ${result.reason.message}`));
      }
    });
    if (gen !== generation) return;
    document.getElementById('bulk-result').textContent = failures.length
      ? `Cleared ${cleared} task instance(s); ${failures.length} could not be cleared.`
      : `Cleared ${cleared} task instance(s).`;
    document.getElementById('bulk-errors').innerHTML = failures.map((f) => `<li>${esc(f)}</li>`).join('');
    await reload();
  });
  await poll(gen, refresh);
}
