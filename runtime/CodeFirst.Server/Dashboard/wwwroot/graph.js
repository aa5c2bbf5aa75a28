// The DAG drawn as a layered graph (inline SVG), coloured by one run's task states.
import { DARK, FILL, esc, stateOf, tiHref } from './ui.js';

/** Tasks ordered by layer (longest path from a root), then by declaration order. */
export function layers(tasks) {
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

export function graphSvg(dagId, detail, latestRun, instances) {
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
