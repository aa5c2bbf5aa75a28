// CodeFirst dashboard: plain ES module, no build step. It talks to the control plane's Connect
// JSON API on the same origin (POST /codefirst.v1.<Service>/<Method>) and polls it for live state.
const TOKEN_KEY = 'codefirst.token';
const POLL_MS = 1500;
const STATES = ['success', 'failed', 'running', 'queued', 'scheduled', 'up_for_retry', 'up_for_reschedule',
  'upstream_failed', 'skipped', 'deferred', 'removed', 'restarting', 'none'];
const FILL = {
  success: '#008000', failed: '#d00000', running: '#32cd32', queued: '#808080', scheduled: '#d2b48c',
  up_for_retry: '#ffd700', up_for_reschedule: '#40e0d0', upstream_failed: '#ffa500', skipped: '#ff69b4',
  deferred: '#9370db', removed: '#d3d3d3', restarting: '#ee82ee', none: '#ffffff',
};
const DARK = new Set(['success', 'failed', 'queued', 'deferred']);

const main = document.getElementById('main');
const statusBox = document.getElementById('status');
const forgetButton = document.getElementById('forget-token');

export class ApiError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}

/** Calls one unary method with Connect's JSON encoding. */
export async function api(service, method, body = {}) {
  const headers = { 'content-type': 'application/json', 'connect-protocol-version': '1' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(`/codefirst.v1.${service}/${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    throw new ApiError('unavailable', `The server cannot be reached (${e.message}).`);
  }
  const text = await response.text();
  let data = {};
  try { data = text ? JSON.parse(text) : {}; } catch { data = { message: text }; }
  if (!response.ok) throw new ApiError(data.code || String(response.status), data.message || response.statusText);
  return data;
}

// ---------- helpers ----------
const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const enc = encodeURIComponent;
const fmt = (ts) => (ts ? ts.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '—');
function duration(start, end) {
  if (!start) return '—';
  const ms = (end ? Date.parse(end) : Date.now()) - Date.parse(start);
  if (ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
const stateOf = (item) => item?.state || 'none';
const badge = (state, extra = '') => `<span class="badge" data-state="${esc(state)}" ${extra}>${esc(state.replaceAll('_', ' '))}</span>`;
const dagHref = (dagId) => `#/dags/${enc(dagId)}`;
const tiHref = (dagId, runId, taskId) => `#/dags/${enc(dagId)}/runs/${enc(runId)}/tasks/${enc(taskId)}`;
const legend = () => `<div class="legend" aria-label="State colours">${STATES.map((s) => `<span><span class="state" data-state="${s}"></span> ${s.replaceAll('_', ' ')}</span>`).join('')}</div>`;

/** Sets innerHTML only when it changed, so polling does not steal focus or reset scrolling. */
function put(element, html) {
  if (element && element.dataset.html !== html) {
    element.innerHTML = html;
    element.dataset.html = html;
  }
}

function showStatus(message, kind = '') {
  statusBox.className = kind;
  statusBox.textContent = message || '';
}

// ---------- page lifecycle and polling ----------
let generation = 0;
let pollTimer = null;

function stopPolling() {
  if (pollTimer) clearTimeout(pollTimer);
  pollTimer = null;
}

/** Runs refresh now and then every POLL_MS until the page changes; errors go to the status line. */
async function poll(gen, refresh) {
  const tick = async () => {
    if (gen !== generation) return;
    try {
      await refresh();
      if (gen === generation && statusBox.dataset.kind === 'poll') { showStatus(''); delete statusBox.dataset.kind; }
    } catch (e) {
      if (gen !== generation) return;
      if (handleAuth(e)) return;
      showStatus(`Could not refresh: ${e.message}`, 'error');
      statusBox.dataset.kind = 'poll';
    }
    if (gen === generation) pollTimer = setTimeout(tick, POLL_MS);
  };
  await tick();
}

/** Shows the token form for an unauthenticated error; true when it handled the error. */
function handleAuth(error) {
  if (!(error instanceof ApiError) || error.code !== 'unauthenticated') return false;
  stopPolling();
  generation++;
  const had = sessionStorage.getItem(TOKEN_KEY);
  main.innerHTML = `
    <h1>API token required</h1>
    <form id="token-form" class="card">
      <p>This server requires an API token (create one with <code>tokens create --name me --role viewer</code>).
      It is kept in this browser tab only (sessionStorage).</p>
      ${had ? `<p class="error" role="alert">The token was refused: ${esc(error.message)}</p>` : ''}
      <div class="row">
        <label for="token">API token</label>
        <input id="token" type="password" autocomplete="off" required size="50">
        <button type="submit" class="primary">Use token</button>
      </div>
    </form>`;
  sessionStorage.removeItem(TOKEN_KEY);
  forgetButton.hidden = true;
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = document.getElementById('token').value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    route();
  });
  document.getElementById('token').focus();
  return true;
}

forgetButton.addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  route();
});

