// Queues and pools: task instances waiting in each queue, and each pool's used, queued and deferred slots.
import { api } from './api.js';
import { generation, poll } from './live.js';
import { esc, put } from './ui.js';

const main = document.getElementById('main');

// A native <meter>: accessible, and no inline style (the page's CSP forbids it).
const meter = (used, total, label) => `<meter min="0" max="${Math.max(total, 1)}" value="${used}" aria-label="${esc(label)}">${used} of ${total}</meter>`;

export async function queuesPage(gen) {
  document.title = 'Queues and pools · CodeFirst';
  main.innerHTML = `
    <h1>Queues and pools</h1>
    <section aria-labelledby="queues-title">
      <h2 id="queues-title">Queues</h2>
      <p class="muted small">Queued: waiting for a worker that serves the queue. Deferred: waiting on a trigger in the triggerer (no worker slot).</p>
      <table aria-label="Queue depths">
        <thead><tr><th scope="col">Queue</th><th scope="col" class="num">Queued</th><th scope="col" class="num">Running</th><th scope="col" class="num">Deferred</th></tr></thead>
        <tbody id="queue-rows"></tbody>
      </table>
    </section>
    <section aria-labelledby="pools-title">
      <h2 id="pools-title">Pools</h2>
      <p class="muted small">Running task instances use their pool's slots; queued ones wait for free slots; deferred ones occupy none.</p>
      <table aria-label="Pools">
        <thead><tr><th scope="col">Pool</th><th scope="col" class="num">Slots</th><th scope="col" class="num">Used</th><th scope="col">Usage</th>
        <th scope="col" class="num">Queued</th><th scope="col" class="num">Deferred</th><th scope="col" class="num">Open</th></tr></thead>
        <tbody id="pool-rows"></tbody>
      </table>
    </section>`;
  const refresh = async () => {
    const [queues, pools] = await Promise.all([
      api('MonitorService', 'GetQueueDepths', {}),
      api('PoolService', 'ListPools', { pageSize: 1000 }),
    ]);
    if (gen !== generation) return;
    put(document.getElementById('queue-rows'), (queues.queues || []).map((q) => `<tr data-queue="${esc(q.queue)}">
      <th scope="row"><code>${esc(q.queue)}</code></th><td class="num queued">${q.queued || 0}</td><td class="num running">${q.running || 0}</td>
      <td class="num deferred">${q.deferred || 0}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">No queues.</td></tr>');
    put(document.getElementById('pool-rows'), (pools.pools || []).map((p) => `<tr data-pool="${esc(p.name)}">
      <th scope="row">${esc(p.name)}${p.description ? `<div class="small muted">${esc(p.description)}</div>` : ''}</th>
      <td class="num">${p.slots || 0}</td><td class="num used">${p.runningSlots || 0}</td><td>${meter(p.runningSlots || 0, p.slots || 0, `${p.name}: ${p.runningSlots || 0} of ${p.slots || 0} slots used`)}</td>
      <td class="num queued">${p.queuedSlots || 0}</td><td class="num deferred">${p.deferredSlots || 0}</td><td class="num open">${p.openSlots || 0}</td></tr>`).join('')
      || '<tr><td colspan="7" class="muted">No pools.</td></tr>');
  };
  await poll(gen, refresh);
}
