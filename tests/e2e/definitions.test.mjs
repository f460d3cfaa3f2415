// End-to-end tests of the "What counts as interpolation?" figures (definitions2d,
// definitionscurve) in headless Chromium against the built site, as article.test.mjs does.
// Run after scripts/build.sh target/site:  node --test tests/e2e/definitions.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import * as helpers from './helpers.mjs';
import { start, clean, fig, settleDone, caption, pixels, SHOTS } from './helpers.mjs';

let server, browser, base;
const report = {};

before(async () => {
  ({ server, browser, base } = await start());
});

after(async () => {
  await browser?.close();
  server?.close();
  console.log('definitions e2e report ' + JSON.stringify(report));
});

const open = (url, opts) => helpers.open(browser, base, url, opts);
// Captions are throttled to one update per 250 ms.
const captionAfter = async (page, kind) => { await page.waitForTimeout(400); return caption(page, kind); };
const point = (cap) => {
  const m = cap.match(/^Test point \((-?\d+\.\d\d), (-?\d+\.\d\d)\)/);
  assert.ok(m, cap);
  return [Number(m[1]), Number(m[2])];
};

test('definitions2d: the regions draw, and dragging or the arrow keys move the test point and change the verdict', async () => {
  const { page, context, log } = await open(base + '#fig-definitions2d');
  await settleDone(page, 'definitions2d');
  const first = await caption(page, 'definitions2d');
  assert.match(first, /^Test point \(1\.90, -2\.30\): inside the box, the any-coordinate band and the ellipsoid, outside the hull and the ball/);
  assert.match(first, /30 Gaussian training points/);
  const canvas = page.locator(`${fig('definitions2d')} canvas`);
  assert.equal(await canvas.evaluate((c) => getComputedStyle(c).touchAction), 'none', 'a drag on the plot does not scroll');
  const help = await page.locator(fig('definitions2d')).textContent();
  assert.match(help, /arrow\s+keys move it/);
  // The plot square as the figure lays it out: legend on the right when wide, below when narrow.
  const cb = await canvas.boundingBox();
  const wide = cb.width >= 620;
  const side = wide ? Math.max(20, Math.min(cb.height - 46, cb.width - 24 - 250))
    : Math.max(20, Math.min(cb.height - 30 - 109 - 10, cb.width - 24));
  const x0 = cb.x + (wide ? Math.max(8, (cb.width - side - 250) / 2) : (cb.width - side) / 2);
  const y0 = cb.y + 30;
  const at = (x, y) => [x0 + (x / 4 + 1) / 2 * side, y0 + (1 - (y / 4 + 1) / 2) * side];
  const before = await pixels(page, 'definitions2d');
  // Drag the point from where it is to the middle of the sample.
  await page.mouse.move(...at(1.9, -2.3));
  await page.mouse.down();
  await page.mouse.move(...at(1.0, -1.0), { steps: 4 });
  await page.mouse.move(...at(0.0, 0.0), { steps: 4 });
  await page.mouse.up();
  const dragged = await captionAfter(page, 'definitions2d');
  const [dx, dy] = point(dragged);
  assert.ok(Math.abs(dx) < 0.05 && Math.abs(dy) < 0.05, dragged);
  assert.match(dragged, /inside every region, the hull included — interpolation under all 5 definitions/);
  assert.notEqual(await pixels(page, 'definitions2d'), before, 'the picture follows the drag');
  assert.equal(Number(await page.locator('#d2-x').inputValue()).toFixed(2), dx.toFixed(2), 'the x slider follows');
  // Keyboard: the arrow keys on the focused plot move it out of the hull, step by step.
  await canvas.focus();
  let cap = dragged;
  let steps = 0;
  while (/the hull included/.test(cap) && steps < 60) {
    await page.keyboard.press('ArrowDown');
    steps += 1;
    cap = await captionAfter(page, 'definitions2d');
  }
  cap = await captionAfter(page, 'definitions2d');
  const [kx, ky] = point(cap);
  assert.equal(kx.toFixed(2), dx.toFixed(2));
  assert.ok(ky < dy - 0.5, `moved down: ${cap}`);
  assert.match(cap, /outside the hull/, cap);
  report.keySteps = steps;
  // A degenerate sample draws and explains itself.
  await page.locator('#d2-dist').selectOption('line');
  const line = await captionAfter(page, 'definitions2d');
  assert.match(line, /lie on one line, so the hull and the ellipsoid are flat segments/);
  await page.locator(fig('definitions2d')).screenshot({ path: path.join(SHOTS, 'definitions2d-line.png') });
  await clean(page, log);
  await context.close();
});

