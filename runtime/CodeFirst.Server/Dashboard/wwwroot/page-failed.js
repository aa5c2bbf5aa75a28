// Failed task instances across DAGs with bulk clear (Hangfire's "Failed jobs").
import { api } from './api.js';
import { generation, handleAuth, poll } from './live.js';
import { dagHref, esc, fmt, put, tiHref } from './ui.js';

const main = document.getElementById('main');

export async function failedPage(gen) {
  document.title = 'Failed tasks · CodeFirst';
  main.innerHTML = `
    <h1>Failed task instances</h1>
    <p class="muted small">Failed task instances of the 100 most recent runs of every DAG.</p>
    <div class="row card">
      <label><input type="checkbox" id="select-all"> Select all</label>
      <label><input type="checkbox" id="bulk-downstream" checked> Clear downstream too</label>
      <button type="button" id="bulk-clear" class="danger" disabled>Clear selected</button>
      <span id="bulk-result" role="status" aria-live="polite"></span>
    </div>
    <table aria-label="Failed task instances">
      <thead><tr><th scope="col"><span class="small">Select</span></th><th scope="col">DAG</th><th scope="col">Run</th><th scope="col">Task</th>
      <th scope="col">Tries</th><th scope="col">Ended</th></tr></thead>
      <tbody id="failed-rows"></tbody>
    </table>`;
  const selected = new Set();
  let items = [];
  const key = (ti) => JSON.stringify([ti.dagId, ti.runId, ti.taskId]);
  const bulk = document.getElementById('bulk-clear');
  const sync = () => { bulk.disabled = selected.size === 0; bulk.textContent = `Clear selected (${selected.size})`; };
  const render = () => {
    for (const k of [...selected]) if (!items.some((ti) => key(ti) === k)) selected.delete(k);
    put(document.getElementById('failed-rows'), items.map((ti) => `<tr>
      <td><input type="checkbox" data-key="${esc(key(ti))}" ${selected.has(key(ti)) ? 'checked' : ''} aria-label="Select ${esc(ti.taskId)} of ${esc(ti.runId)}"></td>
      <td><a href="${dagHref(ti.dagId)}">${esc(ti.dagId)}</a></td><td><code>${esc(ti.runId)}</code></td>
      <td><a href="${tiHref(ti.dagId, ti.runId, ti.taskId)}">${esc(ti.taskId)}</a></td><td>${ti.tryNumber || 0}</td><td>${esc(fmt(ti.endDate))}</td></tr>`).join('')
      || '<tr><td colspan="6" class="muted">No failed task instances.</td></tr>');
    for (const box of document.querySelectorAll('#failed-rows input[data-key]')) box.checked = selected.has(box.dataset.key);
    sync();
  };
  document.getElementById('failed-rows').addEventListener('change', (event) => {
    const box = event.target.closest('input[data-key]');
    if (!box) return;
    if (box.checked) selected.add(box.dataset.key); else selected.delete(box.dataset.key);
    sync();
  });
  document.getElementById('select-all').addEventListener('change', (event) => {
    selected.clear();
    if (event.target.checked) items.forEach((ti) => selected.add(key(ti)));
    render();
  });
  bulk.addEventListener('click', async () => {
    const groups = new Map();
    for (const k of selected) {
      const [dagId, runId, taskId] = JSON.parse(k);
      const g = JSON.stringify([dagId, runId]);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(taskId);
    }
    bulk.disabled = true;
    let cleared = 0;
    try {
      for (const [g, taskIds] of groups) {
        const [dagId, runId] = JSON.parse(g);
        const result = await api('TaskInstanceService', 'ClearTaskInstances', { dagId, runId, taskIds, includeDownstream: document.getElementById('bulk-downstream').checked });
        cleared += (result.taskInstances || []).length;
      }
      document.getElementById('bulk-result').textContent = `Cleared ${cleared} task instance(s).`;
      selected.clear();
      document.getElementById('select-all').checked = false;
      await refresh();
    } catch (e) { if (!handleAuth(e)) document.getElementById('bulk-result').textContent = `Clear failed: ${e.message}`; }
    sync();
  });
  const refresh = async () => {
    const runs = (await api('DagRunService', 'ListDagRuns', { dagId: '~', pageSize: 100 })).dagRuns || [];
    const lists = await Promise.all(runs.map((r) => api('TaskInstanceService', 'ListTaskInstances', { dagId: r.dagId, runId: r.runId, states: ['failed'] })));
    if (gen !== generation) return;
    items = lists.flatMap((l) => l.taskInstances || []);
    render();
  };
  await poll(gen, refresh);
}
