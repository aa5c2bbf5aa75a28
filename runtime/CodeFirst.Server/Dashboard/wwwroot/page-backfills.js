// Backfills: every backfill with its progress, cancel, and a form to plan (preview) and start one.
import { api } from './api.js';
import { generation, handleAuth, poll } from './live.js';
import { progressBar, progressText } from './progress.js';
import { badge, dagHref, esc, fmt, jsonObject, put } from './ui.js';

const main = document.getElementById('main');

export const backfillHref = (id) => `#/backfills/${encodeURIComponent(id)}`;

// A backfill's state in the colour of the task state it resembles.
const BACKFILL_COLOUR = { running: 'running', completed: 'success', canceled: 'removed' };

const range = (b) => `${esc(fmt(b.fromDate))} → ${esc(fmt(b.toDate))}`;

export async function backfillsPage(gen) {
  document.title = 'Backfills · CodeFirst';
  const dags = (await api('DagService', 'ListDags', { pageSize: 1000 })).dags || [];
  if (gen !== generation) return;
  main.innerHTML = `
    <h1>Backfills</h1>
    <section class="card" aria-labelledby="new-backfill-title">
      <h2 id="new-backfill-title">New backfill</h2>
      <form id="backfill-form" novalidate>
        <div class="row">
          <label for="b-dag">DAG</label>
          <select id="b-dag" required>${dags.map((d) => `<option>${esc(d.dagId)}</option>`).join('')}</select>
          <label for="b-from">From logical date (UTC)</label><input id="b-from" type="datetime-local" required>
          <label for="b-to">To (inclusive)</label><input id="b-to" type="datetime-local" required>
        </div>
        <div class="row">
          <label for="b-reprocess">Reprocess</label>
          <select id="b-reprocess"><option value="none">none: skip dates that have a run</option><option value="failed">failed runs</option>
            <option value="completed">completed runs too</option></select>
          <label for="b-max">Max active runs</label><input id="b-max" type="number" min="1" value="10" class="short">
          <label><input type="checkbox" id="b-backwards"> Newest first</label>
        </div>
        <label for="b-conf">Conf (a JSON object)</label>
        <textarea id="b-conf" rows="2" spellcheck="false" aria-describedby="backfill-error">{}</textarea>
        <div class="row">
          <button type="button" id="b-preview">Preview</button>
          <button type="submit" class="primary" id="b-create" disabled>Start backfill</button>
        </div>
        <p id="backfill-error" class="error" role="alert"></p>
        <div id="backfill-result" role="status" aria-live="polite"></div>
      </form>
    </section>
    <section aria-labelledby="backfills-title">
      <h2 id="backfills-title">All backfills</h2>
      <table aria-label="Backfills">
        <thead><tr><th scope="col">Id</th><th scope="col">DAG</th><th scope="col">State</th><th scope="col">Logical dates</th>
        <th scope="col">Progress</th><th scope="col">Created</th><th scope="col">Completed</th><th scope="col">Actions</th></tr></thead>
        <tbody id="backfill-rows"></tbody>
      </table>
    </section>`;
  const value = (id) => document.getElementById(id).value;
  const error = document.getElementById('backfill-error');
  const result = document.getElementById('backfill-result');
  const create = document.getElementById('b-create');
  const request = () => {
    if (!value('b-from') || !value('b-to')) throw new Error('From and To are required.');
    const conf = jsonObject(value('b-conf'), 'Conf');
    return {
      dagId: value('b-dag'),
      // The inputs hold UTC wall-clock times: the logical dates of schedules are UTC instants.
      fromDate: `${value('b-from')}:00Z`,
      toDate: `${value('b-to')}:00Z`,
      reprocessBehavior: value('b-reprocess'),
      maxActiveRuns: Number(value('b-max')) || 0,
      runBackwards: document.getElementById('b-backwards').checked,
      confJson: JSON.stringify(conf),
    };
  };
  const form = document.getElementById('backfill-form');
  form.addEventListener('change', () => { create.disabled = true; });
  document.getElementById('b-preview').addEventListener('click', async () => {
    error.textContent = '';
    result.innerHTML = '';
    try {
      const plan = await api('DagRunService', 'CreateBackfill', { ...request(), dryRun: true });
      const dates = plan.dates || [];
      const runs = dates.filter((d) => d.action !== 'skip').length;
      result.innerHTML = `<p id="backfill-plan">The backfill will run ${runs} of ${dates.length} logical date(s):</p>
        <ul class="plain dates">${dates.map((d) => `<li>${esc(fmt(d.logicalDate))} <span class="tag">${esc(d.action)}</span>${d.runId ? ` <code>${esc(d.runId)}</code>` : ''}</li>`).join('')}</ul>`;
      create.disabled = runs === 0;
      if (runs) create.focus();
    } catch (e) { if (!handleAuth(e)) error.textContent = e.message; }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    create.disabled = true;
    let body;
    try { body = request(); } catch (e) { error.textContent = e.message; return; }
    try {
      const started = await api('DagRunService', 'CreateBackfill', body);
      result.innerHTML = `<p class="ok" data-backfill-id="${esc(started.backfill.id)}">Started <a href="${backfillHref(started.backfill.id)}">backfill ${esc(started.backfill.id)}</a>.</p>`;
      await refresh();
    } catch (e) { if (!handleAuth(e)) error.textContent = `The server refused the backfill: ${e.message}`; }
  });
  const rows = document.getElementById('backfill-rows');
  rows.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-cancel]');
    if (!button) return;
    button.disabled = true;
    try {
      await api('DagRunService', 'CancelBackfill', { backfillId: button.dataset.cancel });
      await refresh();
    } catch (e) { if (!handleAuth(e)) error.textContent = `Could not cancel backfill ${button.dataset.cancel}: ${e.message}`; }
  });
  const refresh = async () => {
    const list = await api('DagRunService', 'ListBackfills', { pageSize: 100 });
    if (gen !== generation) return;
    put(rows, (list.backfills || []).map((b) => `<tr data-backfill-id="${esc(b.id)}">
      <td><a href="${backfillHref(b.id)}">${esc(b.id)}</a></td><td><a href="${dagHref(b.dagId)}">${esc(b.dagId)}</a></td>
      <td>${badge(BACKFILL_COLOUR[b.state] || 'none', `data-backfill-state="${esc(b.state)}"`, b.state)}</td>
      <td class="small">${range(b)}</td>
      <td>${progressBar(b.progress)}<div class="small muted progress-text">${esc(progressText(b.progress))}</div></td>
      <td class="small">${esc(fmt(b.createdAt))}</td><td class="small">${esc(fmt(b.completedAt))}</td>
      <td>${b.state === 'running' ? `<button type="button" data-cancel="${esc(b.id)}" aria-label="Cancel backfill ${esc(b.id)}">Cancel</button>` : ''}</td></tr>`).join('')
      || '<tr><td colspan="8" class="muted">No backfills yet.</td></tr>');
  };
  await poll(gen, refresh);
}
