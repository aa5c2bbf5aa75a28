// The page lifecycle: a generation number per shown page, polling while it is shown, and the token prompt.
import { ApiError, TOKEN_KEY } from './api.js';
import { esc, showStatus } from './ui.js';

const POLL_MS = 1500;
const main = document.getElementById('main');
const statusBox = document.getElementById('status');
const forgetButton = document.getElementById('forget-token');
let rerender = () => {};

/** The router registers itself here so the token form can show the page again. */
export function onRerender(fn) { rerender = fn; }

export let generation = 0;
let pollTimer = null;

export function stopPolling() {
  if (pollTimer) clearTimeout(pollTimer);
  pollTimer = null;
}

/** Runs refresh now and then every POLL_MS until the page changes; errors go to the status line. */
export async function poll(gen, refresh) {
  const tick = async () => {
    if (gen !== generation) return;
    try {
      await refresh();
      if (gen === generation && statusBox.dataset.kind === 'poll') { showStatus(''); delete statusBox.dataset.kind; }
    } catch (e) {
      if (gen !== generation) return;
      if (handleAuth(e)) return;
      showStatus(`Could not refresh: ${e.message}`, 'error');
      statusBox.dataset.kind = 'poll';
    }
    if (gen === generation) pollTimer = setTimeout(tick, POLL_MS);
  };
  await tick();
}

/** Shows the token form for an unauthenticated error; true when it handled the error. */
export function handleAuth(error) {
  if (!(error instanceof ApiError) || error.code !== 'unauthenticated') return false;
  nextGeneration();
  const had = sessionStorage.getItem(TOKEN_KEY);
  main.innerHTML = `
    <h1>API token required</h1>
    <form id="token-form" class="card">
      <p>This server requires an API token (create one with <code>tokens create --name me --role viewer</code>).
      It is kept in this browser tab only (sessionStorage).</p>
      ${had ? `<p class="error" role="alert">The token was refused: ${esc(error.message)}</p>` : ''}
      <div class="row">
        <label for="token">API token</label>
        <input id="token" type="password" autocomplete="off" required size="50">
        <button type="submit" class="primary">Use token</button>
      </div>
    </form>`;
  sessionStorage.removeItem(TOKEN_KEY);
  forgetButton.hidden = true;
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = document.getElementById('token').value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    rerender();
  });
  document.getElementById('token').focus();
  return true;
}

forgetButton.addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  rerender();
});

/** Starts a new page: stops the old page's polling and returns the new generation. */
export function nextGeneration() {
  stopPolling();
  generation++;
  return generation;
}
