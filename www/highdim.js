// highdim page glue: mounts every <figure class="hd-figure" data-kind="…"> when it nears the
// viewport, builds its controls from the Rust description, keeps the URL in sync, runs long
// computations in a Web Worker, and shows errors (including Rust panics) in the figure.
// All numbers, captions and drawing come from Rust; this file only wires the DOM.
// The figures' wasm comes in bundles, one per article section, loaded on demand (bundles.js).
import { MANIFEST, bundleOf, namespaceOf, unknownKind, loadBundle, loadedApis, requestedBundles, workerSource } from './bundles.js';
import { csvButton, attachData, applyImport } from './tables.js';
import { applyView, initTheme, buildTeacher, setProjector } from './teacher.js';
import { attachAsset, assetLog } from './assets.js';
import { el } from './dom.js';

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const CAPTION_MS = 250;   // live captions are throttled so screen readers are not flooded
const URL_MS = 150;

const page = {
  figures: new Map(),      // kind → Fig, for the page's own figures
  all: new Set(),          // every Fig, including <highdim-figure> elements
  firstDrawMs: null,
  assetLog,
  version: null,
  // For the end-to-end test of the panic path: a Rust panic inside a figure's call.
  debugPanic: (kind) => { const f = page.figures.get(kind); return f?.guard(() => f.api.debug_panic('deliberate test panic')); },
  // The wasm bundles requested so far, in order (the first screen needs only the first).
  bundles: requestedBundles,
  // Wasm memory high-water marks in bytes (memory never shrinks): the page's instances (one
  // per loaded bundle, summed), and the largest any worker reported.
  memoryBytes: () => loadedApis().reduce((n, api) => n + api.memory_bytes(), 0),
  workerMemoryMax: 0,
};
window.highdim = page;
// The query the page was opened with: figures mounted later (lazily, when scrolled near)
// read their state from it, so they still see the link's schema version after the page has
// rewritten `v` in its URL (their own keys are never rewritten before they mount).
const initialQuery = location.search;

// ---------------------------------------------------------------- URL state
let urlTimer = null;
function scheduleUrl() {
  if (urlTimer) return;
  urlTimer = setTimeout(() => {
    urlTimer = null;
    // Only the page's own figures live in its URL; <highdim-figure> elements never do.
    // Not before the first of them is mounted: a figure mounted later must still see the
    // link as it was given (its bundle may take a moment to arrive).
    if (![...page.all].some((f) => f.syncUrl && f.handle)) return;
    const params = new URLSearchParams(location.search);
    params.set('v', '1');
    for (const fig of page.all) {
      if (!fig.handle || !fig.syncUrl) continue;
      const ns = fig.handle.namespace() + '.';
      for (const k of [...params.keys()]) if (k.startsWith(ns)) params.delete(k);
      for (const [k, v] of new URLSearchParams(fig.handle.query())) params.set(k, v);
    }
    // replaceState: dragging a slider must not fill the history with entries. A sandboxed
    // (opaque-origin) embed may not touch its history; its link to the article still follows.
    try { history.replaceState(history.state, '', '?' + params.toString() + location.hash); } catch (_) { /* sandboxed */ }
    const link = document.querySelector('.hd-article-link');
    if (link) {
      const url = new URL(link.getAttribute('href'), location.href);
      url.search = '?' + params.toString();
      link.href = url.href;
    }
  }, URL_MS);
}