function route() {
  stopPolling();
  const gen = ++generation;
  showStatus('');
  forgetButton.hidden = !sessionStorage.getItem(TOKEN_KEY);
  const parts = (location.hash.replace(/^#\/?/, '') || '').split('/').filter(Boolean).map(decodeURIComponent);
  let page;
  let nav = 'dags';
  if (parts.length === 0) page = () => dagsPage(gen);
  else if (parts[0] === 'runs' && parts.length === 1) { nav = 'runs'; page = () => runsPage(gen); }
  else if (parts[0] === 'failed' && parts.length === 1) { nav = 'failed'; page = () => failedPage(gen); }
  else if (parts[0] === 'dags' && parts.length === 2) page = () => dagPage(gen, parts[1]);
  else if (parts[0] === 'dags' && parts.length === 6 && parts[2] === 'runs' && parts[4] === 'tasks') page = () => taskPage(gen, parts[1], parts[3], parts[5]);
  else page = () => { main.innerHTML = '<h1>Not found</h1><p><a href="#/">Back to the DAGs</a></p>'; };
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === nav) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  Promise.resolve(page()).catch((e) => {
    if (gen !== generation || handleAuth(e)) return;
    main.innerHTML = `<h1>Error</h1><p class="error" role="alert">${esc(e.message)}</p>`;
  });
}

// ---------- DAGs ----------
async function dagsPage(gen) {
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
        <td class="small">${dag.nextRun ? esc(fmt(dag.nextRun.runAfter || dag.nextRun.logicalDate)) : '—'}</td>
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

// ---------- DAG detail: grid, graph, trigger ----------
/** Tasks ordered by layer (longest path from a root), then by declaration order. */
function layers(tasks) {
  const byId = new Map(tasks.map((t) => [t.taskId, t]));
  const depth = new Map();
  const visit = (id, seen = new Set()) => {
    if (depth.has(id)) return depth.get(id);
    if (seen.has(id)) return 0;
    seen.add(id);
    const ups = (byId.get(id)?.upstreamTaskIds || []).filter((u) => byId.has(u));
    const d = ups.length ? Math.max(...ups.map((u) => visit(u, seen))) + 1 : 0;
    depth.set(id, d);
    return d;
  };
  tasks.forEach((t) => visit(t.taskId));
  return depth;
}

function graphSvg(dagId, detail, latestRun, instances) {
  const tasks = detail.tasks || [];
  const depth = layers(tasks);
  const columns = [];
  for (const t of tasks) (columns[depth.get(t.taskId)] ||= []).push(t.taskId);
  const W = 160; const H = 34; const GX = 60; const GY = 18; const PAD = 14;
  const pos = new Map();
  columns.forEach((col, x) => col.forEach((id, y) => pos.set(id, { x: PAD + x * (W + GX), y: PAD + y * (H + GY) })));
  const width = PAD * 2 + columns.length * W + Math.max(0, columns.length - 1) * GX;
  const height = PAD * 2 + Math.max(1, ...columns.map((c) => c.length)) * (H + GY) - GY;
  const state = new Map((instances || []).map((ti) => [ti.taskId, stateOf(ti)]));
  const edges = (detail.edges || []).filter((e) => pos.has(e.sourceTaskId) && pos.has(e.targetTaskId)).map((e) => {
    const a = pos.get(e.sourceTaskId); const b = pos.get(e.targetTaskId);
    const x1 = a.x + W; const y1 = a.y + H / 2; const x2 = b.x - 4; const y2 = b.y + H / 2; const mx = (x1 + x2) / 2;
    return `<path d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}" fill="none" stroke="#555" stroke-width="1.4" ${e.xcom ? 'stroke-dasharray="5 3"' : ''} marker-end="url(#arrow)"><title>${esc(e.sourceTaskId)} → ${esc(e.targetTaskId)}${e.xcom ? ' (XCom)' : ''}</title></path>`;
  }).join('');
  const nodes = tasks.map((t) => {
    const p = pos.get(t.taskId); const s = state.get(t.taskId) || 'none';
    const label = t.taskId.length > 20 ? `${t.taskId.slice(0, 19)}…` : t.taskId;
    const shape = `<rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="5" fill="${FILL[s] || '#fff'}" data-state="${esc(s)}"></rect>
      <text x="${p.x + W / 2}" y="${p.y + H / 2 + 4}" text-anchor="middle" fill="${DARK.has(s) ? '#fff' : '#111'}">${esc(label)}</text>`;
    return latestRun
      ? `<a href="${tiHref(dagId, latestRun.runId, t.taskId)}" data-task-id="${esc(t.taskId)}" aria-label="${esc(t.taskId)}: ${esc(s)}"><title>${esc(t.taskId)}: ${esc(s)}</title>${shape}</a>`
      : `<g data-task-id="${esc(t.taskId)}"><title>${esc(t.taskId)}</title>${shape}</g>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="Task graph of ${esc(dagId)}">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"></path></marker></defs>
    ${edges}${nodes}</svg>`;
}

async function dagPage(gen, dagId) {
  document.title = `${dagId} · CodeFirst`;
  main.innerHTML = `
    <nav aria-label="Breadcrumb" class="small"><a href="#/">DAGs</a> › ${esc(dagId)}</nav>
    <h1>DAG <code>${esc(dagId)}</code></h1>
    <div class="card" id="dag-info"></div>
    <section class="card" aria-labelledby="trigger-title">
      <h2 id="trigger-title">Trigger a run</h2>
      <form id="trigger-form" novalidate>
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
    </section>`;
  const form = document.getElementById('trigger-form');
  const error = document.getElementById('trigger-error');
  const conf = document.getElementById('conf');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    document.getElementById('trigger-result').innerHTML = '';
    const text = conf.value.trim() || '{}';
    let parsed;
    try { parsed = JSON.parse(text); } catch (e) { parsed = e; }
    if (parsed instanceof Error || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      error.textContent = `Conf must be a JSON object${parsed instanceof Error ? `: ${parsed.message}` : ''}.`;
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
    const [detail, runList] = await Promise.all([
      api('DagService', 'GetDag', { dagId }),
      api('DagRunService', 'ListDagRuns', { dagId, pageSize: 25 }),
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
        <dt>Schedule</dt><dd>${dag.schedule ? `<code>${esc(dag.schedule)}</code> ${esc(dag.timetableSummary)}` : 'manual only'}</dd>
        <dt>Next run</dt><dd>${dag.nextRun ? esc(fmt(dag.nextRun.runAfter || dag.nextRun.logicalDate)) : '—'}</dd>
        <dt>Tags</dt><dd>${(dag.tags || []).map((t) => `<span class="tag">${esc(t)}</span>`).join('') || '—'}</dd>
        <dt>Tasks</dt><dd>${dag.taskCount ?? (detail.tasks || []).length}</dd>
      </dl>`);
    const depth = layers(detail.tasks || []);
    const tasks = (detail.tasks || []).map((t, i) => ({ t, i })).sort((a, b) => depth.get(a.t.taskId) - depth.get(b.t.taskId) || a.i - b.i).map((x) => x.t);
    const tiMaps = instances.map((r) => new Map((r.taskInstances || []).map((ti) => [ti.taskId, ti])));
    put(document.getElementById('grid'), runs.length === 0 ? '<p class="muted">No runs yet: trigger one above.</p>' : `
      <table aria-label="Grid: tasks by run">
        <thead>
          <tr><th scope="col">Task \\ Run</th>${runs.map((r) => `<th scope="col" class="run" title="${esc(r.runId)}">${esc(fmt(r.logicalDate).replace(' UTC', ''))}</th>`).join('')}</tr>
          <tr><th scope="row">run state</th>${runs.map((r) => `<td><span class="state" data-state="${esc(stateOf(r))}" data-run-id="${esc(r.runId)}" role="img"
            aria-label="run ${esc(r.runId)}: ${esc(stateOf(r))}" title="${esc(r.runId)}: ${esc(stateOf(r))}"></span></td>`).join('')}</tr>
        </thead>
        <tbody>
          ${tasks.map((t) => `<tr><th scope="row" class="task">${esc(t.taskId)}</th>${runs.map((r, i) => {
            const ti = tiMaps[i].get(t.taskId);
            const s = stateOf(ti);
            return `<td><a class="cell${ti ? '' : ' empty'}" href="${tiHref(dagId, r.runId, t.taskId)}" data-run-id="${esc(r.runId)}" data-task-id="${esc(t.taskId)}"
              data-state="${esc(s)}" aria-label="${esc(t.taskId)} in ${esc(r.runId)}: ${esc(s)}" title="${esc(t.taskId)} · ${esc(r.runId)} · ${esc(s)}${ti?.tryNumber ? ` · try ${ti.tryNumber}` : ''}"></a></td>`;
          }).join('')}</tr>`).join('')}
        </tbody>
      </table>`);
    const latest = runs[runs.length - 1];
    document.getElementById('graph-run').textContent = latest ? `(states of ${latest.runId})` : '';
    put(document.getElementById('graph'), graphSvg(dagId, detail, latest, latest ? instances[instances.length - 1].taskInstances : []));
  };
  await poll(gen, refresh);
}

// ---------- task instance ----------
function affectedList(items) {
  if (!items || items.length === 0) return '<p>No task instances match.</p>';
  return `<ul class="plain">${items.map((a) => `<li>${esc(a.taskId)} <span class="muted small">${esc(a.runId)}</span> ${badge(a.previousState || 'none')}</li>`).join('')}</ul>`;
}

async function taskPage(gen, dagId, runId, taskId) {
  document.title = `${taskId} · ${dagId} · CodeFirst`;
  main.innerHTML = `
    <nav aria-label="Breadcrumb" class="small"><a href="#/">DAGs</a> › <a href="${dagHref(dagId)}">${esc(dagId)}</a> › ${esc(runId)} › ${esc(taskId)}</nav>
    <h1>Task <code>${esc(taskId)}</code> <span id="ti-state"></span></h1>
    <div class="card" id="ti-info"></div>
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
      <h2 id="tries-title">Tries and logs</h2>
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

  let selectedTry = 0; // 0: follow the latest try
  let follow = true;
  document.getElementById('tries').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-try]');
    if (!button) return;
    selectedTry = Number(button.dataset.try);
    follow = false;
    await refresh();
  });
  const refresh = async () => {
    const [ti, xcoms] = await Promise.all([
      api('TaskInstanceService', 'GetTaskInstance', { dagId, runId, taskId }),
      api('TaskInstanceService', 'ListXComs', { dagId, runId, taskId }),
    ]);
    const tries = ti.tryNumber || 0;
    if (follow) selectedTry = tries;
    const log = selectedTry > 0 ? await api('TaskInstanceService', 'GetTaskLog', { dagId, runId, taskId, tryNumber: selectedTry }) : { lines: [] };
    if (gen !== generation) return;
    const state = stateOf(ti);
    put(document.getElementById('ti-state'), badge(state, 'id="ti-state-badge"'));
    put(document.getElementById('ti-info'), `
      <dl class="kv">
        <dt>DAG</dt><dd><a href="${dagHref(dagId)}">${esc(dagId)}</a></dd>
        <dt>Run</dt><dd><code>${esc(runId)}</code></dd>
        <dt>State</dt><dd>${badge(state)}</dd>
        <dt>Try</dt><dd><span id="try-number">${tries}</span> of ${ti.maxTries || 1}</dd>
        <dt>Started</dt><dd>${esc(fmt(ti.startDate))}</dd>
        <dt>Ended</dt><dd>${esc(fmt(ti.endDate))}</dd>
        <dt>Duration</dt><dd>${esc(duration(ti.startDate, ti.endDate))}</dd>
        <dt>Host</dt><dd>${esc(ti.hostname || '—')}</dd>
      </dl>`);
    put(document.getElementById('tries'), tries === 0 ? '<span class="muted">Not started yet.</span>' : Array.from({ length: tries }, (_, i) => i + 1).map((n) =>
      `<button type="button" data-try="${n}" aria-pressed="${n === selectedTry}">Try ${n}${n === tries ? ` · ${esc(state.replaceAll('_', ' '))} · ${esc(duration(ti.startDate, ti.endDate))}` : ''}</button>`).join(''));
    document.getElementById('log-title').textContent = selectedTry ? `Log of try ${selectedTry}` : 'Log';
    const lines = log.lines || [];
    put(document.getElementById('log'), lines.length
      ? lines.map((l) => `${esc(fmt(l.timestamp).replace(' UTC', ''))} ${esc((l.level || '').toUpperCase().padEnd(5))} ${esc(l.message)}`).join('\n')
      : esc(selectedTry ? 'No log lines yet (a try\'s log is written when it ends).' : 'No tries yet.'));
    const list = xcoms.xcoms || [];
    put(document.getElementById('xcoms'), list.length ? `<table aria-label="XComs"><thead><tr><th scope="col">Key</th><th scope="col">Value</th></tr></thead><tbody>
      ${list.map((x) => { let v = x.valueJson; try { v = JSON.stringify(JSON.parse(v), null, 2); } catch { /* keep the raw text */ }
        return `<tr><td><code>${esc(x.key)}</code></td><td><pre class="value">${esc(v)}</pre></td></tr>`; }).join('')}</tbody></table>` : '<p class="muted">No XComs.</p>');
  };
  await poll(gen, refresh);
}

// ---------- runs ----------
async function runsPage(gen) {
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

// ---------- failed task instances across DAGs ----------
async function failedPage(gen) {
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

window.addEventListener('hashchange', () => { route(); main.focus({ preventScroll: true }); });
route();
