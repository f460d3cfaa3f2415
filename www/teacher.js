// highdim teacher mode: honours a link's hidden and locked controls (`<ns>.hide=d,eps`,
// `<ns>.lock=seed`, validated in Rust), the projector theme (`theme=projector`: large type,
// high contrast, thick lines; never autoplays), and builds teacher links with presets that
// step through the article's story. Imports only www/dom.js: the page passes the wasm
// functions in, so the single-file offline build can inline it.

import { el } from './dom.js';

const LOCKED_TEXT = 'Locked by this link';

// Hides or locks a figure's controls as its handle describes them (`desc` is the parsed
// FigureHandle.controls()). Locked controls stay visible, disabled, with the reason in words.
export function applyView(fig, desc) {
  const lock = (row, node, locked, key) => {
    if (!node) return;
    const controls = node.matches('input, select, button') ? [node] : [...node.querySelectorAll('input, select, button')];
    for (const c of controls) if (locked) c.disabled = true;
    let note = row.querySelector(':scope > .hd-locked');
    if (locked && !note) {
      note = el('span', { class: 'hd-locked', id: `${fig.root.id || fig.kind}-${key}-locked`, text: LOCKED_TEXT });
      row.append(note);
      for (const c of controls) c.setAttribute('aria-describedby', note.id);
    } else if (!locked && note) note.remove();
    row.classList.toggle('hd-is-locked', locked);
  };
  for (const c of desc.params) {
    const e = fig.inputs.get(c.key);
    if (!e) continue;
    e.row.hidden = !!c.hidden;
    lock(e.row, e.row, !!c.locked, c.key);
  }
  for (const a of desc.actions) {
    const b = fig.actionButtons?.get(a.id);
    if (!b) continue;
    b.hidden = !!a.hidden;
    if (a.locked) { b.disabled = true; b.title = LOCKED_TEXT; }
  }
  // Points files replace the data set: a link that fixes it says so beside the file input
  // (a saved state still loads; its locked settings keep their values).
  const imp = fig.root.querySelector('.hd-import');
  const impNote = imp?.querySelector(':scope > .hd-locked');
  if (imp && desc.import?.locked && !impNote) imp.append(el('span', { class: 'hd-locked', text: `Points cannot be loaded: ${desc.import.locked}.` }));
  else if (impNote && !desc.import?.locked) impNote.remove();
  const reset = fig.controlsBox.querySelector('.hd-reset');
  if (reset && desc.reset) {
    reset.hidden = !!desc.reset.hidden;
    if (desc.reset.locked) { reset.disabled = true; reset.title = LOCKED_TEXT; }
  }
}

// ------------------------------------------------------------------ projector theme
// The page theme a query asks for: the last `theme=` wins; an unknown theme throws a message
// (the default is shown). Plain JS: it is needed before any wasm bundle has loaded.
export function pageTheme(query) {
  let theme = 'default';
  for (const [k, v] of new URLSearchParams(query)) {
    if (k !== 'theme') continue;
    const t = v.trim();
    if (t === 'projector' || t === 'default' || t === '') theme = t || 'default';
    else throw new Error(`theme '${t}' is not known (themes: default, projector); the default is shown`);
  }
  return theme;
}

// Reads `theme=` (validated by pageTheme), sets page.projector, and offers a toggle
// (not on embed pages, whose host decides). Returns a note to show if the link's theme was
// not understood.
export function initTheme(page) {
  let note = null;
  let theme = 'default';
  try { theme = pageTheme(location.search); } catch (err) { note = (err && err.message) || String(err); }
  page.projector = theme === 'projector';
  document.documentElement.classList.toggle('hd-projector', page.projector);
  if (note) {
    const p = el('p', { class: 'hd-notes hd-theme-note', role: 'status', text: 'Adjusted from the link: ' + note + '.' });
    document.querySelector('main')?.prepend(p);
  }
  if (document.body.classList.contains('hd-embed')) return;
  const button = el('button', { type: 'button', class: 'hd-projector-toggle', 'aria-pressed': String(page.projector), text: 'Projector view' });
  button.addEventListener('click', () => setProjector(page, !page.projector, button));
  const bar = el('div', { class: 'hd-view-bar' }, [button]);
  (document.querySelector('.masthead') || document.querySelector('main'))?.append(bar);
}