// ---------------------------------------------------------------- one figure
class Fig {
  // options.query: the state to start from (default: the page's URL); options.syncUrl: whether
  // the figure writes its state into the page's URL (not for elements on someone else's page).
  constructor(root, options = {}) {
    this.root = root;
    this.kind = root.dataset.kind;
    this.bundle = bundleOf(this.kind); // the wasm bundle that draws this figure
    this.api = null;                   // that bundle's exports, once loaded
    this.loaded = null;                // { api, module, glueUrl } of that bundle, once loaded
    this.attrs = options.attrs ?? null; // <highdim-figure> attributes, turned into a query at mount
    this.startQuery = options.query ?? null;
    this.syncUrl = options.syncUrl ?? true;
    this.handle = null;
    this.visible = false;
    this.dirty = true;
    this.drawQueued = false;
    this.captionTimer = null;
    this.worker = null;
    this.jobId = 0;
    this.jobSpec = null;     // spec of the running or last finished/cancelled job
    this.jobState = 'idle';  // idle | running | done | cancelled | error
    this.animating = false;
    this.resumeAnimation = false; // an animation was interrupted by going off-screen
    this.broken = false;
    this.inputs = new Map(); // key → {range, exact, output, select, number}
    root.dataset.state = 'loading';
  }

  // Every call into wasm goes through here: an exception (or a Rust panic, which traps)
  // becomes a visible message in the figure, never a silent blank canvas.
  guard(fn) {
    if (this.broken) return undefined;
    try {
      return fn();
    } catch (err) {
      const panic = this.api?.last_panic();
      this.showError(panic || (err && err.message) || String(err), !!panic);
      return undefined;
    }
  }

  showError(message, fatal) {
    this.errorBox.hidden = false;
    this.errorBox.textContent = message;
    if (fatal) {
      this.broken = true;
      this.root.dataset.state = 'error';
      this.errorBox.append(el('br'), el('button', { type: 'button', text: 'Reload the page' }));
      this.errorBox.querySelector('button').onclick = () => location.reload();
    }
  }

  // Loads the figure's bundle (once per page, shared by its figures), then mounts.
  async load() {
    if (this.loading || this.handle || this.broken) return;
    this.loading = true;
    try {
      if (!this.bundle) throw new Error(unknownKind(this.kind));
      this.loaded = await loadBundle(this.bundle);
      this.api = this.loaded.api;
    } catch (err) {
      this.loading = false;
      const box = el('div', { class: 'hd-error', role: 'alert', text: (err && err.message && err.message.startsWith('there is no figure'))
        ? err.message : 'This figure needs WebAssembly, which failed to load: ' + err });
      (this.root.querySelector('.hd-slot') || this.root).append(box);
      this.broken = true;
      this.root.dataset.state = 'error';
      return;
    }
    if (this.attrs) this.startQuery = this.attrsQuery();
    this.mount();
    this.setVisible(this.visible);
  }

  // A query from <highdim-figure> attributes: they mirror the URL keys without the namespace.
  attrsQuery() {
    const ns = namespaceOf(this.kind);
    let query = '?v=1';
    for (const [name, value] of this.attrs) query += `&${encodeURIComponent(ns + '.' + name)}=${encodeURIComponent(value)}`;
    return query;
  }

  mount() {
    const root = this.root;
    const wrap = el('div', { class: 'hd-canvas-wrap' });
    this.canvas = el('canvas', { tabindex: '0', role: 'img', 'aria-label': 'figure loading' });
    this.errorBox = el('div', { class: 'hd-error', role: 'alert', hidden: true });
    wrap.append(this.canvas, this.errorBox);
    this.progress = el('progress', { max: '1', value: '0', 'aria-label': 'computation progress' });
    this.cancelBtn = el('button', { type: 'button', class: 'hd-cancel', text: 'Cancel' });
    this.progressRow = el('div', { class: 'hd-progress', hidden: true }, [this.progress, this.cancelBtn]);
    this.caption = el('p', { class: 'hd-caption', 'aria-live': 'polite' });
    this.notes = el('p', { class: 'hd-notes', role: 'status', hidden: true });
    this.controlsBox = el('div', { class: 'hd-controls' });
    this.keys = el('p', { class: 'hd-keys' });
    this.shareBox = el('div', { class: 'hd-share' });
    const slot = root.querySelector('.hd-slot') || root;
    slot.replaceChildren(wrap, this.progressRow, this.caption, this.notes, this.controlsBox, this.shareBox, this.keys);

    this.handle = this.guard(() => new this.api.FigureHandle(this.kind, this.canvas, this.startQuery ?? initialQuery));
    if (!this.handle) return;
    if (page.projector) this.guard(() => this.handle.set_projector(true));
    const notes = this.guard(() => this.handle.take_notes()) || [];
    if (notes.length) this.note('Adjusted from the link: ' + notes.join('; ') + '.');
    this.keys.textContent = this.handle.keyboard_help();
    const id = root.id || ('fig-' + this.kind);
    this.caption.id = id + '-caption';
    this.canvas.setAttribute('aria-describedby', this.caption.id + ' ' + id + '-keys');
    this.keys.id = id + '-keys';
    this.buildControls();
    this.buildShare();
    this.data = attachData(this, slot);
    this.refreshControls(); // again, for the data panel's locked note
    slot.append(this.keys);
    this.bindCanvas();
    this.cancelBtn.onclick = () => this.cancelOrResume();
    new ResizeObserver(() => { this.dirty = true; this.requestDraw(); }).observe(wrap);
    const asset = this.guard(() => this.handle.asset());
    if (asset) attachAsset(this, asset);
    this.drawNow();
    this.updateCaption(true);
    this.syncJob();
    scheduleUrl();
  }

