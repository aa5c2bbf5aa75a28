// Task groups: tasks carry their dotted group path ("ingestion.clean"); views cluster them under group headers.

/** Every group path of a task, outermost first: "a.b" gives ["a", "a.b"]. */
export const groupPaths = (group) => (group ? group.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')) : []);

/** The task id without its group prefix ("ingestion.read" in group "ingestion" reads "read"). */
export const shortId = (task) => (task.group && task.taskId.startsWith(`${task.group}.`) ? task.taskId.slice(task.group.length + 1) : task.taskId);

/**
 * Rows for a list of tasks (kept in their order): a group's tasks and nested groups are gathered under one
 * header row placed where the group's first task was. Rows are { group, depth, tasks } or { task, depth }.
 */
export function groupRows(tasks) {
  const root = { children: [] };
  const nodes = new Map();
  for (const task of tasks) {
    let parent = root;
    groupPaths(task.group).forEach((path) => {
      if (!nodes.has(path)) {
        const node = { group: path, children: [], tasks: [] };
        nodes.set(path, node);
        parent.children.push(node);
      }
      parent = nodes.get(path);
      parent.tasks.push(task);
    });
    parent.children.push({ task });
  }
  const rows = [];
  const walk = (children, depth) => children.forEach((child) => {
    if (child.task) rows.push({ task: child.task, depth });
    else { rows.push({ group: child.group, depth, tasks: child.tasks }); walk(child.children, depth + 1); }
  });
  walk(root.children, 0);
  return rows;
}
