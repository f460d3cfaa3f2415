// End-to-end tests of sharing and classroom features in headless Chromium: copied links
// reproduce every figure's pixels, CSV export and the data table, imports (good and broken),
// teacher links that hide or lock controls, the projector theme, the link builder, link
// previews (meta tags and the PNGs), and the offline copy's data table.
// Run after scripts/build.sh target/site:  node --test tests/e2e/share.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SITE, SHOTS, downloadBy, start } from './helpers.mjs';

const KINDS = JSON.parse(fs.readFileSync(path.join(SITE, 'figures.json'), 'utf8')).map((f) => f.kind);
// A state away from the defaults, small enough to compute quickly, per figure.
const MOVED = {
  volume: 'vol.d=37', ballcube: 'bc.d=6&bc.m=3000&bc.seed=4', shell: 'sh.d=50&sh.eps=0.02',
  distances: 'dist.d=30&dist.n=80&dist.seed=3', hull2d: 'h2.n=25&h2.tests=150&h2.seed=8',
  hullcurve: 'hc.dmax=4&hc.nmax=100&hc.tests=30&hc.seed=2', hullsubspace: 'hs.nmax=100&hs.tests=30&hs.seed=5',
  relu: 'nn.width=8&nn.depth=2&nn.seed=3',
  definitions2d: 'd2.n=40&d2.seed=3&d2.x=0.6&d2.y=-1.4', definitionscurve: 'dc.dmax=6&dc.n=100&dc.tests=60&dc.seed=2',
  digitscurve: 'dg.n=100&dg.tests=50&dg.kmax=16&dg.red=crop', digitsproject: 'dp.n=100&dp.i=3',
};

let server, browser, base;
const report = {};

before(async () => {
  ({ server, browser, base } = await start());
});

after(async () => {
  await browser?.close();
  server?.close();
  console.log('share e2e report ' + JSON.stringify(report));
});

async function open(url, { width = 1200, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  const page = await context.newPage();
  const log = { errors: [] };
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (document.querySelector('.hd-teacher-details[open]')) window.__longTasks.push(e.duration); })
      .observe({ type: 'longtask' });
  });
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(e.message));
  await page.goto(url);
  return { page, context, log };
}