  note(text) {
    this.notes.hidden = false;
    this.notes.textContent = text;
  }

  // ------------------------------------------------------------ controls
  buildControls() {
    const desc = JSON.parse(this.handle.controls());
    const box = this.controlsBox;
    box.replaceChildren();
    this.inputs.clear();
    for (const c of desc.params) {
      const row = el('div', { class: 'hd-control' });
      const label = el('label', { for: c.id, text: c.label });
      row.append(label);
      const entry = {};
      if (c.type === 'range') {
        const range = el('input', { type: 'range', id: c.id, min: c.min, max: c.max, step: c.step, value: c.position, 'aria-valuetext': c.valuetext });
        const output = el('output', { for: c.id, text: c.display });
        range.addEventListener('input', () => {
          const changed = this.guard(() => this.handle.set_position(c.key, Number(range.value)));
          if (changed) this.paramsChanged();
          else this.refreshControls();
        });
        row.append(range, output);
        entry.range = range; entry.output = output;
        if (c.log && c.exact.integer) {
          const exact = el('input', { type: 'number', class: 'hd-exact', min: c.exact.min, max: c.exact.max, step: 1, value: c.url, 'aria-label': c.label + ', exact value' });
          exact.addEventListener('change', () => this.typed(c.key, exact.value));
          row.append(exact);
          entry.exact = exact;
        }
      } else if (c.type === 'select') {
        const select = el('select', { id: c.id });
        c.options.forEach(([k, l], i) => select.append(el('option', { value: k, text: l, selected: i === c.value })));
        select.addEventListener('change', () => this.typed(c.key, select.value));
        row.append(select);
        entry.select = select;
      } else if (c.type === 'seed') {
        const number = el('input', { type: 'number', id: c.id, min: c.min, max: c.max, step: 1, value: c.url });
        number.addEventListener('change', () => this.typed(c.key, number.value));
        const again = el('button', { type: 'button', text: 'New seed' });
        again.addEventListener('click', () => {
          this.guard(() => this.handle.reseed());
          this.paramsChanged();
        });
        row.append(number, again);
        entry.number = number;
      }
      entry.row = row;
      this.inputs.set(c.key, entry);
      box.append(row);
    }
    const buttons = el('div', { class: 'hd-actions' });
    this.actionButtons = new Map();
    for (const a of desc.actions) {
      const b = el('button', { type: 'button', text: a.label, disabled: !a.enabled });
      b.addEventListener('click', () => this.runAction(a.id));
      this.actionButtons.set(a.id, b);
      buttons.append(b);
    }
    const reset = el('button', { type: 'button', class: 'hd-reset', text: 'Reset' });
    reset.addEventListener('click', () => {
      this.guard(() => this.handle.reset());
      this.paramsChanged();
    });
    buttons.append(reset);
    box.append(buttons);
    this.refreshControls();
  }

