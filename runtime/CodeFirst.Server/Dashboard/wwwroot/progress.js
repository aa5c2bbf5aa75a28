// A backfill's progress as one stacked bar (inline SVG: the CSP forbids inline styles) and its summary text.
import { FILL, esc } from './ui.js';

const PARTS = [['success', 'success'], ['failed', 'failed'], ['running', 'running'], ['queued', 'queued'], ['skipped', 'skipped'], ['pending', 'none']];
const WIDTH = 200;

export function progressText(p = {}) {
  const done = (p.success || 0) + (p.failed || 0) + (p.skipped || 0);
  return `${done} of ${p.total || 0} done: ${PARTS.filter(([key]) => p[key]).map(([key]) => `${p[key]} ${key}`).join(', ') || 'nothing yet'}`;
}

export function progressBar(p = {}) {
  const total = p.total || 0;
  let x = 0;
  const rects = total === 0 ? '' : PARTS.map(([key, state]) => {
    const w = ((p[key] || 0) / total) * WIDTH;
    const rect = w > 0 ? `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="14" fill="${FILL[state]}" data-part="${key}"></rect>` : '';
    x += w;
    return rect;
  }).join('');
  return `<svg class="progress" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="14" viewBox="0 0 ${WIDTH} 14" role="img" aria-label="${esc(progressText(p))}">
    <rect x="0" y="0" width="${WIDTH}" height="14" fill="#fff" stroke="#9aa4b2"></rect>${rects}</svg>`;
}
