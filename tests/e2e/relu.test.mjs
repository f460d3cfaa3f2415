// End-to-end tests of the ReLU figure's interactions (own points, hover, the extrapolation
// panel) and of its responsiveness while training, in headless Chromium against the built
// site. Run after scripts/build.sh target/site:  node --test tests/e2e/relu.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
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

// Plays training for `ms` and records every long task, the frame intervals, the time spent
// in the figure's own calls per frame (tick, draw, job) and the steps done.
async function measurePlay(page, ms) {
  await page.evaluate(() => {
    window.__longTasks.length = 0;
    const h = window.highdim.figures.get('relu').handle;
    window.__calls = {};
    for (const name of ['tick', 'draw', 'job']) {
      const orig = h[name].bind(h);
      h[name] = (...a) => { const t = performance.now(); try { return orig(...a); } finally { (window.__calls[name] ||= []).push(performance.now() - t); } };
    }
  });
  const play = page.locator('#fig-relu .hd-actions button', { hasText: 'Play' });
  await play.click();
  const gaps = await page.evaluate((ms) => new Promise((resolve) => {
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
  const during = await caption(page);
  const longTasks = await page.evaluate(() => window.__longTasks.slice());
  const calls = await page.evaluate(() => window.__calls);
  const pause = page.locator('#fig-relu .hd-actions button', { hasText: 'Pause' });
  if (await pause.count()) await pause.click();
  await frames(page, 2);
  const steps = Number(((await caption(page)).match(/Step ([\d,]+)/) || [0, '0'])[1].replace(/,/g, ''));
  gaps.sort((a, b) => a - b);
  const median = (v) => { const w = [...(v || [0])].sort((a, b) => a - b); return Math.round(w[Math.floor(w.length / 2)] * 10) / 10; };
  const max = (v) => Math.round(Math.max(0, ...(v || [0])));
  return {
    frames: gaps.length,
    frameMedianMs: Math.round(gaps[Math.floor(gaps.length / 2)]),
    frameP95Ms: Math.round(gaps[Math.floor(gaps.length * 0.95)]),
    frameP99Ms: Math.round(gaps[Math.floor(gaps.length * 0.99)]),
    frameMaxMs: Math.round(gaps[gaps.length - 1]),
    longTasks: longTasks.length,
    longTaskMaxMs: max(longTasks),
    tickMedianMs: median(calls.tick),
    drawMedianMs: median(calls.draw),
    jobMedianMs: median(calls.job),
    tickMaxMs: max(calls.tick),
    drawMaxMs: max(calls.draw),
    steps,
    stepsPerSecond: Math.round(steps / (ms / 1000)),
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    during,
  };
}

// Long tasks are wall-clock: on a machine whose other processes keep every core busy they
// measure the contention, not the page. The hard 50 ms bound is asserted when the load
// average is below the core count; otherwise the numbers are reported and the per-frame work
// of the figure itself (medians of tick and draw) is bounded instead.
test('training stays responsive: no main-thread task over 50 ms, at 2-16-16-16 and 6 × 32', async (t) => {
  for (const [name, query] of [['2-16-16-16', 'nn.depth=3&nn.width=16&nn.data=spirals'], ['6x32', 'nn.depth=6&nn.width=32&nn.data=spirals']]) {
    const { page, context, log } = await open(query);
    const m = await measurePlay(page, 5000);
    report[name] = { ...m, during: undefined };
    await page.screenshot({ path: path.join(SHOTS, `relu-play-${name}.png`) });
    clean(log);
    await context.close();
    if (process.env.RELU_MEASURE_ONLY) continue;
    assert.ok(m.steps > 0, `${name}: training advanced`);
    if (name === '6x32') {
      // The worker path: the full partition is counted and rasterised off the main thread,
      // and the picture says how far behind the training it is.
      assert.match(m.during, /counted in the background/, m.during);
      assert.match(m.during, /that exact partition at step [\d,]+, computed by the background worker/, m.during);
      assert.match(m.during, /now [\d,]+ steps? behind the training/, m.during);
    }
    assert.ok(m.tickMedianMs + m.drawMedianMs + m.jobMedianMs < 50, `${name}: the figure's own work per frame ${JSON.stringify(m)}`);
    if (os.loadavg()[0] < os.cpus().length) {
      // At 6 × 32 too: the worker partitions and rasterises the whole network, and a frame
      // only trains a few steps and blits the latest picture. Measured on a 2-core machine
      // shared with other jobs (load average 4.6–6.8, so only reported there): figure tick
      // median 1 ms, draw median 3–5 ms; of six 5-second runs, three had 0–3 tasks over
      // 50 ms (max 57–69 ms), two 11 (max 193 and 421 ms, with the draw that usually takes
      // 3–5 ms measured at up to 406 ms: the process descheduled), one none.
      assert.ok(m.longTaskMaxMs <= 50, `${name}: longest main-thread task ${m.longTaskMaxMs} ms (${JSON.stringify(m)})`);
    } else {
      t.diagnostic(`${name}: load average ${m.loadAverage} on ${os.cpus().length} cores; long tasks reported, not asserted: ${m.longTasks}, max ${m.longTaskMaxMs} ms`);
    }
  }
});

// CSS position on the canvas of world point (x, y), as the figure lays out its square
// (SquareLayout::new in src/figures/relu/draw.rs, side-by-side layout).
async function at(page, x, y) {
  const box = await page.locator('#fig-relu canvas').boundingBox();
  const pw = Math.floor(box.width * 0.56);
  const side = Math.floor(Math.max(10, Math.min(box.height - 30 - 44, pw - 16)));
  const x0 = Math.floor((pw - side) / 2);
  const y0 = 30;
  return [box.x + x0 + (x + 1.2) / 2.4 * side, box.y + y0 + (1.2 - y) / 2.4 * side];
}

test('own points: added by click and by keyboard, removed, cleared, kept in the link', async () => {
  const { page, context, log } = await open('nn.data=own&nn.depth=2&nn.width=8');
  assert.match(await caption(page), /No points yet/);
  const before = await page.evaluate(() => document.querySelector('#fig-relu canvas').toDataURL());
  // Two clicks of class A, then class B chosen with the native select, two more.
  for (const [x, y] of [[0.5, 0.5], [-0.5, -0.5]]) await page.mouse.click(...(await at(page, x, y)));
  await page.selectOption('#nn-cls', 'b');
  for (const [x, y] of [[-0.5, 0.5], [0.5, -0.5]]) await page.mouse.click(...(await at(page, x, y)));
  await captionMatches(page, /Added a training point of class B \(triangles\) at \(0\.5\d?, -0\.5\d?\); 4 points now/);
  await page.waitForFunction(() => /nn\.pts=a0\.5\d?_0\.5\d?a-0\.5\d?_-0\.5\d?b-0\.5\d?_0\.5\d?b0\.5\d?_-0\.5\d?(&|$)/.test(location.search), null, { timeout: 3000 });
  assert.notEqual(await page.evaluate(() => document.querySelector('#fig-relu canvas').toDataURL()), before);
  // Keyboard: focus the canvas, move the cross, press Enter; class C with the 3 key.
  await page.locator('#fig-relu canvas').focus();
  await page.keyboard.press('3');
  // Escape first: the cross starts where the last click was.
  for (const k of ['Escape', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'Enter']) await page.keyboard.press(k);
  await captionMatches(page, /Added a test point of class C \(squares\) at \(0, 0\.2\); 5 points now/);
  // Delete removes the point nearest the cross.
  await page.keyboard.press('Delete');
  await captionMatches(page, /Removed the class C \(squares\) point at \(0, 0\.2\); 4 points left/);
  // Clicking on a point removes it.
  await page.mouse.click(...(await at(page, 0.5, 0.5)));
  await captionMatches(page, /Removed the class A \(discs\) point at \(0\.5\d?, 0\.5\d?\); 3 points left/);
  // Training works on the reader's points.
  await page.locator('#fig-relu .hd-actions button', { hasText: 'Step' }).click();
  // The caption describes the region under the pointer or the cross until both are gone.
  await page.mouse.move(2, 2);
  await page.locator('#fig-relu canvas').focus();
  await page.keyboard.press('Escape');
  await captionMatches(page, /Step 25/);
  await page.screenshot({ path: path.join(SHOTS, 'relu-own-points.png') });
  // The link reproduces the points.
  const url = page.url();
  const again = await context.newPage();
  await again.goto(url);
  await again.waitForFunction(() => ['ready', 'done'].includes(document.querySelector('#fig-relu')?.dataset.state), null, { timeout: 60000 });
  assert.equal(await again.locator('#fig-relu .hd-notes').isHidden(), true);
  assert.match(await again.locator('#fig-relu .hd-controls').textContent(), /Clear points/);
  // Clear all.
  await page.locator('#fig-relu .hd-actions button', { hasText: 'Clear points' }).click();
  await captionMatches(page, /Cleared all 3 points/);
  await page.waitForFunction(() => !/nn\.pts/.test(location.search), null, { timeout: 3000 });
  // A hand-edited link: a note, never a broken figure.
  const bad = await context.newPage();
  await bad.goto(`${base}embed/relu.html?v=1&nn.data=own&nn.pts=a0.1_0.2~zz~b9_9`);
  await bad.waitForFunction(() => ['ready', 'done'].includes(document.querySelector('#fig-relu')?.dataset.state), null, { timeout: 60000 });
  assert.match(await bad.locator('#fig-relu .hd-notes').textContent(), /1 point could not be read.*1 point outside the square/);
  clean(log);
  await context.close();
});

test('hovering a region describes it in the caption; leaving restores the summary', async () => {
  const { page, context, log } = await open('nn.depth=2&nn.width=8');
  const start = await caption(page);
  assert.match(start, /^Untrained/);
  await page.mouse.move(...(await at(page, 0.3, 0.4)));
  const c = await captionMatches(page, /^Hovered region/);
  assert.match(c, /activation pattern .* logit z = .*Area/);
  const hovered = await page.evaluate(() => document.querySelector('#fig-relu canvas').toDataURL());
  await page.mouse.move(...(await at(page, -1.0, -1.0)));
  await page.waitForFunction((prev) => document.querySelector('#fig-relu .hd-caption').textContent !== prev, c, { timeout: 5000 });
  assert.match(await caption(page), /^Hovered region/);
  // Leaving the canvas.
  await page.mouse.move(2, 2);
  await captionMatches(page, /^Untrained/);
  assert.notEqual(hovered, await page.evaluate(() => document.querySelector('#fig-relu canvas').toDataURL()));
  // A tap (touch) still selects.
  clean(log);
  await context.close();
  const touch = await browser.newContext({ viewport: { width: 1100, height: 900 }, hasTouch: true });
  const tp = await touch.newPage();
  await tp.goto(`${base}embed/relu.html?v=1&nn.depth=2&nn.width=8`);
  await tp.waitForFunction(() => ['ready', 'done'].includes(document.querySelector('#fig-relu')?.dataset.state), null, { timeout: 60000 });
  await tp.touchscreen.tap(...(await at(tp, 0.3, 0.4)));
  await captionMatches(tp, /^Selected region/);
  await touch.close();
});

test('the extrapolation panel: test accuracy inside and outside the training hull', async () => {
  const { page, context, log } = await open('nn.depth=2&nn.width=8&nn.data=circles');
  await page.locator('#fig-relu .hd-actions button', { hasText: 'Step' }).click();
  const c = await captionMatches(page, /Of the 60 test points, inside the convex hull of the training points: \d+/);
  const m = c.match(/inside the convex hull of the training points: (\d+) .*outside it: (\d+)/);
  assert.ok(m, c);
  assert.equal(Number(m[1]) + Number(m[2]), 60);
  report.extrapolation = c.match(/Of the 60 test points[^.]*\./)[0];
  clean(log);
  await context.close();
});

// Every interaction with a big network (6 × 32, 19,000–30,000 regions), not only Play: pause
// after play, Step ×25, a slider, and Play under reduced motion. Each must leave the main
// thread within 50 ms per task; the full partition is counted in the worker, and the caption
// then gives its exact count. Long tasks are taken from the PerformanceObserver (with their
// start times, so only those after the interaction count) and the figure's own calls are
// timed (action, set_position, draw, accept) to separate the page's work from machine load.
async function instrument(page) {
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
    const h = window.highdim.figures.get('relu').handle;
    window.__calls = [];
    for (const name of ['action', 'set_position', 'draw', 'accept', 'tick', 'job']) {
      const orig = h[name].bind(h);
      h[name] = (...a) => { const t = performance.now(); try { return orig(...a); } finally { window.__calls.push([t, name, performance.now() - t]); } };
    }
  });
}

// Runs `act`, waits until the figure is done (worker answered, picture drawn), and returns
// the longest task and longest figure call that started after the interaction began.
// The interaction starts when its click or key reaches the page (capture phase), not when
// the test asks for it: Playwright waits for the button to be stable first, and Play's frames
// in that wait are Play's, measured by the first test.
async function measureInteraction(page, act) {
  const asked = await page.evaluate(() => {
    window.__t0 = null;
    if (!window.__t0Listening) {
      window.__t0Listening = true;
      for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, () => { window.__t0 ??= performance.now(); }, true);
    }
    return performance.now();
  });
  await act();
  const t0 = await page.evaluate((asked) => window.__t0 ?? asked, asked);
  const waited = await page.evaluate(() => performance.now());
  // Done: nothing in the worker, and no training going on (reduced-motion Play trains a big
  // network over several frames).
  await page.waitForFunction(() => document.querySelector('#fig-relu')?.dataset.state === 'done'
    && ![...document.querySelectorAll('#fig-relu .hd-actions button')].some((b) => b.textContent === 'Pause'), null, { timeout: 60000 });
  await frames(page, 3);
  const t1 = await page.evaluate(() => performance.now());
  await page.waitForTimeout(300); // the caption is throttled (250 ms)
  const { tasks, calls } = await page.evaluate((t0) => ({
    tasks: window.__tasks.filter(([s]) => s >= t0 - 1).map(([, d]) => d),
    calls: window.__calls.filter(([s]) => s >= t0 - 1),
  }), t0);
  const longest = calls.reduce((m, c) => (c[2] > m[1] ? [c[1], c[2]] : m), ['none', 0]);
  const handler = calls.filter((c) => c[1] === 'action' || c[1] === 'set_position').map((c) => c[2]);
  const draws = calls.filter((c) => c[1] === 'draw').map((c) => c[2]).sort((a, b) => a - b);
  return {
    handlerMs: Math.round(Math.max(0, ...handler)),
    drawMedianMs: Math.round(draws.length ? draws[Math.floor(draws.length / 2)] : 0),
    longTasks: tasks.length,
    longTaskMaxMs: Math.round(Math.max(0, ...tasks)),
    longestCall: `${longest[0]} ${Math.round(longest[1])} ms`,
    longestCallMs: Math.round(longest[1]),
    clickMs: Math.round(waited - t0),
    untilDoneMs: Math.round(t1 - t0),
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

test('6 × 32: pause, Step ×25, a slider and reduced-motion Play keep main-thread tasks short', async (t) => {
  const query = 'nn.depth=6&nn.width=32&nn.data=spirals';
  const results = {};
  const button = (page, name) => page.locator('#fig-relu .hd-actions button', { hasText: name });
  {
    const { page, context, log } = await open(query);
    await page.waitForFunction(() => document.querySelector('#fig-relu')?.dataset.state === 'done', null, { timeout: 60000 });
    await instrument(page);
    await button(page, 'Play').click();
    await page.waitForTimeout(3000);
    results.pause = await measureInteraction(page, () => button(page, 'Pause').click());
    results.pause.caption = await caption(page);
    results.step = await measureInteraction(page, () => button(page, 'Step').click());
    results.step.caption = await caption(page);
    // The learning rate keeps the trained weights (tens of thousands of regions); the noise
    // makes new data and a fresh network.
    await page.locator('#nn-lr').focus();
    results.sliderLearningRate = await measureInteraction(page, () => page.keyboard.press('ArrowRight'));
    results.sliderLearningRate.caption = await caption(page);
    await page.locator('#nn-noise').focus();
    results.sliderNoise = await measureInteraction(page, () => page.keyboard.press('ArrowRight'));
    results.sliderNoise.caption = await caption(page);
    await page.screenshot({ path: path.join(SHOTS, 'relu-6x32-paused.png') });
    clean(log);
    await context.close();
  }
  {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${base}embed/relu.html?v=1&${query}`);
    await page.waitForFunction(() => document.querySelector('#fig-relu')?.dataset.state === 'done', null, { timeout: 60000 });
    await instrument(page);
    results.reducedMotion = await measureInteraction(page, () => button(page, 'Play').click());
    results.reducedMotion.caption = await caption(page);
    await context.close();
  }
  report.interactions6x32 = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, caption: undefined }]));
  if (process.env.RELU_MEASURE_ONLY) return;
  for (const [name, m] of Object.entries(results)) {
    // The full partition was counted in the worker, and the caption names its exact count.
    assert.match(m.caption, /linear regions \([\d,]+ after layer 1, .*counted in the background/, `${name}: ${m.caption}`);
    assert.doesNotMatch(m.caption, /Recounting/, `${name}: ${m.caption}`);
    // The interaction's own call (action or set_position) stays well below the 90–430 ms it
    // took to partition the whole network in place, and the typical redraw is short, even on
    // a loaded machine (wall-clock, so not 50 ms there).
    assert.ok(m.handlerMs <= 150, `${name}: the interaction's call took ${m.handlerMs} ms (${JSON.stringify(m)})`);
    assert.ok(m.drawMedianMs <= 50, `${name}: median redraw ${m.drawMedianMs} ms (${JSON.stringify(m)})`);
    if (os.loadavg()[0] < os.cpus().length) {
      assert.ok(m.longestCallMs <= 50, `${name}: longest figure call ${m.longestCall} (${JSON.stringify(m)})`);
      assert.ok(m.longTaskMaxMs <= 50, `${name}: longest main-thread task ${m.longTaskMaxMs} ms (${JSON.stringify(m)})`);
    } else {
      t.diagnostic(`${name}: load average ${m.loadAverage} on ${os.cpus().length} cores; long tasks reported, not asserted: ${m.longTasks}, max ${m.longTaskMaxMs} ms`);
    }
  }
  assert.match(results.step.caption, /At step [\d,]+ the network/);
});

// The worker path with its picture (6 × 32, tens of thousands of regions): the worker sends the
// exact partition rasterised at the square's size, the page draws it (every layer on the
// slider, from the same picture), and the caption says where it comes from. The worker's
// time for the partition and raster is measured from the job's start to its last message.
test('6 × 32: the worker\'s picture of the whole partition, every layer, selectable', async () => {
  const { page, context, log } = await open('nn.depth=6&nn.width=32&nn.data=spirals');
  let c = await captionMatches(page, /computed by the background worker and drawn as \d+ × \d+ pixels/, 60000);
  const regions = Number(c.match(/cut the window into ([\d,]+) linear regions/)[1].replace(/,/g, ''));
  const perLayer = c.match(/linear regions \(([^)]*)\)/)[1].split(', ').map((t) => Number(t.split(' ')[0].replace(/,/g, '')));
  assert.ok(regions > 2500, c);
  assert.equal(perLayer.length, 6, c);
  assert.equal(perLayer[5], regions, c);
  await page.waitForFunction(() => document.querySelector('#fig-relu')?.dataset.state === 'done', null, { timeout: 60000 });
  await frames(page, 2);
  await page.screenshot({ path: path.join(SHOTS, 'relu-6x32-picture.png') });
  // The picture covers the square: many distinct colours there (tints and cuts), not a blank.
  const colours = async () => page.evaluate(() => {
    const cv = document.querySelector('#fig-relu canvas');
    const w = Math.floor(cv.width * 0.56);
    const side = Math.floor(Math.min(cv.height - 74, w - 16));
    const x0 = Math.floor((w - side) / 2);
    // Read from a copy, so the figure's canvas is not read back (Chromium warns about that).
    const copy = document.createElement('canvas');
    copy.width = side - 4; copy.height = side - 4;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(cv, x0 + 2, 32, side - 4, side - 4, 0, 0, side - 4, side - 4);
    const d = ctx.getImageData(0, 0, side - 4, side - 4).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });
  const full = await colours();
  assert.ok(full > 20, `distinct colours in the square: ${full}`);

  // The worker's time for a new snapshot (Step ×25): partition + raster, from start to done.
  await page.evaluate(() => {
    const f = window.highdim.figures.get('relu');
    window.__jobMs = [];
    const start = f.startJob.bind(f);
    window.__starts = 0;
    f.startJob = (spec) => { window.__starts += 1; window.__jobT0 = performance.now(); return start(spec); };
    const on = f.onJobMessage.bind(f);
    f.onJobMessage = (m) => { if (m.done && m.id === f.jobId) window.__jobMs.push(performance.now() - window.__jobT0); return on(m); };
  });
  await page.locator('#fig-relu .hd-actions button', { hasText: 'Step' }).click();
  c = await captionMatches(page, /that exact partition at step 25,/, 60000);
  const jobMs = await page.evaluate(() => window.__jobMs.slice());
  report.picture6x32 = { regions: Number(c.match(/cut the window into ([\d,]+) linear regions/)[1].replace(/,/g, '')), workerMs: jobMs.map(Math.round) };

  // The layer slider: layer 2's cells from the same picture, with no new job.
  const slider = page.locator('#nn-layer');
  const starts = await page.evaluate(() => window.__starts);
  await slider.fill('2');
  c = await captionMatches(page, /Shown: the partition after the first 2 of 6 layers \([\d,]+ regions\)/);
  assert.match(c, /computed by the background worker/, c);
  await frames(page, 2);
  const two = await colours();
  assert.notEqual(two, full, 'the picture changed with the layer');
  await page.screenshot({ path: path.join(SHOTS, 'relu-6x32-picture-layer2.png') });
  assert.equal(await page.evaluate(() => window.__starts), starts, 'no new job for a layer change');

  // Keyboard selection: the exact region of the picture's weights, described in full.
  await page.locator('#fig-relu canvas').focus();
  await page.keyboard.press('n');
  c = await captionMatches(page, /^Selected region .* after layer 2 of 6 at step 25 \(the worker's picture\)/);
  assert.match(c, /remaining layers cut this cell into [\d,]+ final regions\. Area /, c);
  await slider.fill('6');
  await page.locator('#fig-relu canvas').focus();
  await page.keyboard.press('ArrowRight');
  c = await captionMatches(page, /^Selected region .* after layer 6 of 6 at step 25/);
  assert.match(c, /On it the network is one affine map: logit z = .*\. Area [\d.]+/, c);
  await page.screenshot({ path: path.join(SHOTS, 'relu-6x32-picture-selected.png') });
  clean(log);
  await context.close();
});

// The CSV export of own points (class letters, a `point` column) loads back through the
// page's import control as the same points: the link's point list is the same.
test('own points: the CSV export loads back through the import control as the same points', async () => {
  const pts = 'a0.5_0.5b-0.5_0.25c0.12_-0.9d-1.2_1.2a0.3_0.3b0.01_-0.01';
  const { page, context, log } = await open(`nn.data=own&nn.depth=2&nn.width=8&nn.pts=${pts}`);
  const csv = await page.evaluate(() => window.highdim.figures.get('relu').handle.table_csv());
  assert.match(csv, /^point,x,y,class\r?\ntraining,0\.5,0\.5,A/, csv);
  // Start from another data set, then load the file.
  await page.locator('#nn-data').selectOption('xor');
  await page.waitForFunction(() => !/nn\.pts/.test(location.search), null, { timeout: 3000 });
  await page.locator('#fig-relu input[type=file]').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /Loaded 6 points from export\.csv/.test(document.querySelector('#fig-relu .hd-import-status').textContent));
  await page.waitForFunction((p) => new URLSearchParams(location.search).get('nn.pts') === p, pts, { timeout: 3000 });
  assert.equal(await page.evaluate(() => window.highdim.figures.get('relu').handle.table_csv()), csv, 'the same table after the round trip');
  // A class that is neither 0–3 nor A–D is refused with what is accepted.
  await page.locator('#fig-relu input[type=file]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y,class\n0.5,0.5,red\n') });
  await page.waitForFunction(() => /class is 'red', not a whole number 0…3 or a letter A–D/.test(document.querySelector('#fig-relu .hd-import-status').textContent));
  clean(log);
  await context.close();
});
