// End-to-end tests of the lazily loaded wasm bundles (one per article section): the first
// screen draws from the first bundle alone, a later section's bundle is fetched when the reader
// scrolls to it, each bundle is fetched once, and an embed page fetches only its own.
// Run after scripts/build.sh target/site:  node --test tests/e2e/bundles.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SITE, start } from './helpers.mjs';


let server, browser, base, manifest;
const report = {};

before(async () => {
  ({ server, browser, base } = await start());
  manifest = (await import(path.join(SITE, 'www/pkg/manifest.js'))).MANIFEST;
});

after(async () => {
  await browser?.close();
  server?.close();
  console.log('bundles report ' + JSON.stringify(report));
});

// A page whose wasm and script requests are logged in order (workers' requests included).
async function open(url, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const log = { wasm: [], scripts: [], errors: [] };
  context.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.endsWith('.wasm')) log.wasm.push(path.basename(p));
    else if (p.startsWith('/www/pkg/') && p.endsWith('.js')) log.scripts.push(path.basename(p));
  });
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(e.message));
  await page.goto(url);
  return { page, context, log };
}

const stateOf = (page, kind) => page.evaluate((k) => document.querySelector(`#fig-${k}`)?.dataset.state, kind);
const waitDone = (page, kind, timeout = 90000) => page.waitForFunction(
  (k) => document.querySelector(`#fig-${k}`)?.dataset.state === 'done', kind, { timeout });
const bundleWasm = (b) => manifest.bundles[b].wasm;
const count = (list, x) => list.filter((y) => y === x).length;

test('the manifest puts every figure of the article in exactly one bundle, sections in order', () => {
  const html = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
  const kinds = [...html.matchAll(/<figure class="hd-figure" data-kind="([a-z0-9]+)"/g)].map((m) => m[1]);
  assert.ok(kinds.length >= 8);
  const names = Object.keys(manifest.bundles);
  assert.ok(names.length >= 2, `several bundles: ${names}`);
  assert.equal(manifest.initial, names[0]);
  assert.equal(manifest.figures[kinds[0]].bundle, manifest.initial, 'the first figure is in the first bundle');
  // Article order: once a later bundle's figures start, an earlier bundle does not come back.
  const seq = kinds.map((k) => manifest.figures[k].bundle);
  assert.deepEqual([...new Set(seq)], names);
  for (const k of kinds) {
    const { bundle, ns } = manifest.figures[k];
    assert.ok(manifest.bundles[bundle].kinds.includes(k), `${k} listed by its bundle`);
    assert.match(ns, /^[a-z0-9]+$/);
    assert.ok(fs.existsSync(path.join(SITE, 'www/pkg', bundleWasm(bundle))));
  }
});

test('the first section draws from its own bundle alone; scrolling to the ReLU section fetches its bundle once', async () => {
  // Opened at the first figure, as a reader arriving from a link would.
  const { page, context, log } = await open(base + '#fig-' + manifest.bundles[manifest.initial].kinds[0]);
  const first = manifest.initial;
  const firstKinds = manifest.bundles[first].kinds;
  // The first figure, at the top of the page, finishes (its job included) from the first bundle.
  await waitDone(page, firstKinds[0]);
  report.firstDrawMs = Math.round(await page.evaluate(() => window.highdim.firstDrawMs));
  assert.deepEqual(log.wasm, [bundleWasm(first)], 'only the first bundle was fetched');
  assert.deepEqual(await page.evaluate(() => window.highdim.bundles()), [first]);
  // Every figure of the first section draws and finishes; other bundles may be fetched only
  // once a figure of theirs comes within a screen of the viewport (the prefetch margin).
  for (const k of firstKinds) {
    await page.locator(`#fig-${k}`).scrollIntoViewIfNeeded();
    await waitDone(page, k);
    const near = await page.evaluate(() => [...document.querySelectorAll('.hd-figure[data-kind]')]
      .filter((f) => { const r = f.getBoundingClientRect(); return r.bottom > -innerHeight && r.top < 2 * innerHeight; })
      .map((f) => f.dataset.kind));
    const allowed = new Set([first, ...near.map((n) => manifest.figures[n].bundle)].map(bundleWasm));
    for (const w of log.wasm) assert.ok(allowed.has(w), `${w} fetched while only ${near} were near`);
  }
  // The page and each figure's worker instantiate the compiled module: fetched once.
  assert.equal(count(log.wasm, bundleWasm(first)), 1, `${log.wasm}`);
  const relu = manifest.figures.relu.bundle;
  assert.notEqual(relu, first);
  assert.equal(count(log.wasm, bundleWasm(relu)), 0, 'the ReLU bundle is not fetched before its section');
  assert.equal(await stateOf(page, 'relu'), 'loading');
  await page.locator('#fig-relu').scrollIntoViewIfNeeded();
  await waitDone(page, 'relu');
  assert.equal(count(log.wasm, bundleWasm(relu)), 1, `${log.wasm}`);
  assert.ok((await page.locator('#fig-relu .hd-caption').textContent()).length > 40);
  assert.ok((await page.evaluate(() => window.highdim.bundles())).includes(relu));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an embed page fetches only the bundle of its figure', async () => {
  for (const kind of ['hullcurve', 'relu']) {
    const { page, context, log } = await open(`${base}embed/${kind}.html`, { width: 900, height: 900 });
    await waitDone(page, kind);
    assert.deepEqual(log.wasm, [bundleWasm(manifest.figures[kind].bundle)], kind);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('the offline copy of one figure inlines only its bundle', () => {
  const sizes = {};
  for (const [kind, { bundle }] of Object.entries(manifest.figures)) {
    const html = fs.readFileSync(path.join(SITE, 'offline', `${kind}.html`), 'utf8');
    const m = html.match(/globalThis\.HIGHDIM_WASM = \{([^:]*):/);
    assert.ok(m, kind);
    assert.equal(JSON.parse(m[1]), bundle, kind);
    assert.equal((html.match(/": "AGFzbQ/g) || []).length, 1, `${kind}: one wasm module inlined`);
    sizes[kind] = html.length;
  }
  const article = fs.readFileSync(path.join(SITE, 'offline', 'highdim.html'), 'utf8');
  for (const b of Object.keys(manifest.bundles)) assert.ok(article.includes(`${JSON.stringify(b)}: "AGFzbQ`), `article inlines ${b}`);
  report.offlineBytes = sizes;
});