  // ------------------------------------------------------------ share and export
  buildShare() {
    const offline = !!globalThis.HIGHDIM_INLINE;
    const status = el('span', { class: 'hd-share-status', role: 'status' });
    const say = (text) => { status.textContent = text; };
    const button = (text, title, fn) => {
      const b = el('button', { type: 'button', text, title });
      b.addEventListener('click', () => this.guard(fn));
      return b;
    };
    const copy = async (text, what) => {
      try {
        await navigator.clipboard.writeText(text);
        say(`${what} copied.`);
      } catch (_) {
        // No clipboard (insecure context, sandbox, permissions): show the text to copy by hand.
        const field = el('input', { type: 'text', readonly: true, value: text, class: 'hd-copy-field', 'aria-label': what });
        status.replaceChildren(field, ` Select and copy the ${what.toLowerCase()}.`);
        field.select();
      }
    };
    const download = (name, type, data) => {
      const a = el('a', { href: URL.createObjectURL(new Blob([data], { type })), download: name });
      document.body.append(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      say(`Saved ${name}.`);
    };
    const kind = this.kind;
    const buttons = [];
    if (!offline) {
      buttons.push(button('Copy link', 'Copy a link that reproduces this figure exactly', () => {
        const url = new URL(location.href);
        url.search = '?v=1&' + this.handle.query();
        url.hash = '#fig-' + kind;
        copy(url.href, 'Link');
      }));
      buttons.push(button('Copy embed code', 'Copy an iframe snippet for a blog or course page', () => {
        const src = new URL(`../embed/${kind}.html?v=1&${this.handle.query()}`, import.meta.url);
        const title = this.handle.title();
        copy(`<iframe src="${src.href}" title="${title} (highdim)" loading="lazy" sandbox="allow-scripts allow-popups" style="width:100%;aspect-ratio:4/3;border:0"></iframe>`, 'Embed code');
      }));
    }
    buttons.push(button('PNG', 'Save the picture as PNG at this screen\'s resolution', () => {
      this.canvas.toBlob((b) => b && download(`highdim-${kind}.png`, 'image/png', b), 'image/png');
    }));
    buttons.push(button('SVG', 'Save the picture as SVG', () => download(`highdim-${kind}.svg`, 'image/svg+xml', this.handle.svg())));
    buttons.push(csvButton(this, download, say));
    buttons.push(button('State', 'Save the settings as JSON', () => download(`highdim-${kind}.json`, 'application/json', this.handle.state_json())));
    this.shareBox.replaceChildren(el('span', { class: 'hd-share-label', text: 'Share:' }), ...buttons, status);
  }

  typed(key, text) {
    const note = this.guard(() => this.handle.set_text(key, text));
    if (note) this.note(note + '.');
    this.paramsChanged();
  }

  // Brings every control in line with the figure's parameters (after keyboard, pointer,
  // animation or a clamped entry changed them).
  refreshControls() {
    if (!this.handle) return;
    // A finger dragging on a figure that uses drags must not scroll the page.
    this.canvas.style.touchAction = this.guard(() => this.handle.captures_drag()) ? 'none' : 'pan-x pan-y pinch-zoom';
    const desc = this.guard(() => JSON.parse(this.handle.controls()));
    if (!desc) return;
    for (const c of desc.params) {
      const e = this.inputs.get(c.key);
      if (!e) continue;
      if (e.range) {
        if (Number(e.range.value) !== c.position) e.range.value = c.position;
        e.range.setAttribute('aria-valuetext', c.valuetext);
        e.range.disabled = !c.enabled;
        e.output.textContent = c.display;
      }
      if (e.exact && document.activeElement !== e.exact) e.exact.value = c.url;
      if (e.exact) e.exact.disabled = !c.enabled;
      if (e.select) e.select.value = c.url;
      if (e.select) e.select.disabled = !c.enabled;
      if (e.number && document.activeElement !== e.number) e.number.value = c.url;
      e.row.classList.toggle('hd-disabled', !c.enabled);
    }
    for (const a of desc.actions) {
      const b = this.actionButtons.get(a.id);
      if (b) { b.textContent = a.label; b.disabled = !a.enabled; }
    }
    applyView(this, desc);
  }

  paramsChanged() {
    this.refreshControls();
    this.dirty = true;
    this.requestDraw();
    this.updateCaption(false);
    scheduleUrl();
    this.syncJob();
    this.data?.changed();
  }

  runAction(id) {
    const code = this.guard(() => this.handle.action(id, reducedMotion()));
    if (code === 2) this.paramsChanged();
    else if (code === 1) { this.refreshControls(); this.dirty = true; this.requestDraw(); }
    this.animate();
  }

  animate() {
    if (this.animating) return;
    this.animating = true;
    const frame = (now) => {
      // Off-screen: stop the loop, and pick it up again when the figure is back in view.
      if (!this.visible || document.hidden) { this.animating = false; this.resumeAnimation = true; return; }
      const more = this.guard(() => this.handle.tick(now));
      this.paramsChanged();
      if (more) requestAnimationFrame(frame);
      else { this.animating = false; this.refreshControls(); }
    };
    requestAnimationFrame(frame);
  }

  // ------------------------------------------------------------ canvas input
  bindCanvas() {
    const c = this.canvas;
    let dragging = false;
    const pos = (e) => { const r = c.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    const send = (phase, e) => {
      const [x, y] = pos(e);
      const code = this.guard(() => this.handle.pointer(phase, x, y));
      if (code === 2) this.paramsChanged();
      else if (code === 1) { this.dirty = true; this.requestDraw(); }
      return code;
    };
    c.addEventListener('pointerdown', (e) => {
      if (send('down', e)) { dragging = true; c.setPointerCapture(e.pointerId); e.preventDefault(); }
    });
    // Hover (no button; mice and pens only), at most once per animation frame.
    let hoverEvent = null;
    c.addEventListener('pointermove', (e) => {
      if (dragging) { send('drag', e); return; }
      if (e.buttons || e.pointerType === 'touch') return;
      if (!hoverEvent) requestAnimationFrame(() => { const h = hoverEvent; hoverEvent = null; if (h) send('hover', h); });
      hoverEvent = e;
    });
    c.addEventListener('pointerleave', (e) => {
      if (dragging || e.pointerType === 'touch') return;
      hoverEvent = null;
      const code = this.guard(() => this.handle.pointer('hover', -1, -1));
      if (code === 2) this.paramsChanged();
    });
    const end = (e) => { if (dragging) { dragging = false; send('up', e); } };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const code = this.guard(() => this.handle.key(e.key));
      if (code) { e.preventDefault(); if (code === 2) this.paramsChanged(); else { this.dirty = true; this.requestDraw(); } }
    });
  }