export function setProjector(page, on, button = document.querySelector('.hd-projector-toggle')) {
  page.projector = on;
  document.documentElement.classList.toggle('hd-projector', on);
  if (button) button.setAttribute('aria-pressed', String(on));
  for (const fig of page.all) {
    if (!fig.handle) continue;
    fig.guard(() => fig.handle.set_projector(on));
    fig.dirty = true;
    fig.requestDraw();
  }
  const params = new URLSearchParams(location.search);
  if (on) params.set('theme', 'projector'); else params.delete('theme');
  try { history.replaceState(history.state, '', '?' + params.toString() + location.hash); } catch (_) { /* sandboxed */ }
}

// ------------------------------------------------------------------ link builder
// Presets that step through the article's story: the starting state of one figure, the
// controls that are hidden (h) or locked (l), and what to ask the class.
export const PRESETS = [
  { title: '1. The ball vanishes', kind: 'volume', state: { d: '3' }, lock: [], hide: [],
    ask: 'Move d from 3 to 20. Where does the ball’s share of the cube fall below 1%?' },
  { title: '2. Points in the corners', kind: 'ballcube', state: { d: '3', m: '100000', seed: '1' }, lock: ['m', 'seed'], hide: [],
    ask: 'Raise d one step at a time and watch where the distances go.' },
  { title: '3. Mass near the surface', kind: 'shell', state: { d: '100', eps: '0.05' }, lock: ['eps'], hide: [],
    ask: 'With a 5% shell fixed, how much of the volume is near the surface at d = 100?' },
  { title: '4. Distances concentrate', kind: 'distances', state: { d: '2' }, lock: ['seed'], hide: ['law'],
    ask: 'From d = 2 to d = 1000: does “nearest” still mean anything?' },
  { title: '5. Inside the hull in 2-D', kind: 'hull2d', state: { n: '20', dist: 'gauss' }, lock: ['dist'], hide: ['seed'],
    ask: 'How many training points until most test points are inside?' },
  { title: '6. Outside the hull in high d', kind: 'hullcurve', state: {}, lock: ['tests', 'seed'], hide: [],
    ask: 'Read off N½ for each d. How fast does it grow?' },
  { title: '7. Intrinsic dimension', kind: 'hullsubspace', state: { shape: 'linear' }, lock: ['seed'], hide: ['tests'],
    ask: 'Does the ambient dimension matter, or the dimension the data really have?' },
  { title: '8. A ReLU network cuts the plane', kind: 'relu', state: {}, lock: ['seed'], hide: [],
    ask: 'Train, then count the linear regions. Are the test points in “seen” regions?' },
];

