// Assets (Airflow's datasets): who produces them, which DAGs they trigger, their recent events; post an event.
import { api } from './api.js';
import { generation, handleAuth, poll } from './live.js';
import { dagHref, esc, fmt, jsonObject, put, tiHref } from './ui.js';

const main = document.getElementById('main');

const producer = (ref) => {
  const dot = ref.indexOf('.');
  const dagId = dot < 0 ? ref : ref.slice(0, dot);
  return `<a href="${dagHref(dagId)}">${esc(dagId)}</a>${dot < 0 ? '' : `.${esc(ref.slice(dot + 1))}`}`;
};

const source = (e) => (e.sourceDagId
  ? `<a href="${tiHref(e.sourceDagId, e.sourceRunId, e.sourceTaskId)}">${esc(e.sourceDagId)}.${esc(e.sourceTaskId)}</a><div class="small muted">${esc(e.sourceRunId)}</div>`
  : '<span class="muted">external (API)</span>');

const extra = (e) => (e.extra && Object.keys(e.extra).length ? `<pre class="extra">${esc(JSON.stringify(e.extra))}</pre>` : '<span class="muted">—</span>');

export async function assetsPage(gen) {
  document.title = 'Assets · CodeFirst';
  main.innerHTML = `
    <h1>Assets</h1>
    <table aria-label="Assets">
      <thead><tr><th scope="col">Asset</th><th scope="col">Produced by</th><th scope="col">Triggers DAGs</th><th scope="col">Latest event</th></tr></thead>
      <tbody id="asset-rows"></tbody>
    </table>
    <section class="card" aria-labelledby="emit-title">
      <h2 id="emit-title">Post an event</h2>
      <p class="muted small">As a producing task would: DAGs scheduled on the asset may run.</p>
      <form id="emit-form" novalidate>
        <div class="row">
          <label for="emit-uri">Asset URI</label>
          <input id="emit-uri" type="text" size="50" list="asset-uris" required autocomplete="off">
          <datalist id="asset-uris"></datalist>
        </div>
        <label for="emit-extra">Extra (a JSON object)</label>
        <textarea id="emit-extra" rows="2" spellcheck="false" aria-describedby="emit-error">{}</textarea>
        <div class="row"><button type="submit" class="primary" id="emit">Post event</button></div>
        <p id="emit-error" class="error" role="alert"></p>
        <div id="emit-result" role="status"></div>
      </form>
    </section>
    <section aria-labelledby="events-title">
      <h2 id="events-title">Recent events</h2>
      <div class="row card">
        <label for="event-asset">Asset</label>
        <select id="event-asset"><option value="">all</option></select>
      </div>
      <table aria-label="Asset events">
        <thead><tr><th scope="col">Id</th><th scope="col">When</th><th scope="col">Asset</th><th scope="col">Source</th><th scope="col">Extra</th></tr></thead>
        <tbody id="event-rows"></tbody>
      </table>
    </section>`;
  const filter = document.getElementById('event-asset');
  const form = document.getElementById('emit-form');
  const error = document.getElementById('emit-error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    document.getElementById('emit-result').innerHTML = '';
    const uri = document.getElementById('emit-uri').value.trim();
    if (!uri) { error.textContent = 'Asset URI is required.'; document.getElementById('emit-uri').focus(); return; }
    let parsed;
    try { parsed = jsonObject(document.getElementById('emit-extra').value, 'Extra'); } catch (e) {
      error.textContent = e.message;
      document.getElementById('emit-extra').focus();
      return;
    }
    try {
      const created = await api('AssetService', 'CreateAssetEvent', { assetUri: uri, extra: parsed });
      document.getElementById('emit-result').innerHTML = `<p class="ok" data-event-id="${esc(created.id)}">Posted event ${esc(created.id)} on <code>${esc(uri)}</code>.</p>`;
      await refresh();
    } catch (e) {
      if (!handleAuth(e)) error.textContent = `The server refused the event: ${e.message}`;
    }
  });
  const refresh = async () => {
    const request = { pageSize: 50 };
    if (filter.value) request.assetUri = filter.value;
    const [assets, events, latest] = await Promise.all([
      api('AssetService', 'ListAssets', { pageSize: 1000 }),
      api('AssetService', 'ListAssetEvents', request),
      api('AssetService', 'ListAssetEvents', { pageSize: 500 }),
    ]);
    if (gen !== generation) return;
    const list = assets.assets || [];
    const newest = new Map();
    for (const e of latest.assetEvents || []) if (!newest.has(e.assetUri)) newest.set(e.assetUri, e);
    put(document.getElementById('asset-rows'), list.map((a) => `<tr data-asset-uri="${esc(a.uri)}">
      <th scope="row"><code>${esc(a.uri)}</code></th>
      <td>${(a.producingTasks || []).map(producer).join('<br>') || '<span class="muted">—</span>'}</td>
      <td>${(a.consumingDagIds || []).map((d) => `<a href="${dagHref(d)}">${esc(d)}</a>`).join(', ') || '<span class="muted">—</span>'}</td>
      <td class="small">${newest.has(a.uri) ? esc(fmt(newest.get(a.uri).timestamp)) : '<span class="muted">none yet</span>'}</td></tr>`).join('')
      || '<tr><td colspan="4" class="muted">No DAG produces or consumes an asset.</td></tr>');
    put(document.getElementById('asset-uris'), list.map((a) => `<option value="${esc(a.uri)}"></option>`).join(''));
    const chosen = filter.value;
    put(filter, `<option value="">all</option>${list.map((a) => `<option${a.uri === chosen ? ' selected' : ''}>${esc(a.uri)}</option>`).join('')}`);
    put(document.getElementById('event-rows'), (events.assetEvents || []).map((e) => `<tr data-event-id="${esc(e.id)}">
      <td>${esc(e.id)}</td><td class="small">${esc(fmt(e.timestamp))}</td><td><code>${esc(e.assetUri)}</code></td><td>${source(e)}</td><td>${extra(e)}</td></tr>`).join('')
      || '<tr><td colspan="5" class="muted">No events.</td></tr>');
  };
  filter.addEventListener('change', () => refresh().catch((e) => handleAuth(e)));
  await poll(gen, refresh);
}
