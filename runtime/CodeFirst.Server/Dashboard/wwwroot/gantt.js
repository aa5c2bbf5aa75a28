// A Gantt chart of one run (inline SVG): one bar per task from its start to its end (or now while running); a mapped
// task's bar spans all its instances.
import { instancesByTask, spanOf } from './mapped.js';
import { FILL, duration, esc, fmt, stateOf, tiHref } from './ui.js';

const LABEL = 170;
const WIDTH = 620;
const ROW = 24;

export function ganttSvg(dagId, run, tasks, instances) {
  const byTask = new Map([...instancesByTask(instances)].map(([id, tis]) => [id, spanOf(tis)]));
  const started = tasks.map((t) => byTask.get(t.taskId)).filter((ti) => ti?.startDate);
  if (!run || started.length === 0) return '<p class="muted">No task of the latest run has started yet.</p>';
  const now = Date.now();
  const t0 = Math.min(...started.map((ti) => Date.parse(ti.startDate)));
  const t1 = Math.max(...started.map((ti) => (ti.endDate ? Date.parse(ti.endDate) : now)), t0 + 1);
  const x = (ms) => LABEL + ((ms - t0) / (t1 - t0)) * WIDTH;
  const height = tasks.length * ROW + 28;
  const rows = tasks.map((t, i) => {
    const ti = byTask.get(t.taskId);
    const y = i * ROW + 4;
    const label = `<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${esc(t.taskId)}</text>`;
    if (!ti?.startDate) return `<g data-task-id="${esc(t.taskId)}">${label}<text x="${LABEL + 4}" y="${y + 15}" class="muted-text">not started</text></g>`;
    const s = stateOf(ti);
    const start = Date.parse(ti.startDate);
    const end = ti.endDate ? Date.parse(ti.endDate) : now;
    const text = `${t.taskId}: ${s}${ti.count ? ` (${ti.count} mapped)` : ''}, ${fmt(ti.startDate)} for ${duration(ti.startDate, ti.endDate)}`;
    // The whole row is the link's hit area: a bar of a few milliseconds is too thin to click.
    return `<a href="${tiHref(dagId, run.runId, t.taskId)}" data-task-id="${esc(t.taskId)}" data-state="${esc(s)}" aria-label="${esc(text)}"><title>${esc(text)}</title>
      <rect class="hit" x="0" y="${y - 2}" width="${LABEL + WIDTH}" height="${ROW}" fill="transparent"></rect>${label}
      <rect class="bar" x="${x(start).toFixed(1)}" y="${y}" width="${Math.max(2, x(end) - x(start)).toFixed(1)}" height="${ROW - 8}" rx="3" fill="${FILL[s] || '#fff'}"></rect></a>`;
  }).join('');
  const axis = `<line x1="${LABEL}" y1="${height - 22}" x2="${LABEL + WIDTH}" y2="${height - 22}" stroke="#999"></line>
    <text x="${LABEL}" y="${height - 6}">${esc(fmt(new Date(t0).toISOString()))}</text>
    <text x="${LABEL + WIDTH}" y="${height - 6}" text-anchor="end">+${esc(duration(new Date(t0).toISOString(), new Date(t1).toISOString()))}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL + WIDTH + 20}" height="${height}" viewBox="0 0 ${LABEL + WIDTH + 20} ${height}"
    role="group" aria-label="Gantt chart of ${esc(run.runId)}">${rows}${axis}</svg>`;
}
