// highdim figure data: the CSV export, the "Show data as table" view, and imports (a saved
// state as JSON for any figure; points as CSV for figures that take them). All numbers,
// formatting and validation come from Rust (FigureHandle.table_json / table_csv /
// import_state / import_csv); this module only builds the DOM. It imports only www/dom.js,
// which the single-file offline build inlines too.

import { el } from './dom.js';

const TABLE_MS = 400;        // table refresh throttle while a figure changes
const MAX_SHOWN_ROWS = 2000; // longer tables show their first rows and say so (the CSV has all)

// Why a figure has no table right now: its job has not delivered results yet, or (a figure
// whose data is not tabulated) there is none to give. Said aloud rather than doing nothing.
function noTable(fig) {
  if (fig.jobState === 'running' || fig.root.dataset.state === 'loading') return 'No data yet: the figure is still computing.';
  if (fig.jobState === 'cancelled') return 'No data yet: the computation was cancelled (Resume continues it).';
  if (fig.jobState === 'error') return 'No data: the computation stopped with an error.';
  return 'This figure has no data table to export.';
}

// The CSV button for the share row. `download(name, type, data)` and `say(text)` are the
// share row's own helpers.
export function csvButton(fig, download, say) {
  const b = el('button', { type: 'button', text: 'CSV', title: 'Save the plotted data as CSV' });
  b.addEventListener('click', () => fig.guard(() => {
    const csv = fig.handle.table_csv();
    if (csv == null) say(noTable(fig));
    else download(`highdim-${fig.kind}.csv`, 'text/csv', csv);
  }));
  return b;
}

// The data panel under a figure: the table toggle and the import control. Returns an object
// whose changed() the figure calls whenever its picture may have changed.
export function attachData(fig, slot) {
  const id = (fig.root.id || 'fig-' + fig.kind) + '-data';
  const toggle = el('button', { type: 'button', id: id + '-toggle', class: 'hd-data-toggle', 'aria-expanded': 'false', 'aria-controls': id, text: 'Show data as table' });
  const region = el('div', { class: 'hd-data', id, hidden: true, tabindex: '0', role: 'region', 'aria-label': 'data table' });
  const importBox = buildImport(fig);
  const box = el('div', { class: 'hd-data-box' }, [el('div', { class: 'hd-data-row' }, [toggle, importBox]), region]);
  slot.append(box);

  let open = false;
  let timer = null;
  let lastJson; // undefined: nothing rendered yet (null is "no table", which must still be said)
  const render = () => {
    timer = null;
    if (!open || !fig.handle) return;
    const json = fig.guard(() => fig.handle.table_json());
    if (json === lastJson) return;
    lastJson = json;
    if (json == null) {
      region.replaceChildren(el('p', { text: noTable(fig) }));
      return;
    }
    const t = JSON.parse(json);
    const table = el('table');
    const shown = t.rows.length > MAX_SHOWN_ROWS ? t.rows.slice(0, MAX_SHOWN_ROWS) : t.rows;
    const more = t.rows.length > shown.length ? ` (first ${shown.length} of ${t.rows.length} rows; the CSV has all)` : ` (${t.rows.length} rows)`;
    table.append(el('caption', { text: t.title + more }));
    const head = el('tr');
    for (const c of t.columns) head.append(el('th', { scope: 'col', text: c }));
    table.append(el('thead', {}, [head]));
    const body = el('tbody');
    for (const r of shown) {
      const tr = el('tr');
      r.forEach((cell, i) => tr.append(i === 0 ? el('th', { scope: 'row', text: cell }) : el('td', { text: cell })));
      body.append(tr);
    }
    table.append(body);
    region.replaceChildren(table);
  };
  toggle.addEventListener('click', () => {
    open = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide data table' : 'Show data as table';
    region.hidden = !open;
    lastJson = undefined;
    if (open) render();
  });
  return {
    changed() {
      if (!open || timer) return;
      timer = setTimeout(render, TABLE_MS);
    },
    refreshNow() { if (timer) { clearTimeout(timer); } render(); },
  };
}

// "Load state or points…": a file input (and drop target on the figure) that hands the text
// to Rust. On error the message lists every problem and the figure keeps its state.
function buildImport(fig) {
  const columns = fig.guard(() => fig.handle.point_columns());
  const accept = columns ? '.json,.csv,application/json,text/csv' : '.json,application/json';
  const inputId = (fig.root.id || 'fig-' + fig.kind) + '-import';
  const input = el('input', { type: 'file', id: inputId, accept, class: 'hd-import-input' });
  const what = columns ? `saved state (.json) or points (.csv with header ${columns})` : 'saved state (.json)';
  const label = el('label', { for: inputId, class: 'hd-import-label', text: `Load a ${what}:` });
  const status = el('span', { class: 'hd-import-status', role: 'status' });
  const load = async (file) => {
    if (!file) return;
    if (file.size > 2_000_000) { fail(`${file.name} is too large (${file.size} bytes).`); return; }
    const text = await file.text();
    const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv' || (!/^\s*\{/.test(text) && !!columns);
    applyImport(fig, text, isCsv ? 'csv' : 'json', file.name, status);
  };
  const fail = (msg) => { status.className = 'hd-import-status hd-import-error'; status.textContent = msg; };
  input.addEventListener('change', () => { load(input.files[0]); input.value = ''; });
  // Dropping a file on the figure does the same as choosing it.
  fig.root.addEventListener('dragover', (e) => { if (e.dataTransfer?.types?.includes('Files')) e.preventDefault(); });
  fig.root.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    load(file);
  });
  fig.importStatus = status;
  return el('span', { class: 'hd-import' }, [label, input, status]);
}

// Applies imported text (`kind` 'json' or 'csv'); exposed on the figure for tests and for
// hosts that hand text over without a file.
export function applyImport(fig, text, kind, name, status = fig.importStatus) {
  if (!fig.handle) return false;
  try {
    if (kind === 'csv') {
      const n = fig.handle.import_csv(text);
      status.className = 'hd-import-status';
      status.textContent = `Loaded ${n} points from ${name}.`;
    } else {
      fig.handle.import_state(text);
      status.className = 'hd-import-status';
      status.textContent = `Loaded the settings from ${name}.`;
    }
  } catch (err) {
    status.className = 'hd-import-status hd-import-error';
    status.textContent = `${name}: ${(err && err.message) || err}`;
    return false;
  }
  fig.paramsChanged();
  return true;
}
