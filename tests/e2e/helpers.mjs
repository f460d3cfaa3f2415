// Shared set-up for the robustness end-to-end tests (keyboard, chaos, extremes, audits):
// a served site, one Chromium, and pages that record console errors, page errors, unhandled
// rejections, failed and foreign requests, and long main-thread tasks from the first script.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/server.mjs';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(repo, 'tools/package.json'));
const { chromium } = require('playwright-core');
export const SITE = process.env.HIGHDIM_SITE || path.join(repo, 'target/site');
export const SHOTS = path.join(repo, 'target/screenshots');
// Every figure of the article, in article order (tests/e2e/article.test.mjs uses the same list).
export const KINDS = ['volume', 'ballcube', 'shell', 'distances', 'hull2d', 'hullcurve', 'hullsubspace', 'definitions2d', 'definitionscurve', 'digitscurve', 'digitsproject', 'relu'];
export const axeSource = () => fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function start() {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `build the site first: ${SITE}`);
  const server = await serve(SITE, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  return { server, browser, base };
}

export async function open(browser, base, url, { width = 1280, height = 900, reducedMotion = 'no-preference' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const log = { console: [], errors: [], failed: [], foreign: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.console.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('requestfailed', (r) => { if (!r.url().startsWith('blob:')) log.failed.push(`${r.url()} ${r.failure()?.errorText}`); });
  page.on('response', (r) => { if (r.status() >= 400) log.failed.push(`${r.url()} ${r.status()}`); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin !== new URL(base).origin && !['data:', 'blob:'].includes(u.protocol)) log.foreign.push(r.url());
  });
  await page.addInitScript(() => {
    window.__longTasks = [];
    window.__rejections = [];
    window.addEventListener('unhandledrejection', (e) => window.__rejections.push(String(e.reason && (e.reason.stack || e.reason.message) || e.reason)));
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    } catch (_) { /* longtask unsupported */ }
  });
  await page.goto(url);
  return { page, context, log };
}

export async function clean(page, log) {
  assert.deepEqual(log.console, [], 'console errors/warnings');
  assert.deepEqual(log.errors, [], 'page errors');
  assert.deepEqual(await page.evaluate(() => window.__rejections), [], 'unhandled rejections');
  assert.deepEqual(log.failed, [], 'failed requests');
  assert.deepEqual(log.foreign, [], 'requests to other origins');
}

export const fig = (kind) => `#fig-${kind}`;
export async function settle(page, kind, timeout = 60000) {
  await page.locator(fig(kind)).scrollIntoViewIfNeeded();
  await page.waitForFunction((k) => ['done', 'ready'].includes(document.querySelector(`#fig-${k}`)?.dataset.state), kind, { timeout });
}
export async function settleDone(page, kind, timeout = 90000) {
  await page.locator(fig(kind)).scrollIntoViewIfNeeded();
  await page.waitForFunction((k) => document.querySelector(`#fig-${k}`)?.dataset.state === 'done', kind, { timeout });
}
export async function pixels(page, kind) {
  return page.evaluate((k) => document.querySelector(`#fig-${k} canvas`)?.toDataURL(), kind);
}
export async function caption(page, kind) {
  return page.locator(`${fig(kind)} .hd-caption`).textContent();
}
export async function frames(page, n = 2) {
  for (let i = 0; i < n; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}
export async function longTasks(page) {
  return page.evaluate(() => ({ count: window.__longTasks.length, max: Math.round(Math.max(0, ...window.__longTasks)) }));
}
export async function memory(page) {
  return page.evaluate(() => ({ page: window.highdim.memoryBytes(), worker: window.highdim.workerMemoryMax }));
}
export const mb = (b) => Math.round(b / 1048576 * 10) / 10;
// Click `button` and return the download it starts. When none comes, the error says what the
// figure showed (its share status and notes, its state, and what sits under the button), so a
// missing download is diagnosable from the CI log.
// Chromium drops a frame's download requests beyond 10 per second (a rate limit against abuse,
// chromium CL 1132485; no switch turns it off): a test that exports every format of every
// figure back to back lost every 11th file. No reader clicks that fast, so the clicks here are
// spaced at least 120 ms apart per page, which keeps any one-second window at 9 or fewer.
const lastDownload = new WeakMap();
export async function downloadBy(page, kind, button, what, timeout = 20000) {
  const gap = Date.now() - (lastDownload.get(page) ?? 0);
  if (gap < 120) await page.waitForTimeout(120 - gap);
  lastDownload.set(page, Date.now());
  const wait = page.waitForEvent('download', { timeout });
  await button.click();
  try {
    return await wait;
  } catch (e) {
    const info = await page.evaluate(([k, label]) => {
      const f = document.querySelector(`#fig-${k}`);
      const b = [...f.querySelectorAll('.hd-share button')].find((x) => x.textContent === label);
      const r = b?.getBoundingClientRect();
      const hit = r ? document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) : null;
      return JSON.stringify({
        state: f.dataset.state,
        status: f.querySelector('.hd-share-status')?.textContent,
        notes: f.querySelector('.hd-notes')?.textContent,
        hit: hit ? `${hit.tagName}.${hit.className}:${hit.textContent.slice(0, 30)}` : null,
      });
    }, [kind, what]).catch((err) => String(err));
    throw new Error(`${kind}: no ${what} download within ${timeout} ms of the click; figure: ${info}`);
  }
}
// The bounding box of `locator` once the layout has stopped moving: the same on two reads a
// few frames apart. A finished worker job hides its progress row and a throttled caption
// changes length, and either moves the controls below it; a click aimed at a box measured
// just before that lands beside its target.
export async function stableBox(page, locator, timeout = 5000) {
  let box = await locator.boundingBox();
  for (const end = Date.now() + timeout; Date.now() < end;) {
    await page.waitForTimeout(100);
    await frames(page);
    const next = await locator.boundingBox();
    if (next && box && ['x', 'y', 'width', 'height'].every((k) => Math.abs(next[k] - box[k]) < 0.5)) return next;
    box = next;
  }
  throw new Error(`layout still moving after ${timeout} ms`);
}
