// Processes: the schedulers, workers and triggerers with their heartbeats (Hangfire's "Servers").
import { api } from './api.js';
import { generation, poll } from './live.js';
import { ago, esc, fmt, put } from './ui.js';

const main = document.getElementById('main');

const queuesOf = (p) => (p.allQueues ? '<span class="muted">all queues</span>'
  : (p.queues || []).map((q) => `<span class="tag">${esc(q)}</span>`).join('') || '<span class="muted">—</span>');

const slots = (p) => (p.concurrency ? `${p.runningTasks || 0} / ${p.concurrency}` : '—');

export async function processesPage(gen) {
  document.title = 'Processes · CodeFirst';
  main.innerHTML = `
    <h1>Processes</h1>
    <p class="muted small">Every scheduler, worker and triggerer records itself and heartbeats. A process that misses three
      heartbeats is <strong>dead</strong> (killed, crashed or cut off from the database); one that shut down cleanly is
      <strong>stopped</strong>. Both are removed an hour after their last heartbeat.</p>
    <div class="row card">
      <label><input type="checkbox" id="alive-only"> Alive only</label>
      <span id="process-count" class="muted small" role="status"></span>
    </div>
    <table aria-label="Processes">
      <thead><tr><th scope="col">State</th><th scope="col">Role</th><th scope="col">Process</th><th scope="col">Host · pid</th>
      <th scope="col">Queues</th><th scope="col">Running tasks / slots</th><th scope="col">Running triggers</th>
      <th scope="col">Last heartbeat</th><th scope="col">Started</th></tr></thead>
      <tbody id="process-rows"></tbody>
    </table>`;
  const aliveOnly = document.getElementById('alive-only');
  const refresh = async () => {
    const result = await api('MonitorService', 'ListProcesses', { aliveOnly: aliveOnly.checked });
    if (gen !== generation) return;
    const processes = result.processes || [];
    const alive = processes.filter((p) => p.state === 'running').length;
    document.getElementById('process-count').textContent = `${alive} alive, ${processes.length - alive} stopped or dead`;
    put(document.getElementById('process-rows'), processes.map((p) => `<tr data-process-id="${esc(p.id)}" data-role="${esc(p.role)}">
      <td><span class="badge" data-process-state="${esc(p.state)}">${esc(p.state)}</span></td>
      <td>${esc(p.role)}</td><td><code>${esc(p.id)}</code></td><td>${esc(p.hostname)} · ${esc(p.pid)}</td>
      <td>${queuesOf(p)}</td><td>${slots(p)}</td><td>${p.runningTriggers || 0}</td>
      <td class="heartbeat" title="${esc(fmt(p.lastHeartbeat))}">${esc(ago(p.lastHeartbeat))}
        <div class="small muted">every ${esc((p.heartbeatIntervalMs || 0) / 1000)} s</div></td>
      <td class="small">${esc(fmt(p.startedAt))}${p.stoppedAt ? `<div class="muted">stopped ${esc(fmt(p.stoppedAt))}</div>` : ''}</td></tr>`).join('')
      || '<tr><td colspan="9" class="muted">No processes have reported yet.</td></tr>');
  };
  aliveOnly.addEventListener('change', () => refresh());
  await poll(gen, refresh);
}
