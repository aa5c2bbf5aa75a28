// One backfill: its settings, progress and every logical date with its run.
import { api } from './api.js';
import { generation, poll } from './live.js';
import { progressBar, progressText } from './progress.js';
import { badge, dagHref, esc, fmt, put } from './ui.js';

const main = document.getElementById('main');

export async function backfillPage(gen, id) {
  document.title = `Backfill ${id} · CodeFirst`;
  main.innerHTML = `
    <nav aria-label="Breadcrumb" class="small"><a href="#/backfills">Backfills</a> › ${esc(id)}</nav>
    <h1>Backfill ${esc(id)}</h1>
    <div class="card" id="backfill-info"></div>
    <table aria-label="Logical dates">
      <thead><tr><th scope="col">Logical date</th><th scope="col">Data interval</th><th scope="col">Action</th><th scope="col">State</th><th scope="col">Run</th></tr></thead>
      <tbody id="date-rows"></tbody>
    </table>`;
  const refresh = async () => {
    const { backfill: b, dates } = await api('DagRunService', 'GetBackfill', { backfillId: id });
    if (gen !== generation) return;
    put(document.getElementById('backfill-info'), `<dl class="kv">
      <dt>DAG</dt><dd><a href="${dagHref(b.dagId)}">${esc(b.dagId)}</a></dd>
      <dt>State</dt><dd id="backfill-state">${esc(b.state)}</dd>
      <dt>Logical dates</dt><dd>${esc(fmt(b.fromDate))} → ${esc(fmt(b.toDate))}${b.runBackwards ? ' (newest first)' : ''}</dd>
      <dt>Reprocess</dt><dd>${esc(b.reprocessBehavior)}</dd>
      <dt>Max active runs</dt><dd>${esc(b.maxActiveRuns)}</dd>
      <dt>Conf</dt><dd><code>${esc(b.confJson || '{}')}</code></dd>
      <dt>Progress</dt><dd>${progressBar(b.progress)} <span class="small">${esc(progressText(b.progress))}</span></dd>
      <dt>Created</dt><dd>${esc(fmt(b.createdAt))}</dd>
      <dt>Completed</dt><dd>${esc(fmt(b.completedAt))}</dd></dl>`);
    put(document.getElementById('date-rows'), (dates || []).map((d) => `<tr data-logical-date="${esc(d.logicalDate)}">
      <td>${esc(fmt(d.logicalDate))}</td><td class="small">${esc(fmt(d.dataIntervalStart))} → ${esc(fmt(d.dataIntervalEnd))}</td>
      <td>${esc(d.action)}</td><td>${badge(d.state === 'pending' ? 'none' : d.state || 'none', '', d.state || 'pending')}</td>
      <td>${d.runId ? `<a href="${dagHref(b.dagId)}"><code>${esc(d.runId)}</code></a>` : '—'}</td></tr>`).join('')
      || '<tr><td colspan="5" class="muted">No dates.</td></tr>');
  };
  await poll(gen, refresh);
}
