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
