// CodeFirst dashboard: plain ES modules, no build step. They talk to the control plane's Connect JSON API on
// the same origin (POST /codefirst.v1.<Service>/<Method>) and poll it for live state. This module routes.
import { TOKEN_KEY } from './api.js';
import { generation, handleAuth, nextGeneration, onRerender } from './live.js';
import { assetsPage } from './page-assets.js';
import { backfillPage } from './page-backfill.js';
import { backfillsPage } from './page-backfills.js';
import { dagPage } from './page-dag.js';
import { dagsPage } from './page-dags.js';
import { failedPage } from './page-failed.js';
import { processesPage } from './page-processes.js';
import { queuesPage } from './page-queues.js';
import { runsPage } from './page-runs.js';
import { taskPage } from './page-task.js';
import { esc, showStatus } from './ui.js';

const main = document.getElementById('main');
const forgetButton = document.getElementById('forget-token');

function route() {
  const gen = nextGeneration();
  showStatus('');
  forgetButton.hidden = !sessionStorage.getItem(TOKEN_KEY);
  const parts = (location.hash.replace(/^#\/?/, '') || '').split('/').filter(Boolean).map(decodeURIComponent);
  let page;
  let nav = 'dags';
  if (parts.length === 0) page = () => dagsPage(gen);
  else if (parts[0] === 'runs' && parts.length === 1) { nav = 'runs'; page = () => runsPage(gen); }
  else if (parts[0] === 'failed' && parts.length === 1) { nav = 'failed'; page = () => failedPage(gen); }
  else if (parts[0] === 'backfills' && parts.length === 1) { nav = 'backfills'; page = () => backfillsPage(gen); }
  else if (parts[0] === 'backfills' && parts.length === 2) { nav = 'backfills'; page = () => backfillPage(gen, parts[1]); }
  else if (parts[0] === 'assets' && parts.length === 1) { nav = 'assets'; page = () => assetsPage(gen); }
  else if (parts[0] === 'queues' && parts.length === 1) { nav = 'queues'; page = () => queuesPage(gen); }
  else if (parts[0] === 'processes' && parts.length === 1) { nav = 'processes'; page = () => processesPage(gen); }
  else if (parts[0] === 'dags' && parts.length === 2) page = () => dagPage(gen, parts[1]);
  else if (parts[0] === 'dags' && parts.length === 6 && parts[2] === 'runs' && parts[4] === 'tasks') page = () => taskPage(gen, parts[1], parts[3], parts[5]);
  else page = () => { main.innerHTML = '<h1>Not found</h1><p><a href="#/">Back to the DAGs</a></p>'; };
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === nav) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  Promise.resolve(page()).catch((e) => {
    if (gen !== generation || handleAuth(e)) return;
    main.innerHTML = `<h1>Error</h1><p class="error" role="alert">${esc(e.message)}</p>`;
  });
}

onRerender(route);
window.addEventListener('hashchange', () => { route(); main.focus({ preventScroll: true }); });
route();