  // ------------------------------------------------------------ drawing
  requestDraw() {
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      if (this.visible && !document.hidden) this.drawNow();
    });
  }

  drawNow() {
    if (!this.handle || !this.dirty) return;
    this.dirty = false;
    const ok = this.guard(() => { this.handle.draw(); return true; });
    if (ok && page.firstDrawMs === null) {
      page.firstDrawMs = performance.now();
      performance.mark('highdim-first-draw');
    }
    if (ok && this.root.dataset.state === 'loading') this.root.dataset.state = 'ready';
    if (ok && this.doneAfterDraw && this.jobState !== 'running') {
      this.doneAfterDraw = false;
      this.root.dataset.state = 'done';
    }
  }

  updateCaption(now) {
    const write = () => {
      this.captionTimer = null;
      const s = this.guard(() => this.handle.summary());
      if (s != null && this.caption.textContent !== s) this.caption.textContent = s;
    };
    if (now) { write(); return; }
    if (!this.captionTimer) this.captionTimer = setTimeout(write, CAPTION_MS);
  }

  // ------------------------------------------------------------ jobs
  syncJob() {
    const spec = this.guard(() => this.handle.job());
    if (!spec) {
      if (this.jobState === 'running') this.stopJob('done');
      this.finishState();
      return;
    }
    if (spec === this.jobSpec && this.jobState !== 'idle') return; // running, or cancelled by the reader
    this.startJob(spec);
  }

  ensureWorker() {
    if (this.worker) return;
    const [url, type] = workerSource(this.bundle);
    this.worker = new Worker(url, { type });
    // The figure is mounted, so its bundle is loaded: send its compiled module and glue URL.
    this.worker.postMessage({ type: 'init', module: this.loaded.module, glue: this.loaded.glueUrl });
    this.worker.onmessage = (e) => this.onJobMessage(e.data);
    this.worker.onerror = (e) => { e.preventDefault(); this.showError('The computation worker failed: ' + (e.message || 'unknown error'), false); this.stopJob('error'); };
  }

  startJob(spec) {
    this.doneAfterDraw = false;
    this.ensureWorker();
    if (this.jobState === 'running') this.worker.postMessage({ type: 'cancel', id: this.jobId });
    this.jobId += 1;
    this.jobSpec = spec;
    this.jobState = 'running';
    this.root.dataset.state = 'busy';
    this.progress.value = 0;
    this.cancelBtn.textContent = 'Cancel';
    this.progressRow.hidden = false;
    this.worker.postMessage({ type: 'start', id: this.jobId, spec, paused: !this.visible || document.hidden, asset: this.assetBytes });
  }

  stopJob(state) {
    if (this.worker && this.jobState === 'running') this.worker.postMessage({ type: 'cancel', id: this.jobId });
    this.jobState = state;
  }

  cancelOrResume() {
    if (this.jobState === 'running') {
      this.stopJob('cancelled');
      this.cancelBtn.textContent = 'Resume';
      this.root.dataset.state = 'ready';
      this.updateCaption(true);
    } else {
      this.startJob(this.guard(() => this.handle.job()) || this.jobSpec);
    }
  }

  onJobMessage(m) {
    if (m.memory > page.workerMemoryMax) page.workerMemoryMax = m.memory;
    if (m.id !== this.jobId || this.jobState !== 'running') return;
    if (m.error) {
      this.showError(m.error, false);
      this.stopJob('error');
      this.progressRow.hidden = true;
      this.root.dataset.state = 'ready';
      return;
    }
    this.progress.value = m.progress;
    if (m.bytes) this.guard(() => this.handle.accept_bytes(m.bytes));
    this.guard(() => this.handle.accept(m.output));
    this.data?.changed();
    this.dirty = true;
    this.requestDraw();
    this.updateCaption(m.done);
    if (m.done) {
      this.jobState = 'done';
      // A figure may need a follow-up job (e.g. its cached sweep was not ready).
      this.syncJob();
      this.finishState();
    }
  }

  // 'done' means the final picture is on the canvas: with a redraw pending it is set by
  // drawNow once that redraw has happened.
  finishState() {
    if (this.jobState !== 'running' && !this.assetPending) {
      this.progressRow.hidden = true;
      if (this.broken) return;
      if (this.dirty) this.doneAfterDraw = true;
      else this.root.dataset.state = 'done';
    }
  }

  setVisible(v) {
    this.visible = v;
    if (this.worker && this.jobState === 'running') this.worker.postMessage({ type: v && !document.hidden ? 'resume' : 'pause' });
    if (v) this.requestDraw();
    if (v && !document.hidden && this.resumeAnimation) { this.resumeAnimation = false; this.animate(); }
  }
}

