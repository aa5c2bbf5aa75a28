// DAG detail: trigger form, grid (runs × tasks) and graph.
import { api } from './api.js';
import { ganttSvg } from './gantt.js';
import { graphSvg, layers } from './graph.js';
import { gridTable } from './grid.js';
import { mergeParams, paramsFields } from './params.js';
import { generation, handleAuth, poll } from './live.js';
import { esc, fmt, inZone, jsonObject, legend, put, showStatus } from './ui.js';

const main = document.getElementById('main');

/** The schedule's next runs: logical date, and when the scheduler creates the run (the end of its data interval). */
const nextRuns = (next) => ((next.nextRuns || []).length === 0 ? '—' : `<ol class="next-runs" aria-label="Next runs">${next.nextRuns.map((r) =>
  `<li>${esc(fmt(r.logicalDate))}${r.runAfter && r.runAfter !== r.logicalDate ? ` <span class="small muted">runs after ${esc(fmt(r.runAfter))}</span>` : ''}${
    next.timezone && next.timezone !== 'UTC' ? ` <span class="small muted zone">(${esc(inZone(r.logicalDate, next.timezone))})</span>` : ''}</li>`).join('')}</ol>
  <span class="small muted">schedule time zone ${esc(next.timezone || 'UTC')}</span>`);

