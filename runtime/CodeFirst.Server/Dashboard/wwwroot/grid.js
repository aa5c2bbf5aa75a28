// The grid view: runs (oldest left) × tasks in layer order, one coloured cell per task instance, linking to it.
import { esc, fmt, stateOf, tiHref } from './ui.js';

export function gridTable(dagId, runs, tasks, instanceLists) {
  if (runs.length === 0) return '<p class="muted">No runs yet: trigger one above.</p>';
  const tiMaps = instanceLists.map((list) => new Map((list || []).map((ti) => [ti.taskId, ti])));
  return `
      <table aria-label="Grid: tasks by run">
        <thead>
          <tr><th scope="col">Task \\ Run</th>${runs.map((r) => `<th scope="col" class="run" title="${esc(r.runId)}">${esc(fmt(r.logicalDate).replace(' UTC', ''))}</th>`).join('')}</tr>
          <tr><th scope="row">run state</th>${runs.map((r) => `<td><span class="state" data-state="${esc(stateOf(r))}" data-run-id="${esc(r.runId)}" role="img"
            aria-label="run ${esc(r.runId)}: ${esc(stateOf(r))}" title="${esc(r.runId)}: ${esc(stateOf(r))}"></span></td>`).join('')}</tr>
        </thead>
        <tbody>
          ${tasks.map((t) => `<tr><th scope="row" class="task"${t.doc ? ` title="${esc(t.doc)}"` : ''}>${esc(t.taskId)}</th>${runs.map((r, i) => {
            const ti = tiMaps[i].get(t.taskId);
            const s = stateOf(ti);
            return `<td><a class="cell${ti ? '' : ' empty'}" href="${tiHref(dagId, r.runId, t.taskId)}" data-run-id="${esc(r.runId)}" data-task-id="${esc(t.taskId)}"
              data-state="${esc(s)}" aria-label="${esc(t.taskId)} in ${esc(r.runId)}: ${esc(s)}" title="${esc(t.taskId)} · ${esc(r.runId)} · ${esc(s)}${ti?.tryNumber ? ` · try ${ti.tryNumber}` : ''}"></a></td>`;
          }).join('')}</tr>`).join('')}
        </tbody>
      </table>`;
}