// ---------------------------------------------------------------- page
async function main() {
  const footer = document.querySelector('.hd-version');
  page.version = MANIFEST.version;
  initTheme(page);
  page.setProjector = (on) => setProjector(page, on);
  page.importText = (kind, text, type, name = 'test') => applyImport(page.figures.get(kind), text, type, name);
  const teacher = document.getElementById('hd-teacher');
  if (teacher) {
    // Built when the reader opens it: it reads every figure's controls.
    const details = teacher.closest('details');
    // Every bundle's figures are listed, so building it loads the bundles (one task each).
    const kinds = () => Object.values(MANIFEST.bundles).flatMap((b) => b.kinds);
    const controls = async (kind) => (await loadBundle(bundleOf(kind))).api.figure_controls(kind);
    const build = () => { if (!teacher.dataset.built) { teacher.dataset.built = '1'; buildTeacher(teacher, { kinds, controls }, new URL(location.pathname, location.href).href); } };
    if (details && !details.open) details.addEventListener('toggle', build, { once: true }); else build();
  }
  if (footer) footer.textContent = 'highdim ' + page.version;

  const byRoot = new Map();
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const fig = byRoot.get(entry.target);
      if (!fig) continue;
      fig.visible = entry.isIntersecting;
      if (entry.isIntersecting && !fig.handle && !fig.broken) fig.load();
      if (fig.handle) fig.setVisible(entry.isIntersecting);
    }
  }, { rootMargin: '300px 0px' });

  // A figure's bundle is fetched and compiled while the figure is still a screen away, so it
  // is ready to draw when the figure arrives; other sections' bundles wait for the reader.
  const prefetch = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      prefetch.unobserve(entry.target);
      const bundle = bundleOf(entry.target.dataset.kind);
      if (bundle) loadBundle(bundle).catch(() => { /* the figure's own load reports it */ });
    }
  }, { rootMargin: '100% 0px' });

  const watch = (fig) => {
    page.all.add(fig);
    byRoot.set(fig.root, fig);
    observer.observe(fig.root);
    prefetch.observe(fig.root);
  };
  for (const root of document.querySelectorAll('.hd-figure[data-kind]')) {
    const fig = new Fig(root);
    page.figures.set(fig.kind, fig);
    watch(fig);
  }
  defineElement(watch);
  // Embeds tell an auto-sizing host page their height.
  if (document.body.classList.contains('hd-embed') && window.parent !== window) {
    new ResizeObserver(() => {
      window.parent.postMessage({ highdim: 'resize', height: Math.ceil(document.documentElement.scrollHeight) }, '*');
    }).observe(document.body);
  }
  scheduleUrl();

  // Zooming changes devicePixelRatio without resizing the canvas' box: redraw sharp.
  window.addEventListener('resize', () => {
    for (const fig of page.all) if (fig.handle) { fig.dirty = true; fig.requestDraw(); }
  });
  document.addEventListener('visibilitychange', () => {
    for (const fig of page.all) if (fig.handle) fig.setVisible(fig.visible);
  });
}