const fig = (kind) => `#fig-${kind}`;
async function settleDone(page, kind, timeout = 90000) {
  await page.locator(fig(kind)).scrollIntoViewIfNeeded();
  await page.waitForFunction((k) => document.querySelector(`#fig-${k}`)?.dataset.state === 'done', kind, { timeout });
  await frames(page);
}
async function frames(page, n = 3) {
  for (let i = 0; i < n; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}
// A hash of the canvas' pixels (not of an encoding of them).
async function pixelHash(page, kind) {
  const b64 = await page.evaluate((k) => {
    const c = document.querySelector(`#fig-${k} canvas`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode(...d.subarray(i, i + 8192));
    return btoa(s) + `|${c.width}x${c.height}`;
  }, kind);
  return crypto.createHash('sha256').update(b64).digest('hex').slice(0, 16);
}
async function caption(page, kind) { return page.locator(`${fig(kind)} .hd-caption`).textContent(); }
async function download(page, kind, name) {
  const dl = await downloadBy(page, kind, page.locator(`${fig(kind)} .hd-share`).getByRole('button', { name, exact: true }), name);
  return fs.readFileSync(await dl.path(), 'utf8');
}
function csvHeader(text) {
  // The header line split on commas outside quotes.
  const line = text.split('\n')[0];
  const out = []; let cur = ''; let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q; else if (ch === ',' && !q) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

test('every figure: a copied link reproduces the same canvas pixels after a reload', async () => {
  const { page, context, log } = await open(base + '?' + Object.values(MOVED).join('&'));
  const hashes = {};
  for (const k of KINDS) {
    await settleDone(page, k);
    const before = await pixelHash(page, k);
    await page.locator(`${fig(k)} .hd-share`).getByRole('button', { name: 'Copy link' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, new RegExp(`\\?v=1&.*#fig-${k}$`));
    const again = await open(link);
    await settleDone(again.page, k);
    const after = await pixelHash(again.page, k);
    assert.equal(after, before, `${k}: same pixels after opening the copied link`);
    assert.equal(await caption(again.page, k), await caption(page, k), `${k}: same caption`);
    assert.deepEqual(again.log.errors, []);
    await again.context.close();
    hashes[k] = before;
  }
  report.linkHashes = hashes;
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('CSV export and the data table, for every figure; the table follows the figure', async () => {
  const { page, context, log } = await open(base + '?' + Object.values(MOVED).join('&'));
  const rows = {};
  for (const k of KINDS) {
    await settleDone(page, k);
    const csv = await download(page, k, 'CSV');
    const header = csvHeader(csv);
    assert.ok(header.length >= 2, `${k}: CSV header ${header}`);
    const lines = csv.trim().split('\n');
    assert.ok(lines.length >= 2, `${k}: CSV has data`);
    const toggle = page.locator(`${fig(k)} .hd-data-toggle`);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator(`${fig(k)} .hd-data`).isHidden(), true);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const table = page.locator(`${fig(k)} .hd-data table`);
    await table.waitFor();
    const ths = await table.locator('thead th[scope=col]').allTextContents();
    assert.deepEqual(ths, header, `${k}: table headers = CSV header`);
    assert.ok((await table.locator('caption').textContent()).length > 10);
    const bodyRows = await table.locator('tbody tr').count();
    assert.equal(bodyRows, Math.min(lines.length - 1, 2000), `${k}: one table row per CSV line`);
    assert.equal(await table.locator('tbody tr').first().locator('th[scope=row]').count(), 1);
    rows[k] = bodyRows;
  }
  report.tableRows = rows;
  // The table follows the figure: volume's rows are d = 1 … 2d (at least 20).
  await page.locator('#vol-d').focus();
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelectorAll('#fig-volume .hd-data tbody tr').length === 2000, null, { timeout: 5000 });
  // Long tables scroll inside their box rather than growing the page.
  const box = await page.locator(`${fig('volume')} .hd-data`).evaluate((e) => [e.scrollHeight, e.clientHeight, getComputedStyle(e).overflowY]);
  assert.ok(box[0] > box[1] && box[2] === 'auto', `scrollable table ${box}`);
  // Closing hides it again.
  await page.locator(`${fig('volume')} .hd-data-toggle`).click();
  assert.equal(await page.locator(`${fig('volume')} .hd-data`).isHidden(), true);
  assert.deepEqual(log.errors, []);
  await context.close();
});

// The CSV header each figure's export starts with (what a spreadsheet user relies on).
const HEADERS = {
  volume: ['dimension d', 'log10 unit-ball volume', 'log10 unit-sphere area', 'log10 share of the cube filled by its inscribed ball'],
  ballcube: ['distance from the centre, bin start', 'bin end', 'samples', 'share of samples', 'inside the ball (radius ½)'],
  shell: ['dimension d', 'share of volume (fraction)'],
  distances: ['dimension d', 'which', 'pairs', 'mean distance', 'smallest distance', 'largest distance', 'relative contrast (max − min) / min'],
  hull2d: ['point', 'x', 'y', 'inside the training hull'],
  hullcurve: ['series', 'ambient dimension d', 'training points N', 'tests inside the hull', 'tests', 'P(x in hull)', '95% interval, low', '95% interval, high', 'exact P(x in hull), theorem'],
  hullsubspace: ['data', 'ambient dimension d', 'training points N', 'tests inside the hull', 'tests', 'P(x in hull)', '95% interval, low', '95% interval, high', 'exact P(x in hull), theorem'],
  relu: ['point', 'x', 'y', 'class'],
  definitions2d: ['point', 'x', 'y', 'inside: convex hull', 'inside: bounding box', 'inside: any coordinate in range', 'inside: min-volume ellipsoid', 'inside: ball around the mean'],
  definitionscurve: ['definition', 'dimension d', 'training points N', 'tests inside', 'tests', 'P(inside)', '95% interval, low', '95% interval, high', 'exact P given this training set (box and any coordinate)', 'exact P averaged over training sets (box and any coordinate)'],
  digitscurve: ['reduction', 'dimensions kept k', 'training digits N', 'test digits inside the hull', 'test digits', 'share inside', 'variance explained by the first k components', 'test accuracy of the net'],
  digitsproject: ['image', 'index in the data file', 'label', 'weight', 'distance from the test digit', 'distance from the blend'],
};

test('every figure exports a PNG that decodes at the canvas size, well-formed SVG and the expected CSV', async () => {
  const { page, context, log } = await open(base + '?' + Object.values(MOVED).join('&'));
  for (const k of KINDS) {
    await settleDone(page, k);
    const dl = await downloadBy(page, k, page.locator(`${fig(k)} .hd-share`).getByRole('button', { name: 'PNG', exact: true }), 'PNG');
    const png = fs.readFileSync(await dl.path());
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], `${k} PNG signature`);
    const canvas = await page.locator(`${fig(k)} canvas`).evaluate((c) => [c.width, c.height]);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], canvas, `${k} PNG size = canvas size`);
    const decoded = await page.evaluate(async (b64) => {
      const im = new Image();
      im.src = 'data:image/png;base64,' + b64;
      await im.decode();
      return [im.naturalWidth, im.naturalHeight];
    }, png.toString('base64'));
    assert.deepEqual(decoded, canvas, `${k} PNG decodes`);
    const svg = await download(page, k, 'SVG');
    const ok = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return !doc.querySelector('parsererror') && doc.documentElement.nodeName === 'svg' && doc.querySelectorAll('text').length > 0;
    }, svg);
    assert.ok(ok, `${k} SVG well-formed, with text`);
    assert.ok(HEADERS[k], `${k}: expected CSV header listed`);
    assert.deepEqual(csvHeader(await download(page, k, 'CSV')), HEADERS[k], `${k} CSV header`);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('imports: good points and states apply; a broken file shows every problem and keeps the state', async () => {
  const { page, context, log } = await open(base + '?h2.n=25&h2.seed=8&bc.d=4&bc.m=2000#fig-hull2d');
  await settleDone(page, 'hull2d');
  const input = page.locator(`${fig('hull2d')} input[type=file]`);
  assert.match(await page.locator(`${fig('hull2d')} .hd-import-label`).textContent(), /x,y/);
  const before = { px: await pixelHash(page, 'hull2d'), cap: await caption(page, 'hull2d') };
  await page.waitForTimeout(300);
  const url = page.url();
  // Broken CSV: several problems, all named; nothing changes.
  await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,2\nNaN,0\n3,abc\n7\n') });
  const status = page.locator(`${fig('hull2d')} .hd-import-status`);
  await page.waitForFunction(() => document.querySelector('#fig-hull2d .hd-import-error'));
  const msg = await status.textContent();
  for (const part of ['not loaded (nothing changed)', "x is 'NaN'", "y is 'abc'", 'line 5 has 1 fields']) assert.ok(msg.includes(part), `${part} in ${msg}`);
  await frames(page);
  assert.equal(await pixelHash(page, 'hull2d'), before.px, 'picture unchanged after a broken file');
  assert.equal(await caption(page, 'hull2d'), before.cap);
  assert.equal(page.url(), url);
  // Wrong columns.
  await input.setInputFiles({ name: 'cols.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await page.waitForFunction(() => /unknown column 'a'/.test(document.querySelector('#fig-hull2d .hd-import-status').textContent));
  assert.equal(await pixelHash(page, 'hull2d'), before.px);
  // A good CSV: a triangle becomes the training set.
  await input.setInputFiles({ name: 'tri.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n-1,-1\n1,-1\n0,1.5\n') });
  await page.waitForFunction(() => /Loaded 3 points/.test(document.querySelector('#fig-hull2d .hd-import-status').textContent));
  await settleDone(page, 'hull2d');
  assert.notEqual(await pixelHash(page, 'hull2d'), before.px);
  await page.waitForFunction(() => location.search.includes('h2.dist=own'));
  // The caption is rewritten on a short debounce after the drawing ('done' is the canvas).
  await page.waitForFunction(() => /^Your 3 points\b/.test(document.querySelector('#fig-hull2d .hd-caption').textContent), null, { timeout: 10000 });
  assert.match(await caption(page, 'hull2d'), /\b3\b/);
  // Dropping a file on the figure does the same as choosing it.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x,y\n0,0\n2,0\n0,2\n2,2\n'], 'square.csv', { type: 'text/csv' }));
    document.querySelector('#fig-hull2d canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /Loaded 4 points from square\.csv/.test(document.querySelector('#fig-hull2d .hd-import-status').textContent));
  await settleDone(page, 'hull2d');
  await page.waitForTimeout(300);
  assert.match(await caption(page, 'hull2d'), /\b4\b/);

  // State JSON on the ball-in-cube figure: a bad file keeps the state, a good one applies.
  await settleDone(page, 'ballcube');
  const bcInput = page.locator(`${fig('ballcube')} input[type=file]`);
  const bc = await pixelHash(page, 'ballcube');
  await bcInput.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"highdim": 3, "figure": "teapot", "state": {"d": "NaN"}}') });
  await page.waitForFunction(() => document.querySelector('#fig-ballcube .hd-import-error'));
  const bad = await page.locator(`${fig('ballcube')} .hd-import-status`).textContent();
  for (const part of ['schema version 3', "unknown figure kind 'teapot'", 'd:']) assert.ok(bad.includes(part), `${part} in ${bad}`);
  assert.equal(await pixelHash(page, 'ballcube'), bc);
  assert.match(await caption(page, 'ballcube'), /^d = 4:/);
  await bcInput.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from('{"highdim": 1, "figure": "ballcube", "state": {"d": "7", "m": "2000"}}') });
  await settleDone(page, 'ballcube');
  await page.waitForTimeout(300);
  assert.match(await caption(page, 'ballcube'), /^d = 7:/);
  assert.match(page.url(), /bc\.d=7/);
  await page.locator(fig('hull2d')).screenshot({ path: path.join(SHOTS, 'share-import-hull2d.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a link that locks the data set refuses a points file (says why, keeps the picture); a saved state still loads', async () => {
  const { page, context, log } = await open(base + '?h2.n=25&h2.seed=8&h2.lock=dist#fig-hull2d');
  await settleDone(page, 'hull2d');
  const root = page.locator(fig('hull2d'));
  assert.match(await root.locator('.hd-import .hd-locked').textContent(), /Points cannot be loaded: this link fixes dist/);
  const before = await pixelHash(page, 'hull2d');
  const url = page.url();
  const input = root.locator('input[type=file]');
  await input.setInputFiles({ name: 'tri.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n-1,-1\n1,-1\n0,1.5\n') });
  await page.waitForFunction(() => document.querySelector('#fig-hull2d .hd-import-error'));
  assert.match(await root.locator('.hd-import-status').textContent(), /not loaded \(nothing changed\): this link fixes dist/);
  await frames(page);
  assert.equal(await pixelHash(page, 'hull2d'), before, 'picture unchanged');
  assert.equal(page.url(), url);
  // A state that asks for other points and another N: N applies, the locked set stays.
  await input.setInputFiles({ name: 's.json', mimeType: 'application/json', buffer: Buffer.from('{"highdim": 1, "figure": "hull2d", "state": {"n": "40", "dist": "own"}, "points": [[0, 0], [1, 0], [0, 1]]}') });
  await page.waitForFunction(() => /Loaded the settings/.test(document.querySelector('#fig-hull2d .hd-import-status').textContent));
  await page.waitForFunction(() => location.search.includes('h2.n=40'));
  assert.ok(!page.url().includes('h2.dist=own'), page.url());
  assert.notEqual(await root.locator('select').first().inputValue(), 'own', 'the locked data set stays');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('relu import: points CSV with classes applies (caption, nn.pts, same as its link); broken files keep the picture', async () => {
  const { page, context, log } = await open(base + '?nn.width=4&nn.depth=1&nn.seed=3#fig-relu');
  await settleDone(page, 'relu');
  const input = page.locator(`${fig('relu')} input[type=file]`);
  assert.match(await page.locator(`${fig('relu')} .hd-import-label`).textContent(), /x,y,class/);
  await page.waitForTimeout(300);
  const before = { px: await pixelHash(page, 'relu'), cap: await caption(page, 'relu'), url: page.url() };
  const status = page.locator(`${fig('relu')} .hd-import-status`);
  // Broken CSV: NaN, a class that does not exist, a point outside the window; all named.
  await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y,class\n0.5,0.5,0\nNaN,0,1\n0,0,7\n1.5,0,1\n') });
  await page.waitForFunction(() => document.querySelector('#fig-relu .hd-import-error'));
  const msg = await status.textContent();
  for (const part of ['not loaded (nothing changed)', "x is 'NaN'", 'class = 7 is outside 0…3', 'x = 1.5 is outside -1.2…1.2']) assert.ok(msg.includes(part), `${part} in ${msg}`);
  await frames(page);
  assert.equal(await pixelHash(page, 'relu'), before.px, 'picture unchanged after a broken file');
  assert.equal(await caption(page, 'relu'), before.cap);
  assert.equal(page.url(), before.url);
  // More points than a link carries.
  const many = 'x,y,class\n' + Array.from({ length: 201 }, (_, i) => `${(i % 200) / 200},0,${i % 4}\n`).join('');
  await input.setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(many) });
  await page.waitForFunction(() => /201 points; at most 200/.test(document.querySelector('#fig-relu .hd-import-status').textContent));
  // A saved state with a bad point.
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"highdim": 1, "figure": "relu", "state": {"data": "own"}, "points": [[0, 0, 9]]}') });
  await page.waitForFunction(() => /class = 9 is outside/.test(document.querySelector('#fig-relu .hd-import-status').textContent));
  await frames(page);
  assert.equal(await pixelHash(page, 'relu'), before.px);
  assert.equal(page.url(), before.url);
  // A good CSV: four classes; the fifth point is a test point.
  await input.setInputFiles({ name: 'four.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y,class\n-0.5,0.5,0\n0.5,-0.5,1\n-0.5,-0.5,2\n0.5,0.5,3\n0.25,-0.25,0\n') });
  await page.waitForFunction(() => /Loaded 5 points from four\.csv/.test(document.querySelector('#fig-relu .hd-import-status').textContent));
  await page.waitForFunction(() => location.search.includes('nn.data=own') && location.search.includes('nn.pts=a-0.5_0.5b0.5_-0.5c-0.5_-0.5d0.5_0.5a0.25_-0.25'));
  await settleDone(page, 'relu');
  await page.waitForFunction(() => /Loaded 5 points from a file \(4 training, 1 test\)/.test(document.querySelector('#fig-relu .hd-caption')?.textContent ?? ''), null, { timeout: 10000 });
  const imported = await pixelHash(page, 'relu');
  assert.notEqual(imported, before.px);
  // The imported state is exactly the one its link loads.
  const again = await open(page.url());
  await settleDone(again.page, 'relu');
  assert.equal(await pixelHash(again.page, 'relu'), imported, 'same pixels from the link');
  assert.deepEqual(again.log.errors, []);
  await again.context.close();
  await page.locator(fig('relu')).screenshot({ path: path.join(SHOTS, 'share-import-relu.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('teacher links hide and lock controls, also against canvas keys, and survive a reload', async () => {
  const q = '?v=1&vol.d=12&vol.lock=d&sh.hide=eps&sh.lock=d,reset&h2.lock=nope';
  const { page, context, log } = await open(base + q + '#fig-volume');
  await settleDone(page, 'volume');
  const range = page.locator('#vol-d');
  assert.equal(await range.isDisabled(), true, 'locked slider is disabled');
  const described = await range.getAttribute('aria-describedby');
  assert.match(await page.locator('#' + described).textContent(), /Locked by this link/);
  assert.ok(await range.isVisible(), 'locked stays visible');
  // Keys and clicks on the canvas cannot move a locked value either.
  const px = await pixelHash(page, 'volume');
  await page.locator(`${fig('volume')} canvas`).focus();
  await page.keyboard.press('ArrowRight');
  const box = await page.locator(`${fig('volume')} canvas`).boundingBox();
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2);
  await frames(page);
  assert.equal(await pixelHash(page, 'volume'), px);
  assert.match(await caption(page, 'volume'), /^d = 12:/);
  // Hidden: not shown at all; locked reset button disabled.
  await settleDone(page, 'shell');
  assert.equal(await page.locator('#sh-eps').isVisible(), false);
  assert.equal(await page.locator('#sh-d').isDisabled(), true);
  assert.equal(await page.locator(`${fig('shell')} .hd-reset`).isDisabled(), true);
  // An unknown control in a lock list is named in a note.
  await settleDone(page, 'hull2d');
  assert.match(await page.locator(`${fig('hull2d')} .hd-notes`).textContent(), /'nope' is not a control/);
  // The lists stay in the URL and in a copied link.
  await page.waitForFunction(() => /vol\.lock=d/.test(location.search) && /sh\.hide=eps/.test(location.search));
  await page.locator(`${fig('shell')} .hd-share`).getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /sh\.hide=eps/);
  assert.match(link, /sh\.lock=d%2Creset/);
  await page.locator(fig('volume')).screenshot({ path: path.join(SHOTS, 'share-locked-volume.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('projector theme: larger drawing, toggle, never autoplays; unknown themes get a note', async () => {
  const plain = await open(base + '?sh.d=50#fig-shell');
  await settleDone(plain.page, 'shell');
  const plainPx = await pixelHash(plain.page, 'shell');
  const plainH = await plain.page.locator(`${fig('shell')} canvas`).evaluate((c) => c.height);
  await plain.context.close();
  const { page, context, log } = await open(base + '?sh.d=50&theme=projector#fig-shell');
  await settleDone(page, 'shell');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('hd-projector')), true);
  assert.equal(await page.locator('.hd-projector-toggle').getAttribute('aria-pressed'), 'true');
  assert.notEqual(await pixelHash(page, 'shell'), plainPx, 'drawn differently');
  const h = await page.locator(`${fig('shell')} canvas`).evaluate((c) => c.height);
  assert.ok(h !== plainH, `projector canvas height ${h} vs ${plainH}`);
  const fontPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(fontPx >= 20, `large type: ${fontPx}px`);
  await page.locator(fig('shell')).screenshot({ path: path.join(SHOTS, 'share-projector-shell.png') });
  // Nothing plays by itself: the ReLU figure's Play button is not running.
  await settleDone(page, 'relu');
  const steps1 = await caption(page, 'relu');
  await page.waitForTimeout(800);
  assert.equal(await caption(page, 'relu'), steps1);
  // The toggle switches back and the URL follows.
  await page.locator('.hd-projector-toggle').click();
  await page.waitForFunction(() => !location.search.includes('theme=projector'));
  await settleDone(page, 'shell');
  await frames(page);
  assert.equal(await pixelHash(page, 'shell'), plainPx, 'back to the plain picture');
  assert.deepEqual(log.errors, []);
  await context.close();
  const odd = await open(base + '?theme=neon');
  await odd.page.waitForSelector('.hd-theme-note');
  assert.match(await odd.page.locator('.hd-theme-note').textContent(), /theme 'neon' is not known/);
  await odd.context.close();
});

test('the link builder: a preset gives a link that opens with its state and locks', async () => {
  const { page, context, log } = await open(base + '#teacher');
  await page.locator('.hd-teacher-details summary').click();
  // Listed one figure per task; no long task while it builds.
  await page.waitForSelector('#hd-teacher[data-ready]');
  // (Each figure is described in its own task, 40 ms at most on a quiet machine; the bound
  // leaves room for a loaded CI machine, where a 40 ms task can take several times longer.)
  const long = await page.evaluate(() => window.__longTasks);
  report.builderLongTasks = long;
  assert.ok(long.every((d) => d < 200), `long tasks while building: ${long}`);
  await page.locator('#hd-teacher-preset').selectOption({ label: '2. Points in the corners' });
  await page.locator('#hd-teacher-projector').check();
  const link = await page.locator('#hd-teacher-link').inputValue();
  assert.match(link, /bc\.d=3/);
  assert.match(link, /bc\.lock=m%2Cseed/);
  assert.match(link, /theme=projector/);
  assert.match(link, /#fig-ballcube$/);
  // Every preset opens without a note (its keys and values are valid).
  const presets = await page.locator('#hd-teacher-preset option').count();
  for (let i = 1; i < presets; i++) {
    await page.locator('#hd-teacher-preset').selectOption({ index: i });
    const url = await page.locator('#hd-teacher-link').inputValue();
    const kind = url.split('#fig-')[1];
    const other = await open(url);
    await other.page.locator(fig(kind)).scrollIntoViewIfNeeded();
    await other.page.waitForFunction((k) => ['ready', 'done', 'busy'].includes(document.querySelector(`#fig-${k}`)?.dataset.state), kind);
    assert.equal(await other.page.locator(`${fig(kind)} .hd-notes`).isVisible(), false, `${url}: ${await other.page.locator(`${fig(kind)} .hd-notes`).textContent()}`);
    assert.ok(await other.page.locator(`${fig(kind)} .hd-is-locked`).count() >= 1 || !/lock=/.test(url), `${url}: locked controls shown`);
    assert.deepEqual(other.log.errors, []);
    await other.context.close();
  }
  await page.locator('#teacher').screenshot({ path: path.join(SHOTS, 'share-teacher.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('link previews: og and twitter meta on the article and every embed page; the PNGs decode', async () => {
  const { page, context } = await open(base);
  const meta = async (p) => p.evaluate(() => Object.fromEntries([...document.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]')]
    .map((m) => [m.getAttribute('property') || m.getAttribute('name'), m.getAttribute('content')])));
  const pages = [['', await meta(page)]];
  for (const k of KINDS) {
    await page.goto(`${base}embed/${k}.html`);
    pages.push([k, await meta(page)]);
  }
  const sizes = {};
  for (const [k, m] of pages) {
    for (const key of ['og:title', 'og:description', 'og:image', 'twitter:card']) assert.ok(m[key] && m[key].length > 3, `${k || 'article'} ${key}: ${m[key]}`);
    assert.equal(m['twitter:card'], 'summary_large_image');
    assert.ok(!m['og:description'].includes('<'), 'plain-text description');
    const img = new URL(m['og:image'], k ? `${base}embed/${k}.html` : base).href;
    const res = await page.request.get(img);
    assert.equal(res.status(), 200, img);
    const bytes = await res.body();
    assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], `${img} PNG signature`);
    const dims = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    assert.deepEqual(dims, [1200, 630], `${img} size`);
    const decoded = await page.evaluate(async (b64) => {
      const im = new Image();
      im.src = 'data:image/png;base64,' + b64;
      await im.decode();
      return [im.naturalWidth, im.naturalHeight];
    }, bytes.toString('base64'));
    assert.deepEqual(decoded, [1200, 630]);
    sizes[k || 'highdim'] = bytes.length;
  }
  report.previewBytes = sizes;
  await context.close();
});

test('the offline copy has the data table and CSV export too (modules inlined)', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  const network = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => { if (!/^(file|blob|data):/.test(r.url())) network.push(r.url()); });
  await page.goto('file://' + path.join(SITE, 'offline', 'hull2d.html'));
  await settleDone(page, 'hull2d');
  await page.locator(`${fig('hull2d')} .hd-data-toggle`).click();
  await page.locator(`${fig('hull2d')} .hd-data table tbody tr`).first().waitFor();
  const csv = await download(page, 'hull2d', 'CSV');
  assert.deepEqual(csvHeader(csv), ['point', 'x', 'y', 'inside the training hull']);
  assert.deepEqual({ errors, network }, { errors: [], network: [] });
  await context.close();
});

test('CSV and the data table without data say why instead of doing nothing', async () => {
  const { page, context, log } = await open(base + '?dc.dmax=64&dc.n=5000&dc.tests=2000');
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  // A figure whose table() is None (simulated on the instance: every figure has one now).
  await settleDone(page, 'volume');
  await page.evaluate(() => { const h = window.highdim.figures.get('volume').handle; h.table_csv = () => null; h.table_json = () => null; });
  await page.locator(`${fig('volume')} .hd-share`).getByRole('button', { name: 'CSV', exact: true }).click();
  assert.equal(await page.locator(`${fig('volume')} .hd-share-status`).textContent(), 'This figure has no data table to export.');
  await page.locator(`${fig('volume')} .hd-data-toggle`).click();
  assert.equal(await page.locator(`${fig('volume')} .hd-data`).textContent(), 'This figure has no data table to export.');
  // A long sweep: while it runs, and after Cancel, the reason is the job's state.
  const k = 'definitionscurve';
  await page.locator(fig(k)).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#fig-definitionscurve')?.dataset.state === 'busy', null, { timeout: 30000 });
  await page.evaluate(() => { const h = window.highdim.figures.get('definitionscurve').handle; h.table_csv = () => null; h.table_json = () => null; });
  const csv = page.locator(`${fig(k)} .hd-share`).getByRole('button', { name: 'CSV', exact: true });
  const status = page.locator(`${fig(k)} .hd-share-status`);
  await csv.click();
  assert.equal(await status.textContent(), 'No data yet: the figure is still computing.');
  await page.locator(fig(k)).getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => document.querySelector('#fig-definitionscurve')?.dataset.state === 'ready', null, { timeout: 5000 });
  await csv.click();
  assert.equal(await status.textContent(), 'No data yet: the computation was cancelled (Resume continues it).');
  await page.locator(`${fig(k)} .hd-data-toggle`).click();
  assert.match(await page.locator(`${fig(k)} .hd-data`).textContent(), /cancelled/);
  assert.equal(downloads, 0);
  report.noTableMessages = true;
  assert.deepEqual(log.errors, []);
  await context.close();
});