// Builds the link builder in `container`. `wasm` gives figure_controls(kind) and the kinds;
// `articleUrl` is the page the links open. Built on first open (it mounts nothing), one
// figure per task: describing a figure builds it (tens of ms for the playgrounds), and the
// page must stay responsive meanwhile.
export async function buildTeacher(container, wasm, articleUrl) {
  const kinds = wasm.kinds();
  const form = el('form', { class: 'hd-teacher-form' });
  form.addEventListener('submit', (e) => e.preventDefault());

  // Preset picker.
  const presetSel = el('select', { id: 'hd-teacher-preset' });
  presetSel.append(el('option', { value: '', text: 'Choose a step of the story…' }));
  PRESETS.forEach((p, i) => { if (kinds.includes(p.kind)) presetSel.append(el('option', { value: String(i), text: p.title })); });
  const ask = el('p', { class: 'hd-teacher-ask', 'aria-live': 'polite' });
  form.append(el('p', {}, [el('label', { for: 'hd-teacher-preset', text: 'Preset: ' }), presetSel]), ask);

  // One fieldset per figure: which controls are shown, hidden or locked, and the starting
  // state (taken from the figures as they are on this page, or from a preset).
  const rows = new Map(); // kind → {include, selects: Map(key → select), state: {}}
  const figureBox = el('div', { class: 'hd-teacher-figures', 'aria-busy': 'true' });
  form.append(figureBox);
  const addFigure = (kind, info) => {
    const include = el('input', { type: 'checkbox', id: `hd-t-${kind}` });
    const fs = el('fieldset', { class: 'hd-teacher-fig' }, [
      el('legend', {}, [include, ' ', el('label', { for: `hd-t-${kind}`, text: info.title })]),
    ]);
    const selects = new Map();
    const grid = el('div', { class: 'hd-teacher-controls' });
    for (const [key, label] of info.controls) {
      const id = `hd-t-${kind}-${key}`;
      const sel = el('select', { id });
      for (const [v, t] of [['', 'shown'], ['hide', 'hidden'], ['lock', 'locked']]) sel.append(el('option', { value: v, text: t }));
      sel.addEventListener('change', () => { include.checked = true; update(); });
      selects.set(key, sel);
      grid.append(el('span', { class: 'hd-teacher-control' }, [el('label', { for: id, text: label + ' ' }), sel]));
    }
    fs.append(grid);
    include.addEventListener('change', update);
    rows.set(kind, { include, selects, info, state: null });
    figureBox.append(fs);
  };

  const projector = el('input', { type: 'checkbox', id: 'hd-teacher-projector' });
  projector.addEventListener('change', update);
  form.append(el('p', {}, [projector, ' ', el('label', { for: 'hd-teacher-projector', text: 'Projector theme (large type, high contrast, thick lines)' })]));
  const out = el('input', { type: 'text', readonly: true, id: 'hd-teacher-link', class: 'hd-copy-field' });
  const copy = el('button', { type: 'button', text: 'Copy link' });
  const open = el('a', { href: '#', target: '_blank', rel: 'noopener', text: 'Open it' });
  const status = el('span', { role: 'status' });
  form.append(el('p', { class: 'hd-teacher-out' }, [el('label', { for: 'hd-teacher-link', text: 'Link: ' }), out, ' ', copy, ' ', open, ' ', status]));
  copy.addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(out.value); status.textContent = 'Copied.'; } catch (_) { out.select(); status.textContent = 'Select and copy the link.'; }
  });

  presetSel.addEventListener('change', () => {
    const p = PRESETS[Number(presetSel.value)];
    if (!p) return;
    for (const [kind, r] of rows) {
      r.include.checked = kind === p.kind;
      r.state = kind === p.kind ? p.state : null;
      for (const [key, sel] of r.selects) sel.value = kind === p.kind ? (p.hide.includes(key) ? 'hide' : p.lock.includes(key) ? 'lock' : '') : '';
    }
    ask.textContent = p.ask;
    update();
  });

  function update() {
    const params = new URLSearchParams();
    params.set('v', '1');
    const current = new URLSearchParams(location.search);
    let anchor = '';
    for (const [kind, r] of rows) {
      if (!r.include.checked) continue;
      const ns = r.info.namespace;
      if (!anchor) anchor = '#fig-' + kind;
      if (r.state) {
        for (const [k, v] of Object.entries(r.state)) params.set(`${ns}.${k}`, v);
      } else {
        // The figure as it is on this page now.
        for (const [k, v] of current) if (k.startsWith(ns + '.') && !/\.(hide|lock)$/.test(k)) params.set(k, v);
      }
      const hide = [...r.selects].filter(([, s]) => s.value === 'hide').map(([k]) => k);
      const lock = [...r.selects].filter(([, s]) => s.value === 'lock').map(([k]) => k);
      if (hide.length) params.set(`${ns}.hide`, hide.join(','));
      if (lock.length) params.set(`${ns}.lock`, lock.join(','));
    }
    if (projector.checked) params.set('theme', 'projector');
    const url = new URL(articleUrl);
    url.search = '?' + params.toString();
    url.hash = anchor;
    out.value = url.href;
    open.href = url.href;
  }
  update();
  container.replaceChildren(form);
  for (const kind of kinds) {
    await new Promise((r) => setTimeout(r, 0));
    try { addFigure(kind, JSON.parse(await wasm.controls(kind))); } catch (_) { continue; }
    // A preset chosen while the figures were still being listed applies to them too.
    if (presetSel.value) presetSel.dispatchEvent(new Event('change'));
    else update();
  }
  figureBox.removeAttribute('aria-busy');
  container.dataset.ready = '1';
  return { update, form };
}