test('definitionscurve: the default run finishes in the worker with the numbers in the caption; a long run shows partial results and cancels', async () => {
  const { page, context, log } = await open(base + '#fig-definitionscurve');
  // Time the job as the page sees it: from 'busy' to 'done'.
  await page.evaluate(() => {
    window.__dc = {};
    const el = document.querySelector('#fig-definitionscurve');
    const note = () => {
      const s = el.dataset.state;
      if (s === 'busy' && window.__dc.busy === undefined) window.__dc.busy = performance.now();
      if (s === 'done' && window.__dc.busy !== undefined && window.__dc.done === undefined) window.__dc.done = performance.now();
    };
    note();
    new MutationObserver(note).observe(el, { attributes: true, attributeFilter: ['data-state'] });
  });
  await settleDone(page, 'definitionscurve');
  const t = await page.evaluate(() => window.__dc);
  if (t.busy !== undefined && t.done !== undefined) report.defaultJobMs = Math.round(t.done - t.busy);
  const c = await caption(page, 'definitionscurve');
  report.defaultCaption = c;
  assert.match(c, /^Gaussian data; at each d one training set of N = 1,000 points, drawn once, and 200 fresh test points, the same for all five definitions\. d = 30, N = 1,000: hull \d+(\.\d)?%, box \d+%, any \d+%, ellipsoid \d+%, ball \d+%\./);
  // The box's exact value given the training set drawn (what its estimate targets) beside
  // its average over training sets, ((N − 1)/(N + 1))^d = 94.2% at d = 30, N = 1,000.
  assert.match(c, /Given this training set the box's exact value is \d+\.\d%, which its estimate targets; averaged over training sets it is \(\(N − 1\)\/\(N \+ 1\)\)\^d = 94\.2%\./);
  await page.locator(fig('definitionscurve')).screenshot({ path: path.join(SHOTS, 'definitionscurve-default.png') });
  await clean(page, log);
  await context.close();

  const long = await open(base + '?dc.dmax=64&dc.n=5000&dc.tests=2000#fig-definitionscurve');
  const lp = long.page;
  await lp.locator(fig('definitionscurve')).scrollIntoViewIfNeeded();
  await lp.waitForFunction(() => document.querySelector('#fig-definitionscurve')?.dataset.state === 'busy', null, { timeout: 20000 });
  await lp.waitForFunction(() => /computing, [1-9]\d* of 12 dimensions done/.test(document.querySelector('#fig-definitionscurve .hd-caption')?.textContent), null, { timeout: 60000 });
  const partial = await pixels(lp, 'definitionscurve');
  const p1 = Number(await lp.locator(`${fig('definitionscurve')} progress`).getAttribute('value') ?? await lp.locator(`${fig('definitionscurve')} progress`).evaluate((e) => e.value));
  assert.ok(p1 > 0 && p1 < 1, `progress ${p1}`);
  await lp.waitForFunction((before) => document.querySelector('#fig-definitionscurve .hd-caption')?.textContent !== before, await caption(lp, 'definitionscurve'), { timeout: 60000 });
  await lp.waitForTimeout(300);
  assert.notEqual(await pixels(lp, 'definitionscurve'), partial, 'partial results are drawn as they arrive');
  const frameMs = await lp.evaluate(() => new Promise((r) => { const t0 = performance.now(); requestAnimationFrame(() => r(performance.now() - t0)); }));
  assert.ok(frameMs < 100, `frame within ${frameMs} ms while computing`);
  const cancel = lp.locator(`${fig('definitionscurve')} .hd-cancel`);
  await cancel.click();
  assert.equal(await cancel.textContent(), 'Resume');
  assert.notEqual(await lp.locator(fig('definitionscurve')).getAttribute('data-state'), 'busy');
  await lp.locator('#dc-dmax').focus();
  await lp.keyboard.press('Home');
  await settleDone(lp, 'definitionscurve');
  assert.match(await caption(lp, 'definitionscurve'), /d = 2, N = 5,000: hull /);
  await clean(long.page, long.log);
  await long.context.close();
});
