// End-to-end tests of the ReLU figure's interactions (own points, hover, the extrapolation
// panel) and of its responsiveness while training, in headless Chromium against the built
// site. Run after scripts/build.sh target/site:  node --test tests/e2e/relu.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/server.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(repo, 'tools/package.json'));
const { chromium } = require('playwright-core');
const SITE = process.env.HIGHDIM_SITE || path.join(repo, 'target/site');
const SHOTS = path.join(repo, 'target/screenshots');

let server, browser, base;
const report = {};

before(async () => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `build the site first: ${SITE}`);
  server = await serve(SITE, 0);
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
  console.log('relu e2e report ' + JSON.stringify(report));
});

// The relu embed page (the figure alone), with errors and long main-thread tasks recorded.
async function open(query, { width = 1100, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const log = { console: [], errors: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.console.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => log.errors.push(e.message));
  await page.addInitScript(() => {
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    } catch (_) { /* longtask unsupported */ }
  });
  await page.goto(`${base}embed/relu.html?v=1&${query}`);
  await page.waitForFunction(() => ['ready', 'done'].includes(document.querySelector('#fig-relu')?.dataset.state), null, { timeout: 60000 });
  return { page, context, log };
}

function clean(log) {
  assert.deepEqual(log.console, [], 'console errors/warnings');
  assert.deepEqual(log.errors, [], 'page errors');
}

const caption = (page) => page.locator('#fig-relu .hd-caption').textContent();
async function frames(page, n = 3) {
  for (let i = 0; i < n; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}
// The caption is throttled (250 ms): wait until it contains `re`.
async function captionMatches(page, re, timeout = 5000) {
  await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('#fig-relu .hd-caption').textContent), re.source, { timeout });
  return caption(page);
}

// Plays training for `ms` and records every long task, the frame intervals and the steps done.
async function measurePlay(page, ms) {
  await page.evaluate(() => { window.__longTasks.length = 0; });
  const play = page.locator('#fig-relu .hd-actions button', { hasText: 'Play' });
  await play.click();
  const stats = await page.evaluate((ms) => new Promise((resolve) => {
    const gaps = [];
    let last = performance.now();
    const t0 = last;
    const frame = (now) => {
      gaps.push(now - last);
      last = now;
      if (now - t0 < ms) requestAnimationFrame(frame);
      else resolve(gaps);
    };
    requestAnimationFrame(frame);
  }), ms);
  const pause = page.locator('#fig-relu .hd-actions button', { hasText: 'Pause' });
  if (await pause.count()) await pause.click();
  await frames(page, 2);
  const steps = Number(((await caption(page)).match(/Step ([\d,]+)/) || [0, '0'])[1].replace(/,/g, ''));
  const longTasks = await page.evaluate(() => window.__longTasks.slice());
  stats.sort((a, b) => a - b);
  return {
    frames: stats.length,
    frameMedianMs: Math.round(stats[Math.floor(stats.length / 2)]),
    frameP95Ms: Math.round(stats[Math.floor(stats.length * 0.95)]),
    frameMaxMs: Math.round(stats[stats.length - 1]),
    longTasks: longTasks.length,
    longTaskMaxMs: Math.round(Math.max(0, ...longTasks)),
    steps,
    stepsPerSecond: Math.round(steps / (ms / 1000)),
  };
}

test('training stays responsive: no main-thread task over 50 ms, at 2-16-16-16 and 6 × 32', async () => {
  for (const [name, query] of [['2-16-16-16', 'nn.depth=3&nn.width=16&nn.data=spirals'], ['6x32', 'nn.depth=6&nn.width=32&nn.data=spirals']]) {
    const { page, context, log } = await open(query);
    const m = await measurePlay(page, 5000);
    report[name] = m;
    await page.screenshot({ path: path.join(SHOTS, `relu-play-${name}.png`) });
    clean(log);
    await context.close();
    if (!process.env.RELU_MEASURE_ONLY) {
      assert.ok(m.steps > 0, `${name}: training advanced`);
      assert.ok(m.longTaskMaxMs <= 50, `${name}: longest main-thread task ${m.longTaskMaxMs} ms (${JSON.stringify(m)})`);
    }
  }
});
