// The grid view: runs (oldest left) × tasks in layer order, one coloured cell per task (a mapped task's cell sums up
// its instances), tasks of a group under the group's header row; cells link to the task instance.
import { groupRows, shortId } from './groups.js';
import { instancesByTask, isMapped, summaryState } from './mapped.js';
import { esc, fmt, stateOf, tiHref } from './ui.js';

function taskCell(dagId, run, task, tis) {
  const mapped = isMapped(tis);
  const s = mapped ? summaryState(tis) : stateOf(tis?.[0]);
  const tryNumber = mapped ? 0 : tis?.[0]?.tryNumber;
  const count = mapped ? `, ${tis.length} mapped` : '';
  return `<td><a class="cell${tis ? '' : ' empty'}${mapped ? ' mapped' : ''}" href="${tiHref(dagId, run.runId, task.taskId)}" data-run-id="${esc(run.runId)}"
    data-task-id="${esc(task.taskId)}" data-state="${esc(s)}"${mapped ? ` data-mapped="${tis.length}"` : ''} aria-label="${esc(task.taskId)} in ${esc(run.runId)}: ${esc(s)}${count}"
    title="${esc(task.taskId)} · ${esc(run.runId)} · ${esc(s)}${mapped ? ` · ${tis.length} mapped` : ''}${tryNumber ? ` · try ${tryNumber}` : ''}">${mapped ? `<span class="count" aria-hidden="true">${tis.length}</span>` : ''}</a></td>`;
}

function groupCell(run, group, byTask) {
  const s = summaryState(group.tasks.flatMap((t) => byTask.get(t.taskId) || []));
  return `<td><span class="group-state" data-run-id="${esc(run.runId)}" data-group="${esc(group.group)}" data-state="${esc(s)}" role="img"
    aria-label="group ${esc(group.group)} in ${esc(run.runId)}: ${esc(s)}" title="${esc(group.group)} · ${esc(run.runId)} · ${esc(s)}"></span></td>`;
}

export function gridTable(dagId, runs, tasks, instanceLists) {
  if (runs.length === 0) return '<p class="muted">No runs yet: trigger one above.</p>';
  const byRun = instanceLists.map((list) => instancesByTask(list));
  const rows = groupRows(tasks).map((row) => (row.group
    ? `<tr class="group-row" data-group="${esc(row.group)}"><th scope="row" class="task group depth-${Math.min(row.depth, 5)}" title="task group ${esc(row.group)}">
        <span aria-hidden="true">▾ </span>${esc(row.group)} <span class="muted small">(${row.tasks.length})</span></th>${runs.map((r, i) => groupCell(r, row, byRun[i])).join('')}</tr>`
    : `<tr data-task-row="${esc(row.task.taskId)}"><th scope="row" class="task depth-${Math.min(row.depth, 5)}"${row.task.doc ? ` title="${esc(row.task.doc)}"` : ''}>${esc(shortId(row.task))}</th>${
      runs.map((r, i) => taskCell(dagId, r, row.task, byRun[i].get(row.task.taskId))).join('')}</tr>`)).join('');
  return `
      <table aria-label="Grid: tasks by run">
        <thead>
          <tr><th scope="col">Task \\ Run</th>${runs.map((r) => `<th scope="col" class="run" title="${esc(r.runId)}">${esc(fmt(r.logicalDate).replace(' UTC', ''))}</th>`).join('')}</tr>
          <tr><th scope="row">run state</th>${runs.map((r) => `<td><span class="state" data-state="${esc(stateOf(r))}" data-run-id="${esc(r.runId)}" role="img"
            aria-label="run ${esc(r.runId)}: ${esc(stateOf(r))}" title="${esc(r.runId)}: ${esc(stateOf(r))}"></span></td>`).join('')}</tr>
        </thead>
        <tbody>${rows}</tbody>
      </table>`;
}
