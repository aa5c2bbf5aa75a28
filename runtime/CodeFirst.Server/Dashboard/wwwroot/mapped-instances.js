// The task page's list of a mapped task's instances: one row per map index, each selectable to show its details.
import { mapIndexOf } from './mapped.js';
import { badge, duration, esc, fmt } from './ui.js';

/** The table of instances; the row of <selected> (a map index) is marked current. */
export function mappedInstancesTable(instances, selected) {
  return `<section class="card" aria-labelledby="mapped-title">
    <h2 id="mapped-title">Mapped instances <span class="muted small">(${instances.length} mapped)</span></h2>
    <table aria-label="Mapped instances"><thead><tr><th scope="col">Map index</th><th scope="col">State</th><th scope="col">Try</th>
      <th scope="col">Started</th><th scope="col">Duration</th><th scope="col">Details</th></tr></thead>
      <tbody id="mapped-rows">${instances.map((ti) => [ti, mapIndexOf(ti)]).map(([ti, i]) => `<tr data-map-index="${i}"${i === selected ? ' aria-current="true" class="current"' : ''}>
        <td class="num">${i}</td><td>${badge(ti.state || 'none')}</td><td class="num">${ti.tryNumber || 0} of ${ti.maxTries || 1}</td>
        <td>${esc(fmt(ti.startDate))}</td><td>${esc(duration(ti.startDate, ti.endDate))}</td>
        <td><button type="button" data-map-index="${i}" aria-pressed="${i === selected}">Show [${i}]</button></td></tr>`).join('')}</tbody>
    </table></section>`;
}
