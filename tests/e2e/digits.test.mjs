// End-to-end tests of the "Real images" section: the digits are fetched lazily (only when the
// section nears the viewport, never before the first figure is drawn), both figures compute
// and draw, a missing or corrupt data file becomes a clear message in the figure, and the
// benchmark of the full curve in wasm (1,000 test digits × every k up to 784).
// Run after scripts/build.sh target/site:  node --test tests/e2e/digits.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, repo, SITE, SHOTS } from './helpers.mjs';

let server, browser, base;
const report = {};

before(async () => {
  ({ server, browser, base } = await start());
});

after(async () => {
  await browser?.close();
  server?.close();
  console.log('digits e2e report ' + JSON.stringify(report));
});

async function open(url, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const log = { console: [], errors: [], data: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.console.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('request', (r) => { if (r.url().includes('/data/')) log.data.push({ url: r.url(), t: Date.now() }); });
  return { page, context, log };
}

const done = (page, kind, timeout) => page.waitForFunction(
  (k) => document.querySelector(`#fig-${k}`)?.dataset.state === 'done', kind, { timeout });

test('the digits are fetched only when their section nears the viewport, after the first figure is drawn', async () => {
  const { page, context, log } = await open(base + '#fig-volume');
  await page.goto(base + '#fig-volume');
  await page.waitForFunction(() => window.highdim && window.highdim.firstDrawMs !== null, null, { timeout: 30000 });
  // Let the page settle: figures near the top mount and compute; the digits must not load.
  await page.waitForTimeout(1500);
  assert.deepEqual(log.data, [], 'no data request before the section is reached');
  const firstDraw = await page.evaluate(() => window.highdim.firstDrawMs);
  const t = Date.now();
  await page.locator('#fig-digitscurve').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.highdim.assetLog.length > 0, null, { timeout: 30000 });
  assert.equal(log.data.length, 1, `one request for the digits: ${JSON.stringify(log.data)}`);
  assert.match(log.data[0].url, /\/data\/mnist5k\.bin\.gz$/);
  assert.ok(log.data[0].t >= t, 'requested after scrolling');
  const asset = await page.evaluate(() => window.highdim.assetLog[0]);
  report.firstDrawMs = Math.round(firstDraw);
  report.digitsBytes = asset.bytes;
  assert.ok(asset.bytes > 700000 && asset.bytes < 900000, `gzipped digits ${asset.bytes} bytes`);
  // The curve fills in with progress, then finishes; the caption computes the numbers.
  await done(page, 'digitscurve', 240000);
  const cap = await page.locator('#fig-digitscurve .hd-caption').textContent();
  assert.match(cap, /With 16 principal components, [\d.]+% of test digits lie inside the training hull; with 64, [\d.]+%/);
  report.curveCaption = cap;
  await page.locator('#fig-digitscurve').screenshot({ path: path.join(SHOTS, 'digitscurve-1280.png') });
  // The projection figure shares the one download.
  await page.locator('#fig-digitsproject').scrollIntoViewIfNeeded();
  await done(page, 'digitsproject', 120000);
  assert.equal(log.data.length, 1, 'the second figure reuses the file');
  assert.match(await page.locator('#fig-digitsproject .hd-caption').textContent(), /lies (outside|inside) the hull of the 4,000 training digits.*blend/);
  await page.locator('#fig-digitsproject').screenshot({ path: path.join(SHOTS, 'digitsproject-1280.png') });
  assert.deepEqual(log.console, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a missing or corrupt data file is a clear message in the figure', async () => {
  for (const [what, handler, pattern] of [
    ['missing', (route) => route.fulfill({ status: 404, body: 'not found' }), /digits could not be loaded.*missing.*404/],
    ['corrupt', async (route) => {
      if (route.request().url().endsWith('.gz')) return route.fulfill({ status: 404, body: '' });
      const bytes = fs.readFileSync(path.join(SITE, 'data/mnist5k.bin'));
      return route.fulfill({ status: 200, body: bytes.subarray(0, 100000), contentType: 'application/octet-stream' });
    }, /truncated or damaged/],
  ]) {
    const { page, context, log } = await open(base);
    await page.route('**/data/mnist5k.bin*', handler);
    await page.goto(base + '#fig-digitscurve');
    await page.locator('#fig-digitscurve').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => !document.querySelector('#fig-digitscurve .hd-error')?.hidden, null, { timeout: 30000 });
    const text = await page.locator('#fig-digitscurve .hd-error').textContent();
    assert.match(text, pattern, `${what}: ${text}`);
    // The live caption is throttled (250 ms): wait for it to say the same.
    await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('#fig-digitscurve .hd-caption').textContent), pattern.source, { timeout: 5000 });
    assert.deepEqual(log.errors, [], `${what}: no uncaught exception`);
    await page.locator('#fig-digitscurve').screenshot({ path: path.join(SHOTS, `digitscurve-${what}.png`) });
    await context.close();
  }
});

test('benchmark: the full curve in wasm, 1,000 test digits × every k up to 784', async () => {
  const { page, context } = await open(base);
  await page.goto(base + '?dg.kmax=784#fig-digitscurve');
  await page.locator('#fig-digitscurve').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#fig-digitscurve')?.dataset.state === 'busy', null, { timeout: 60000 });
  const t0 = Date.now();
  await done(page, 'digitscurve', 600000);
  report.fullCurveMs = Date.now() - t0;
  report.fullCurveCaption = await page.locator('#fig-digitscurve .hd-caption').textContent();
  assert.doesNotMatch(report.fullCurveCaption, /computing/);
  await context.close();
});
