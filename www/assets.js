// Data files that some figures need (the MNIST digits of the "Real images" section). A file
// is fetched once, only when the first figure that needs it nears the viewport (figures
// mount lazily), so the first paint of the page never waits for it. The served copy is
// gzipped and inflated here with DecompressionStream; the raw file is the fallback. The
// single-file offline copy inlines the gzipped bytes (globalThis.HIGHDIM_ASSETS, base64).
// Rust validates the bytes (size, checksum, labels) and the figure shows what is wrong.

const FILES = { mnist5k: 'data/mnist5k.bin' };
const cache = new Map();
// For tests and the benchmark: what was requested, and how many bytes came over the wire.
export const assetLog = [];

function fromBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function inflate(stream) {
  const out = stream.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(out).arrayBuffer());
}

async function fetchAsset(name) {
  const file = FILES[name];
  if (!file) throw new Error(`there is no data file called '${name}'`);
  const inline = globalThis.HIGHDIM_ASSETS && globalThis.HIGHDIM_ASSETS[name];
  if (inline) {
    const gz = fromBase64(inline);
    assetLog.push({ name, source: 'inline', bytes: gz.length });
    return inflate(new Blob([gz]).stream());
  }
  const url = new URL(`../${file}`, import.meta.url);
  if ('DecompressionStream' in globalThis) {
    try {
      const r = await fetch(url.href + '.gz');
      if (r.ok) {
        const gz = new Uint8Array(await r.arrayBuffer());
        assetLog.push({ name, source: url.pathname + '.gz', bytes: gz.length });
        return await inflate(new Blob([gz]).stream());
      }
    } catch (_) { /* fall back to the raw file */ }
  }
  let r;
  try {
    r = await fetch(url);
  } catch (err) {
    throw new Error(`the data file ${url.pathname} could not be fetched (${err.message || err})`);
  }
  if (!r.ok) throw new Error(`the data file ${url.pathname} is missing (the server answered ${r.status})`);
  const bytes = new Uint8Array(await r.arrayBuffer());
  assetLog.push({ name, source: url.pathname, bytes: bytes.length });
  return bytes;
}

/** The bytes of data file `name` (one fetch per page, shared by every figure). */
export function loadAsset(name) {
  if (!cache.has(name)) cache.set(name, fetchAsset(name));
  return cache.get(name);
}

/**
 * Gives a mounted figure the data file it asks for: the figure draws "loading" until the
 * bytes arrive, then validates them and starts its computation; a missing or corrupt file
 * becomes a message in the figure.
 */
export function attachAsset(fig, name) {
  fig.assetPending = true;
  loadAsset(name).then((bytes) => {
    fig.assetPending = false;
    fig.assetBytes = bytes;
    fig.guard(() => fig.handle.give_asset(bytes));
    fig.paramsChanged();
  }, (err) => {
    fig.assetPending = false;
    const message = (err && err.message) || String(err);
    fig.guard(() => fig.handle.asset_failed(message));
    fig.showError('The digits could not be loaded: ' + message, false);
    fig.paramsChanged();
  });
}
