// highdim's wasm bundles: the article's figures are split by section into several wasm
// modules (Cargo features, see ARCHITECTURE.md, "Bundles"). scripts/pages.mjs writes the
// manifest (pkg/manifest.js: figure kind → bundle and URL namespace). A bundle is fetched,
// compiled and instantiated once, the first time one of its figures needs it; the compiled
// module is also what the figure's Web Worker instantiates, so no worker fetches wasm.
//
// The single-file offline copies set globalThis.HIGHDIM_INLINE = { bundle: { wasm: base64,
// glue: Blob URL of the wasm-bindgen glue, worker: Blob URL of the classic worker } } because
// a file:// page can fetch nothing.
import { MANIFEST } from './pkg/manifest.js';

export { MANIFEST };

const cache = new Map(); // bundle name → Promise<{ name, api, module, glueUrl }>
const loaded = new Map(); // bundle name → its instantiated exports, once ready

// The bundle that draws figure `kind`, or undefined for a kind no bundle knows.
export function bundleOf(kind) {
  return MANIFEST.figures[kind]?.bundle;
}

// The URL namespace of figure `kind` (`bc` for `ballcube`), or undefined.
export function namespaceOf(kind) {
  return MANIFEST.figures[kind]?.ns;
}

// The same message the Rust registry gives for a kind it does not know.
export function unknownKind(kind) {
  return `there is no figure called '${kind}' (known: ${Object.keys(MANIFEST.figures).join(', ')})`;
}

function inline(name) {
  return globalThis.HIGHDIM_INLINE?.[name];
}

function glueUrl(name) {
  return inline(name)?.glue ?? new URL(`./pkg/${MANIFEST.bundles[name].glue}`, import.meta.url).href;
}

async function compile(name) {
  const inl = inline(name);
  if (inl) {
    const bin = atob(inl.wasm);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return WebAssembly.compile(bytes);
  }
  const url = new URL(`./pkg/${MANIFEST.bundles[name].wasm}`, import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  try {
    return await WebAssembly.compileStreaming(response.clone());
  } catch (_) {
    // Hosts that serve .wasm with the wrong MIME type: compile from the bytes instead.
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

// Loads bundle `name` once: its glue module and compiled wasm, instantiated on this page.
export function loadBundle(name) {
  if (!MANIFEST.bundles[name]) return Promise.reject(new Error(`no wasm bundle called '${name}'`));
  if (!cache.has(name)) {
    const url = glueUrl(name);
    const p = Promise.all([import(url), compile(name)]).then(async ([api, module]) => {
      await api.default({ module_or_path: module });
      loaded.set(name, api);
      return { name, api, module, glueUrl: url };
    });
    // A failed load (network hiccup) may be retried by the next figure that needs it.
    p.catch(() => cache.delete(name));
    cache.set(name, p);
  }
  return cache.get(name);
}

// The exports of every bundle instantiated on this page so far.
export function loadedApis() {
  return [...loaded.values()];
}

// The bundles requested so far (for tests and the page's diagnostics).
export function requestedBundles() {
  return [...cache.keys()];
}

// Where bundle `name`'s worker comes from, and whether it is a module or a classic script.
export function workerSource(name) {
  const inl = inline(name);
  if (inl) return [inl.worker, 'classic'];
  // A worker script from another origin (this script loaded by someone else's page, or an
  // opaque-origin sandboxed iframe) cannot be started directly, and Chromium refuses module
  // workers from Blob URLs in opaque origins: a classic Blob worker loads the classic build
  // of the bundle's worker (written by scripts/pages.mjs) instead.
  const moduleUrl = new URL('./worker.js', import.meta.url);
  if (self.origin === 'null' || moduleUrl.origin !== self.location.origin) {
    const classic = new URL(`./pkg/worker-classic-${name}.js`, import.meta.url);
    const src = `importScripts(${JSON.stringify(classic.href)});`;
    return [URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), 'classic'];
  }
  return [moduleUrl, 'module'];
}
