// The control plane's Connect JSON API on the same origin: POST /codefirst.v1.<Service>/<Method>.
export const TOKEN_KEY = 'codefirst.token';

export class ApiError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}

/** Calls one unary method with Connect's JSON encoding. */
export async function api(service, method, body = {}) {
  const headers = { 'content-type': 'application/json', 'connect-protocol-version': '1' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(`/codefirst.v1.${service}/${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    throw new ApiError('unavailable', `The server cannot be reached (${e.message}).`);
  }
  const text = await response.text();
  let data = {};
  try { data = text ? JSON.parse(text) : {}; } catch { data = { message: text }; }
  if (!response.ok) throw new ApiError(data.code || String(response.status), data.message || response.statusText);
  return data;
}