// <highdim-figure kind="ballcube" d="10"></highdim-figure>: a figure on any page that loads
// this script. Attributes mirror the figure's URL keys (without the namespace); several
// elements can live on one page; they never touch the host page's URL.
function defineElement(watch) {
  if (customElements.get('highdim-figure')) return;
  // A host page gets the figure styles from next to this script (the article and the offline
  // copies already have them).
  if (!document.querySelector('.hd-figure') && !globalThis.HIGHDIM_INLINE) {
    document.head.append(el('link', { rel: 'stylesheet', href: new URL('./style.css', import.meta.url).href }));
  }
  customElements.define('highdim-figure', class extends HTMLElement {
    connectedCallback() {
      if (this.fig) return;
      const kind = this.getAttribute('kind') || '';
      const root = el('figure', { class: 'hd-figure hd-element', 'data-kind': kind, 'aria-label': this.getAttribute('title') || `highdim figure: ${kind}` });
      root.append(el('div', { class: 'hd-slot' }));
      this.replaceChildren(root);
      if (!namespaceOf(kind)) {
        root.append(el('div', { class: 'hd-error', role: 'alert', text: unknownKind(kind) }));
        return;
      }
      const attrs = [...this.attributes].filter((a) => !['kind', 'class', 'id', 'style', 'title'].includes(a.name)).map((a) => [a.name, a.value]);
      this.fig = new Fig(root, { attrs, syncUrl: false });
      watch(this.fig);
    }
  });
}

main();
