// The "Tries" table of a task instance page: one row per try (Airflow's task instance history), each with a button showing its log.
import { api } from './api.js';
import { badge, duration, esc, fmt } from './ui.js';

/** Every try of one task instance, oldest first, the running one included. */
export async function listTries({ dagId, runId, taskId, mapIndex }) {
  const request = { dagId, runId, taskId };
  if (mapIndex !== undefined && mapIndex !== null) request.mapIndex = mapIndex;
  return (await api('TaskInstanceService', 'ListTaskInstanceTries', request)).tries || [];
}

/** The table's HTML; the log buttons carry data-try, which the page's click handler reads. */
export function triesTable(tries, selectedTry) {
  if (tries.length === 0) return '<span class="muted">Not started yet.</span>';
  const rows = tries.map((t) => {
    const n = t.tryNumber;
    const state = t.state || 'none';
    return `<tr data-try-row="${n}"><th scope="row">${n}</th><td>${badge(state)}</td><td>${esc(fmt(t.startDate))}</td><td>${esc(fmt(t.endDate))}</td>
      <td>${esc(duration(t.startDate, t.endDate))}</td><td>${esc(t.hostname || '—')}</td>
      <td><button type="button" data-try="${n}" aria-pressed="${n === selectedTry}" aria-label="Log of try ${n}">Log</button></td></tr>`;
  }).join('');
  return `<table aria-label="Tries"><thead><tr><th scope="col">Try</th><th scope="col">State</th><th scope="col">Started</th><th scope="col">Ended</th>
    <th scope="col">Duration</th><th scope="col">Host</th><th scope="col">Log</th></tr></thead><tbody>${rows}</tbody></table>`;
}