export async function dagPage(gen, dagId) {
  document.title = `${dagId} · CodeFirst`;
  main.innerHTML = `
    <nav aria-label="Breadcrumb" class="small"><a href="#/">DAGs</a> › ${esc(dagId)}</nav>
    <h1>DAG <code>${esc(dagId)}</code></h1>
    <div class="card" id="dag-info"></div>
    <section class="card" aria-labelledby="trigger-title">
      <h2 id="trigger-title">Trigger a run</h2>
      <form id="trigger-form" novalidate>
        <div id="params-box"></div>
        <label for="conf">Conf (a JSON object)</label>
        <textarea id="conf" rows="4" spellcheck="false" aria-describedby="trigger-error">{}</textarea>
        <div class="row">
          <label for="run-id">Run id (optional)</label><input id="run-id" type="text" size="40">
          <button type="submit" class="primary" id="trigger">Trigger</button>
        </div>
        <p id="trigger-error" class="error" role="alert"></p>
        <div id="trigger-result" role="status"></div>
      </form>
    </section>
    <section aria-labelledby="grid-title">
      <h2 id="grid-title">Grid</h2>
      ${legend()}
      <div id="grid" class="grid card"></div>
    </section>
    <section aria-labelledby="graph-title">
      <h2 id="graph-title">Graph <span id="graph-run" class="muted small"></span></h2>
      <div id="graph" class="graph"></div>
    </section>
    <section aria-labelledby="gantt-title">
      <h2 id="gantt-title">Gantt of the latest run <span id="gantt-run" class="muted small"></span></h2>
      <div id="gantt" class="graph gantt"></div>
    </section>`;
  const form = document.getElementById('trigger-form');
  const error = document.getElementById('trigger-error');
  const conf = document.getElementById('conf');
  let params = [];
  const syncConf = () => {
    let current = {};
    try { current = jsonObject(conf.value, 'Conf'); } catch { /* the submit check reports it */ }
    try {
      conf.value = JSON.stringify(mergeParams(params, current), null, 1);
      error.textContent = '';
    } catch (e) { error.textContent = e.message; }
  };
  document.getElementById('params-box').addEventListener('input', syncConf);
  document.getElementById('params-box').addEventListener('change', syncConf);
  api('DagService', 'GetDag', { dagId }).then((detail) => {
    if (gen !== generation || !(detail.params || []).length) return;
    params = detail.params;
    document.getElementById('params-box').innerHTML = paramsFields(params);
    syncConf();
  }).catch((e) => handleAuth(e));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    document.getElementById('trigger-result').innerHTML = '';
    const text = conf.value.trim() || '{}';
    let parsed;
    try { parsed = jsonObject(text, 'Conf'); } catch (e) {
      error.textContent = e.message;
      conf.setAttribute('aria-invalid', 'true');
      conf.focus();
      return;
    }
    conf.removeAttribute('aria-invalid');
    const request = { dagId, confJson: JSON.stringify(parsed) };
    const runId = document.getElementById('run-id').value.trim();
    if (runId) request.runId = runId;
    const button = document.getElementById('trigger');
    button.disabled = true;
    try {
      const result = await api('DagRunService', 'TriggerDagRun', request);
      document.getElementById('trigger-result').innerHTML = `<p class="ok" data-run-id="${esc(result.dagRun.runId)}">Triggered <code>${esc(result.dagRun.runId)}</code>.</p>
        ${result.warning ? `<p class="error">${esc(result.warning)}</p>` : ''}`;
      await refresh();
    } catch (e) {
      if (!handleAuth(e)) error.textContent = `The server refused the run: ${e.message}`;
    } finally { button.disabled = false; }
  });
  document.getElementById('dag-info').addEventListener('change', async (event) => {
    const box = event.target.closest('input[data-action="pause"]');
    if (!box) return;
    try { await api('DagService', 'SetDagPaused', { dagId, paused: !box.checked }); await refresh(); } catch (e) {
      box.checked = !box.checked;
      if (!handleAuth(e)) showStatus(`Could not change the pause state: ${e.message}`, 'error');
    }
  });
  const refresh = async () => {
    const [detail, runList, next] = await Promise.all([
      api('DagService', 'GetDag', { dagId }),
      api('DagRunService', 'ListDagRuns', { dagId, pageSize: 25 }),
      api('DagService', 'ListNextDagRuns', { dagId, count: 5 }),
    ]);
    const runs = (runList.dagRuns || []).slice().reverse(); // oldest first, newest on the right
    const instances = await Promise.all(runs.map((r) => api('TaskInstanceService', 'ListTaskInstances', { dagId, runId: r.runId })));
    if (gen !== generation) return;
    const dag = detail.dag;
    put(document.getElementById('dag-info'), `
      <dl class="kv">
        <dt>Active</dt><dd><label class="switch"><input type="checkbox" role="switch" data-action="pause" ${dag.isPaused ? '' : 'checked'} aria-label="${esc(dagId)} active (unpaused)">
          <span class="small muted">${dag.isPaused ? 'paused' : 'active'}</span></label></dd>
        ${dag.description ? `<dt>Description</dt><dd>${esc(dag.description)}</dd>` : ''}
        ${dag.doc ? `<dt>Documentation</dt><dd class="doc" id="dag-doc">${esc(dag.doc)}</dd>` : ''}
        <dt>Schedule</dt><dd>${dag.schedule ? `<code>${esc(dag.schedule)}</code> ${esc(dag.timetableSummary)}` : 'manual only'}</dd>
        <dt>Next runs</dt><dd>${nextRuns(next)}</dd>
        <dt>Tags</dt><dd>${(dag.tags || []).map((t) => `<span class="tag">${esc(t)}</span>`).join('') || '—'}</dd>
        <dt>Tasks</dt><dd>${dag.taskCount ?? (detail.tasks || []).length}</dd>
      </dl>`);
    const depth = layers(detail.tasks || []);
    const tasks = (detail.tasks || []).map((t, i) => ({ t, i })).sort((a, b) => depth.get(a.t.taskId) - depth.get(b.t.taskId) || a.i - b.i).map((x) => x.t);
    put(document.getElementById('grid'), gridTable(dagId, runs, tasks, instances.map((r) => r.taskInstances)));
    const latest = runs[runs.length - 1];
    document.getElementById('graph-run').textContent = latest ? `(states of ${latest.runId})` : '';
    const latestInstances = latest ? instances[instances.length - 1].taskInstances : [];
    put(document.getElementById('graph'), graphSvg(dagId, detail, latest, latestInstances));
    document.getElementById('gantt-run').textContent = latest ? `(${latest.runId})` : '';
    put(document.getElementById('gantt'), ganttSvg(dagId, latest, tasks, latestInstances));
  };
  await poll(gen, refresh);
}
