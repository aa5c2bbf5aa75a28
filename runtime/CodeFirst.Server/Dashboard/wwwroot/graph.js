// The DAG drawn as a layered graph (inline SVG), coloured by one run's task states; task groups drawn as labelled boxes.
import { groupPaths, groupRows } from './groups.js';
import { instancesByTask, isMapped, summaryState } from './mapped.js';
import { DARK, FILL, esc, tiHref } from './ui.js';

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

/** A labelled box around the nodes of each group (nested groups inside their parent's box), drawn behind the nodes. */
function groupBoxes(tasks, pos, W, H) {
  const members = new Map();
  for (const t of tasks) for (const path of groupPaths(t.group)) (members.get(path) || members.set(path, []).get(path)).push(pos.get(t.taskId));
  const depthOf = (path) => path.split('.').length;
  const deepest = Math.max(0, ...[...members.keys()].map(depthOf));
  return [...members.entries()].sort((a, b) => depthOf(a[0]) - depthOf(b[0])).map(([path, ps]) => {
    const grow = (deepest - depthOf(path)) * 6; // an outer box leaves room for the boxes inside it
    const x = Math.min(...ps.map((p) => p.x)) - 8 - grow; const y = Math.min(...ps.map((p) => p.y)) - 22 - grow * 2;
    const w = Math.max(...ps.map((p) => p.x)) + W + 8 + grow - x; const h = Math.max(...ps.map((p) => p.y)) + H + 8 + grow - y;
    return `<g class="group-box" data-group="${esc(path)}" role="group" aria-label="task group ${esc(path)}"><title>task group ${esc(path)}</title>
      <rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8" fill="#eef3f9" stroke="#7a8aa0" stroke-dasharray="4 3"></rect><text x="${x + 8}" y="${y + 14}">${esc(path)}</text></g>`;
  }).join('');
}

export function graphSvg(dagId, detail, latestRun, instances) {
  const tasks = detail.tasks || [];
  const grouped = tasks.some((t) => t.group);
  const depth = layers(tasks);
  // Within a column, a group's tasks sit next to each other so its box encloses only them.
  const order = new Map(groupRows(tasks).filter((r) => r.task).map((r, i) => [r.task.taskId, i]));
  const columns = [];
  for (const t of tasks) (columns[depth.get(t.taskId)] ||= []).push(t.taskId);
  columns.forEach((col) => col.sort((a, b) => order.get(a) - order.get(b)));
  const W = 160; const H = 34; const GX = 60; const GY = grouped ? 40 : 18; const PAD = 14; const TOP = grouped ? 40 : PAD;
  const pos = new Map();
  columns.forEach((col, x) => col.forEach((id, y) => pos.set(id, { x: PAD + x * (W + GX), y: TOP + y * (H + GY) })));
  const width = PAD * 2 + columns.length * W + Math.max(0, columns.length - 1) * GX;
  const height = TOP + PAD + Math.max(1, ...columns.map((c) => c.length)) * (H + GY) - GY;
  const byTask = instancesByTask(instances);
  const edges = (detail.edges || []).filter((e) => pos.has(e.sourceTaskId) && pos.has(e.targetTaskId)).map((e) => {
    const a = pos.get(e.sourceTaskId); const b = pos.get(e.targetTaskId);
    const x1 = a.x + W; const y1 = a.y + H / 2; const x2 = b.x - 4; const y2 = b.y + H / 2; const mx = (x1 + x2) / 2;
    return `<path d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}" fill="none" stroke="#555" stroke-width="1.4" ${e.xcom ? 'stroke-dasharray="5 3"' : ''} marker-end="url(#arrow)"><title>${esc(e.sourceTaskId)} → ${esc(e.targetTaskId)}${e.xcom ? ' (XCom)' : ''}</title></path>`;
  }).join('');
  const nodes = tasks.map((t) => {
    const p = pos.get(t.taskId); const tis = byTask.get(t.taskId) || [];
    const s = summaryState(tis); const mapped = isMapped(tis) ? ` [${tis.length}]` : '';
    const name = t.taskId.length > 20 - mapped.length ? `${t.taskId.slice(0, 19 - mapped.length)}…` : t.taskId;
    const title = `${esc(t.taskId)}${t.group ? ` (group ${esc(t.group)})` : ''}: ${esc(s)}${mapped ? `, ${tis.length} mapped` : ''}`;
    const shape = `<rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="5" fill="${FILL[s] || '#fff'}" data-state="${esc(s)}"></rect>
      <text x="${p.x + W / 2}" y="${p.y + H / 2 + 4}" text-anchor="middle" fill="${DARK.has(s) ? '#fff' : '#111'}">${esc(name + mapped)}</text>`;
    const group = t.group ? ` data-group="${esc(t.group)}"` : '';
    return latestRun
      ? `<a href="${tiHref(dagId, latestRun.runId, t.taskId)}" data-task-id="${esc(t.taskId)}"${group} aria-label="${title}"><title>${title}</title>${shape}</a>`
      : `<g data-task-id="${esc(t.taskId)}"${group}><title>${title}</title>${shape}</g>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="Task graph of ${esc(dagId)}">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"></path></marker></defs>
    ${groupBoxes(tasks, pos, W, H)}${edges}${nodes}</svg>`;
}
