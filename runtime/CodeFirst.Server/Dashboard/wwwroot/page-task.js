// Task instance: state, tries and their logs, XComs, clear and mark with a preview.
import { api } from './api.js';
import { generation, handleAuth, poll } from './live.js';
import { mappedInstancesTable } from './mapped-instances.js';
import { isMapped, mapIndexOf } from './mapped.js';
import { badge, dagHref, duration, esc, fmt, put, stateOf } from './ui.js';
import { listTries, triesTable } from './tries.js';

const main = document.getElementById('main');

function affectedList(items) {
  if (!items || items.length === 0) return '<p>No task instances match.</p>';
  return `<ul class="plain">${items.map((a) => `<li>${esc(a.taskId)} <span class="muted small">${esc(a.runId)}</span> ${badge(a.previousState || 'none')}</li>`).join('')}</ul>`;
}

export async function taskPage(gen, dagId, runId, taskId) {
  document.title = `${taskId} · ${dagId} · CodeFirst`;
  main.innerHTML = `
    <nav aria-label="Breadcrumb" class="small"><a href="#/">DAGs</a> › <a href="${dagHref(dagId)}">${esc(dagId)}</a> › ${esc(runId)} › ${esc(taskId)}</nav>
    <h1>Task <code>${esc(taskId)}</code> <span id="ti-state"></span></h1>
    <div class="card" id="ti-info"></div>
    <div id="mapped-instances"></div>
    <div id="task-definition"></div>
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      <fieldset id="clear-box">
        <legend>Clear (run again)</legend>
        <div class="row">
          <label><input type="checkbox" id="clear-upstream"> Upstream</label>
          <label><input type="checkbox" id="clear-downstream" checked> Downstream</label>
          <label><input type="checkbox" id="clear-failed"> Only failed</label>
          <button type="button" id="clear-preview">Preview clear</button>
          <button type="button" id="clear-confirm" class="danger" disabled>Clear</button>
        </div>
        <div id="clear-result" role="status" aria-live="polite"></div>
      </fieldset>
      <fieldset id="mark-box">
        <legend>Mark</legend>
        <div class="row">
          <label><input type="checkbox" id="mark-upstream"> Upstream</label>
          <label><input type="checkbox" id="mark-downstream"> Downstream</label>
          <button type="button" id="mark-success" data-state="success">Mark success…</button>
          <button type="button" id="mark-failed" data-state="failed">Mark failed…</button>
          <button type="button" id="mark-confirm" class="danger" disabled>Confirm</button>
        </div>
        <div id="mark-result" role="status" aria-live="polite"></div>
      </fieldset>
    </section>
    <section class="card" aria-labelledby="tries-title">
      <h2 id="tries-title">Tries</h2>
      <div id="tries" class="tries row" role="group" aria-label="Tries"></div>
      <h3 id="log-title" class="small"></h3>
      <pre class="log" id="log" tabindex="0" aria-labelledby="log-title"></pre>
    </section>
    <section class="card" aria-labelledby="xcom-title">
      <h2 id="xcom-title">XComs</h2>
      <div id="xcoms"></div>
    </section>`;
  const ids = { dagId, runId };
  const clearOptions = () => ({
    ...ids, taskIds: [taskId],
    includeUpstream: document.getElementById('clear-upstream').checked,
    includeDownstream: document.getElementById('clear-downstream').checked,
    onlyFailed: document.getElementById('clear-failed').checked,
  });
  const clearResult = document.getElementById('clear-result');
  const clearConfirm = document.getElementById('clear-confirm');
  for (const id of ['clear-upstream', 'clear-downstream', 'clear-failed']) {
    document.getElementById(id).addEventListener('change', () => { clearConfirm.disabled = true; clearResult.innerHTML = ''; });
  }
  document.getElementById('clear-preview').addEventListener('click', async () => {
    try {
      const result = await api('TaskInstanceService', 'ClearTaskInstances', { ...clearOptions(), dryRun: true });
      const n = (result.taskInstances || []).length;
      clearResult.innerHTML = `<p id="clear-preview-text">Clearing will reset ${n} task instance(s):</p>${affectedList(result.taskInstances)}`;
      clearConfirm.disabled = n === 0;
      if (n) clearConfirm.focus();
    } catch (e) { if (!handleAuth(e)) clearResult.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`; }
  });
  clearConfirm.addEventListener('click', async () => {
    clearConfirm.disabled = true;
    try {
      const result = await api('TaskInstanceService', 'ClearTaskInstances', clearOptions());
      clearResult.innerHTML = `<p class="ok">Cleared ${(result.taskInstances || []).length} task instance(s).</p>`;
      follow = true;
      await refresh();
    } catch (e) { if (!handleAuth(e)) clearResult.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`; }
  });
  let markState = null;
  const markResult = document.getElementById('mark-result');
  const markConfirm = document.getElementById('mark-confirm');
  const markOptions = () => ({
    ...ids, taskId, newState: markState,
    includeUpstream: document.getElementById('mark-upstream').checked,
    includeDownstream: document.getElementById('mark-downstream').checked,
  });
  for (const button of [document.getElementById('mark-success'), document.getElementById('mark-failed')]) {
    button.addEventListener('click', async () => {
      markState = button.dataset.state;
      try {
        const result = await api('TaskInstanceService', 'SetTaskInstanceState', { ...markOptions(), dryRun: true });
        markResult.innerHTML = `<p>Marking ${esc(markState)} changes ${(result.taskInstances || []).length} task instance(s):</p>${affectedList(result.taskInstances)}`;
        markConfirm.textContent = `Confirm: mark ${markState}`;
        markConfirm.disabled = !(result.taskInstances || []).length;
      } catch (e) { if (!handleAuth(e)) markResult.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`; }
    });
  }
  for (const id of ['mark-upstream', 'mark-downstream']) {
    document.getElementById(id).addEventListener('change', () => { markConfirm.disabled = true; markResult.innerHTML = ''; });
  }
  markConfirm.addEventListener('click', async () => {
    markConfirm.disabled = true;
    try {
      const result = await api('TaskInstanceService', 'SetTaskInstanceState', markOptions());
      markResult.innerHTML = `<p class="ok">Marked ${(result.taskInstances || []).length} task instance(s) ${esc(markState)}.</p>`;
      await refresh();
    } catch (e) { if (!handleAuth(e)) markResult.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`; }
  });

  let selectedMap = null; // a mapped task's instance shown in the details card; null: the first
  document.getElementById('mapped-instances').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-map-index]');
    if (!button) return;
    selectedMap = Number(button.dataset.mapIndex);
    selectedTry = 0; // that instance's latest try
    follow = true;
    await refresh();
  });
  let selectedTry = 0; // 0: follow the latest try
  let follow = true;
  document.getElementById('tries').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-try]');
    if (!button) return;
    selectedTry = Number(button.dataset.try);
    follow = false;
    await refresh();
  });
  // The definition does not change while the page is shown: read once, not on every poll.
  api('DagService', 'GetDag', { dagId }).then((detail) => {
    const task = (detail.tasks || []).find((t) => t.taskId === taskId);
    if (gen !== generation || !task) return;
    document.getElementById('task-definition').innerHTML = `<section class="card" aria-labelledby="definition-title">
      <h2 id="definition-title">Definition</h2>
      <dl class="kv">
        ${task.doc ? `<dt>Documentation</dt><dd class="doc" id="task-doc">${esc(task.doc)}</dd>` : ''}
        <dt>Upstream</dt><dd>${(task.upstreamTaskIds || []).map((u) => `<code>${esc(u)}</code>`).join(', ') || '—'}</dd>
        <dt>Trigger rule</dt><dd><code>${esc(task.triggerRule || 'all_success')}</code></dd>
        <dt>Retries</dt><dd>${task.retries || 0}${task.retryDelay ? ` (every ${esc(task.retryDelay)})` : ''}</dd>
        ${task.returnType ? `<dt>Returns</dt><dd><code>${esc(task.returnType)}</code></dd>` : ''}
      </dl></section>`;
  }).catch((e) => handleAuth(e));
  const refresh = async () => {
    // A mapped task's chosen instance (null: the server's first one) scopes the instance, its XComs, log and tries.
    const instance = selectedMap === null ? { dagId, runId, taskId } : { dagId, runId, taskId, mapIndex: selectedMap };
    const [logged, xcoms, all] = await Promise.all([
      api('TaskInstanceService', 'GetTaskInstance', instance),
      api('TaskInstanceService', 'ListXComs', instance),
      api('TaskInstanceService', 'ListTaskInstances', { dagId, runId }),
    ]);
    const mapped = (all.taskInstances || []).filter((t) => t.taskId === taskId).sort((a, b) => mapIndexOf(a) - mapIndexOf(b));
    const ti = isMapped(mapped) ? mapped.find((t) => mapIndexOf(t) === selectedMap) || mapped[0] : logged;
    const tries = logged.tryNumber || 0; // the tries whose logs can be read
    if (follow) selectedTry = tries;
    const log = selectedTry > 0 ? await api('TaskInstanceService', 'GetTaskLog', { ...instance, tryNumber: selectedTry }) : { lines: [] };
    const tryList = await listTries(isMapped(mapped) ? { dagId, runId, taskId, mapIndex: mapIndexOf(ti) } : { dagId, runId, taskId });
    if (gen !== generation) return;
    const state = stateOf(ti);
    put(document.getElementById('ti-state'), badge(state, 'id="ti-state-badge"'));
    put(document.getElementById('ti-info'), `
      <dl class="kv">
        <dt>DAG</dt><dd><a href="${dagHref(dagId)}">${esc(dagId)}</a></dd>
        <dt>Run</dt><dd><code>${esc(runId)}</code></dd>
        ${isMapped(mapped) ? `<dt>Map index</dt><dd id="map-index">${mapIndexOf(ti)} of ${mapped.length} mapped</dd>` : ''}
        <dt>State</dt><dd>${badge(state)}</dd>
        <dt>Try</dt><dd><span id="try-number">${ti.tryNumber || 0}</span> of ${ti.maxTries || 1}</dd>
        <dt>Started</dt><dd>${esc(fmt(ti.startDate))}</dd>
        <dt>Ended</dt><dd>${esc(fmt(ti.endDate))}</dd>
        <dt>Duration</dt><dd>${esc(duration(ti.startDate, ti.endDate))}</dd>
        <dt>Host</dt><dd>${esc(ti.hostname || '—')}</dd>
      </dl>`);
    put(document.getElementById('tries'), triesTable(tryList, selectedTry));
    put(document.getElementById('mapped-instances'), isMapped(mapped) ? mappedInstancesTable(mapped, mapIndexOf(ti)) : '');
    const of = isMapped(mapped) ? ` (map index ${mapIndexOf(ti)})` : '';
    document.getElementById('log-title').textContent = selectedTry ? `Log of try ${selectedTry}${of}` : 'Log';
    const lines = log.lines || [];
    put(document.getElementById('log'), lines.length
      ? lines.map((l) => `${esc(fmt(l.timestamp).replace(' UTC', ''))} ${esc((l.level || '').toUpperCase().padEnd(5))} ${esc(l.message)}`).join('\n')
      : esc(selectedTry ? 'No log lines yet.' : 'No tries yet.'));
    const list = xcoms.xcoms || [];
    put(document.getElementById('xcoms'), list.length ? `<table aria-label="XComs"><thead><tr><th scope="col">Key</th><th scope="col">Value</th></tr></thead><tbody>
      ${list.map((x) => { let v = x.valueJson; try { v = JSON.stringify(JSON.parse(v), null, 2); } catch { /* keep the raw text */ }
        return `<tr><td><code>${esc(x.key)}</code></td><td><pre class="value">${esc(v)}</pre></td></tr>`; }).join('')}</tbody></table>` : '<p class="muted">No XComs.</p>');
  };
  await poll(gen, refresh);
}
