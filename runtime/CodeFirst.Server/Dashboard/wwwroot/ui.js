// Small rendering helpers shared by every page: escaping, formatting, Airflow's state colours.
export const STATES = ['success', 'failed', 'running', 'queued', 'scheduled', 'up_for_retry', 'up_for_reschedule',
  'upstream_failed', 'skipped', 'deferred', 'removed', 'restarting', 'none'];
export const FILL = {
  success: '#008000', failed: '#d00000', running: '#32cd32', queued: '#808080', scheduled: '#d2b48c',
  up_for_retry: '#ffd700', up_for_reschedule: '#40e0d0', upstream_failed: '#ffa500', skipped: '#ff69b4',
  deferred: '#9370db', removed: '#d3d3d3', restarting: '#ee82ee', none: '#ffffff',
};
export const DARK = new Set(['success', 'failed', 'queued', 'deferred']);

export const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
export const enc = encodeURIComponent;
export const fmt = (ts) => (ts ? ts.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '—');
export function duration(start, end) {
  if (!start) return '—';
  const ms = (end ? Date.parse(end) : Date.now()) - Date.parse(start);
  if (ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
export const stateOf = (item) => item?.state || 'none';
/** A state pill in Airflow's colour of <state>; <text> when the thing shown is not a task state (a backfill's "canceled"). */
export const badge = (state, extra = '', text = state.replaceAll('_', ' ')) => `<span class="badge" data-state="${esc(state)}" ${extra}>${esc(text)}</span>`;
export const dagHref = (dagId) => `#/dags/${enc(dagId)}`;
export const tiHref = (dagId, runId, taskId) => `#/dags/${enc(dagId)}/runs/${enc(runId)}/tasks/${enc(taskId)}`;
export const legend = () => `<div class="legend" aria-label="State colours">${STATES.map((s) => `<span><span class="state" data-state="${s}"></span> ${s.replaceAll('_', ' ')}</span>`).join('')}</div>`;

/** Sets innerHTML only when it changed, so polling does not steal focus or reset scrolling. */
export function put(element, html) {
  if (element && element.dataset.html !== html) {
    element.innerHTML = html;
    element.dataset.html = html;
  }
}

const statusBox = document.getElementById('status');

export function showStatus(message, kind = '') {
  statusBox.className = kind;
  statusBox.textContent = message || '';
}

/** "4 s ago", "3 min ago": how long before now a timestamp was. */
export function ago(ts) {
  if (!ts) return '—';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(ts)) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

/** A timestamp as wall-clock time in an IANA zone ("2024-03-31 03:00 Europe/Berlin"); plain UTC for UTC or an unknown zone. */
export function inZone(ts, zone) {
  if (!ts) return '—';
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return fmt(ts);
  try {
    // sv-SE formats as "2024-03-31 03:00:00": ISO order, 24 h.
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(ts));
    return `${local} ${zone}`;
  } catch {
    return fmt(ts);
  }
}

/** Parses a textarea that must hold a JSON object (empty means {}); throws "<label> must be a JSON object…" otherwise. */
export function jsonObject(text, label) {
  let value;
  try { value = JSON.parse(text.trim() || '{}'); } catch (e) { throw new Error(`${label} must be a JSON object: ${e.message}.`); }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${label} must be a JSON object.`);
  return value;
}
