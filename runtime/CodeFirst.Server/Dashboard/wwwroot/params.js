// The trigger form's params fields, one per property of the DAG's params schema (Airflow's trigger form).
// They write into the conf textarea, which stays the one source of what is sent.
import { esc } from './ui.js';

const fieldId = (name) => `param-${name}`;

function input(p) {
  let value = '';
  try { value = p.defaultJson ? JSON.parse(p.defaultJson) : ''; } catch { value = p.defaultJson; }
  const common = `id="${esc(fieldId(p.name))}" data-param="${esc(p.name)}" ${p.required ? 'required aria-required="true"' : ''}`;
  switch (p.type) {
    case 'boolean': return `<input type="checkbox" ${common} ${value === true ? 'checked' : ''}>`;
    case 'integer': return `<input type="number" step="1" ${common} value="${esc(value ?? '')}">`;
    case 'number': return `<input type="number" step="any" ${common} value="${esc(value ?? '')}">`;
    case 'array': case 'object': return `<textarea rows="1" spellcheck="false" ${common}>${esc(value === '' ? '' : JSON.stringify(value))}</textarea>`;
    default: return `<input type="text" ${common} value="${esc(value ?? '')}">`;
  }
}

export function paramsFields(params) {
  if (!params || params.length === 0) return '';
  return `<fieldset id="params"><legend>Params</legend>
    <p class="small muted">Filled from the DAG's defaults; changing a field updates the conf below.</p>
    <div class="params">${params.map((p) => `<label for="${esc(fieldId(p.name))}">${esc(p.name)} <span class="small muted">${esc(p.type)}${p.required ? ', required' : ''}${p.nullable ? ', may be null' : ''}</span></label>
      ${input(p)}`).join('')}</div></fieldset>`;
}

/** A field's value as JSON, or undefined for an empty optional field; throws naming the field when it cannot be read. */
function read(p, field) {
  if (p.type === 'boolean') return field.checked;
  const text = field.value.trim();
  if (text === '') {
    if (p.nullable) return null;
    if (p.required) throw new Error(`${p.name} is required.`);
    return undefined;
  }
  if (p.type === 'integer' || p.type === 'number') {
    const n = Number(text);
    if (!Number.isFinite(n) || (p.type === 'integer' && !Number.isInteger(n))) throw new Error(`${p.name} must be ${p.type === 'integer' ? 'an integer' : 'a number'}.`);
    return n;
  }
  if (p.type === 'array' || p.type === 'object') {
    try { return JSON.parse(text); } catch (e) { throw new Error(`${p.name} must be JSON (${p.type}): ${e.message}`); }
  }
  return text;
}

/** Writes every params field into the conf object (keeping keys the schema does not know); returns it. */
export function mergeParams(params, conf) {
  const merged = { ...conf };
  for (const p of params || []) {
    const field = document.getElementById(fieldId(p.name));
    if (!field) continue;
    const value = read(p, field);
    if (value === undefined) delete merged[p.name]; else merged[p.name] = value;
  }
  return merged;
}
