// Mapped tasks: one task id, several instances (map_index 0..n-1). Summaries as Airflow's grid shows them.

/** Airflow's order of precedence for a summary state: the first state any instance has wins. */
const PRIORITY = ['failed', 'upstream_failed', 'up_for_retry', 'up_for_reschedule', 'queued', 'scheduled', 'deferred',
  'running', 'restarting', 'none', 'success', 'skipped', 'removed'];

/** One state for several instances (a mapped task's, or a task group's tasks): the highest in PRIORITY. */
export function summaryState(instances) {
  const states = new Set((instances || []).map((ti) => ti?.state || 'none'));
  if (states.size === 0) return 'none';
  return PRIORITY.find((s) => states.has(s)) || [...states][0];
}

/** An instance's map index: -1 when not mapped. The JSON API leaves out zero values, so a missing index is 0. */
export const mapIndexOf = (ti) => ti.mapIndex ?? 0;

/** A run's instances by task id, each list in map-index order. */
export function instancesByTask(list) {
  const byTask = new Map();
  for (const ti of list || []) {
    if (!byTask.has(ti.taskId)) byTask.set(ti.taskId, []);
    byTask.get(ti.taskId).push(ti);
  }
  for (const tis of byTask.values()) tis.sort((a, b) => mapIndexOf(a) - mapIndexOf(b));
  return byTask;
}

/** True when the instances are a mapped task's (any has a map index of 0 or more). */
export const isMapped = (instances) => (instances || []).some((ti) => mapIndexOf(ti) >= 0);

/**
 * One bar for a task's instances (the Gantt's row): from the first start to the last end (open while any runs),
 * in their summary state; <count> is how many instances a mapped task has, 0 otherwise.
 */
export function spanOf(instances) {
  const started = instances.filter((ti) => ti.startDate);
  const open = started.some((ti) => !ti.endDate);
  return {
    state: summaryState(instances),
    startDate: started.map((ti) => ti.startDate).sort()[0],
    endDate: open ? undefined : started.map((ti) => ti.endDate).sort().at(-1),
    count: isMapped(instances) ? instances.length : 0,
  };
}
