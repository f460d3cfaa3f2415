// Chaos end-to-end run: hundreds of seeded random interactions across the whole article —
// slider jumps, rapid drags, viewport resizes, hidden tabs, repeated start / cancel / resume
// of worker computations, actions and keys, and the ReLU training played at the largest
// network — with zero console errors and zero unhandled rejections, no main-thread task over
// 200 ms (PerformanceObserver longtask), and the wasm memory high-water marks of the page and
// the workers measured. Seeded (HIGHDIM_CHAOS_SEED), so a failure replays exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, clean, fig, settle, KINDS, longTasks, memory, mb } from './helpers.mjs';

const SEED = Number(process.env.HIGHDIM_CHAOS_SEED || 20261127);
const STEPS = Number(process.env.HIGHDIM_CHAOS_STEPS || 300);
let server, browser, base;
const report = {};

before(async () => ({ server, browser, base } = await start()));
after(async () => {
  await browser?.close();
  server?.close();
  console.log('chaos report ' + JSON.stringify(report));
});

// mulberry32: a tiny seeded generator, so the run is the same every time.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function hideTab(page, hidden) {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { value: h, configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('hundreds of random interactions: no error, no long task, bounded memory', async () => {
  const t0 = Date.now();
  const rand = rng(SEED);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const { page, context, log } = await open(browser, base, base);
  for (const k of KINDS) await settle(page, k);
  // Time every call into a figure's wasm handle, per figure kind, to say who a long task was.
  // Each wasm bundle has its own FigureHandle class: wrap every distinct prototype once.
  const wrapped = await page.evaluate(() => {
    window.__calls = {};
    const protos = new Set([...window.highdim.figures.values()].map((f) => f.handle && Object.getPrototypeOf(f.handle)).filter(Boolean));
    for (const proto of protos) {
      const kindOf = proto.kind;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const f = proto[name];
        if (typeof f !== 'function' || name === 'constructor') continue;
        proto[name] = function (...args) {
          const t = performance.now();
          try { return f.apply(this, args); } finally {
            const d = performance.now() - t;
            const k = kindOf.call(this);
            const c = window.__calls[k] || (window.__calls[k] = { max: 0, what: '', over50: 0 });
            if (d > 50) c.over50 += 1;
            if (d > c.max) { c.max = Math.round(d); c.what = name; }
          }
        };
      }
    }
    return protos.size;
  });
  // One handle class per bundle: curse, hull, digits, relu.
  assert.equal(wrapped, 4, 'every bundle\'s handle calls are timed');
  const counts = {};
  const did = (what) => { counts[what] = (counts[what] || 0) + 1; };

  // The ReLU playground at its largest network, training played while the rest goes on.
  await page.locator(fig('relu')).scrollIntoViewIfNeeded();
  for (const id of ['nn-depth', 'nn-width']) {
    await page.locator('#' + id).focus();
    await page.keyboard.press('End');
  }
  await settle(page, 'relu');
  await page.locator(`${fig('relu')} button`, { hasText: 'Play' }).click();
  did('relu play at 6 × 32');
  await page.waitForTimeout(1500);

  const widths = [320, 390, 800, 1280];
  for (let step = 0; step < STEPS; step++) {
    const k = pick(KINDS);
    const root = page.locator(fig(k));
    if (rand() < 0.3) await root.scrollIntoViewIfNeeded();
    const r = rand();
    if (r < 0.25) {
      // Slider jump: a click anywhere along a range input.
      const n = await root.locator('input[type=range]:not([disabled])').count();
      if (!n) continue;
      const i = Math.floor(rand() * n);
      await root.locator('input[type=range]:not([disabled])').nth(i).evaluate((e, u) => {
        const min = Number(e.min), max = Number(e.max), step = Number(e.step) || 1;
        e.value = String(min + Math.round((u * (max - min)) / step) * step);
        e.dispatchEvent(new Event('input', { bubbles: true }));
      }, rand());
      did('slider jump');
    } else if (r < 0.4) {
      // Rapid drag across the canvas.
      await root.scrollIntoViewIfNeeded();
      const box = await root.locator('canvas').boundingBox();
      if (!box) continue;
      const at = () => [box.x + rand() * box.width, box.y + rand() * box.height];
      const [x, y] = at();
      await page.mouse.move(x, y);
      await page.mouse.down();
      for (let j = 0; j < 6; j++) { const [a, b] = at(); await page.mouse.move(a, b, { steps: 2 }); }
      await page.mouse.up();
      did('rapid drag');
    } else if (r < 0.5) {
      // Start / cancel / resume the running computation, several times quickly.
      // (Clicked in the page: the row hides itself the moment a job finishes.)
      for (let j = 0; j < 3; j++) {
        const clicked = await root.locator('.hd-cancel').evaluate((b) => { if (b.closest('[hidden]')) return false; b.click(); return true; });
        if (clicked) did('cancel/resume');
      }
    } else if (r < 0.6) {
      const n = await root.locator('select:enabled').count();
      if (!n) continue;
      const s = root.locator('select:enabled').nth(Math.floor(rand() * n));
      const options = await s.locator('option').count();
      // A select may be disabled meanwhile by the state another step reached: skip it then.
      if (!(await s.selectOption({ index: Math.floor(rand() * options) }, { timeout: 3000 }).then(() => true, () => false))) continue;
      did('select');
    } else if (r < 0.7) {
      // An action button: new seed, scan, play/pause, step, add/delete point, reset.
      const buttons = root.locator('.hd-controls button:not([disabled])');
      const n = await buttons.count();
      if (!n) continue;
      await buttons.nth(Math.floor(rand() * n)).click();
      did('button');
    } else if (r < 0.8) {
      await root.locator('canvas').focus();
      for (let j = 0; j < 4; j++) await page.keyboard.press(pick(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', 'Escape', 'n', 'Delete']));
      did('keys');
    } else if (r < 0.88) {
      await page.setViewportSize({ width: pick(widths), height: pick([600, 900]) });
      did('resize');
    } else if (r < 0.95) {
      await hideTab(page, true);
      await page.waitForTimeout(Math.floor(rand() * 200));
      await hideTab(page, false);
      did('tab hidden and shown');
    } else {
      // A typed exact value, in or far out of range.
      const n = await root.locator('input[type=number]:not([disabled])').count();
      if (!n) continue;
      const box = root.locator('input[type=number]:not([disabled])').nth(Math.floor(rand() * n));
      await box.fill(pick(['-5', '0', '1', '7', '99999999', '1e9', '', '2.5']));
      await box.press('Enter');
      did('typed value');
    }
    if (rand() < 0.1) await page.waitForTimeout(Math.floor(rand() * 300));
  }
  // Everything settles afterwards: every figure shows a result or a message.
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const k of KINDS) {
    await page.locator(`${fig(k)} .hd-cancel`).evaluate((b) => { if (!b.closest('[hidden]') && b.textContent === 'Resume') b.click(); });
  }
  const pause = page.locator(`${fig('relu')} button`, { hasText: 'Pause' });
  if (await pause.count()) await pause.click();
  for (const k of KINDS) {
    await settle(page, k, 120000);
    const cap = await page.locator(`${fig(k)} .hd-caption`).textContent();
    assert.ok(cap.length > 20, `${k} still has a caption: ${cap}`);
  }
  const interactions = Object.values(counts).reduce((a, b) => a + b, 0);
  const lt = await longTasks(page);
  const mem = await memory(page);
  const calls = await page.evaluate(() => window.__calls);
  Object.assign(report, {
    seed: SEED, interactions, counts, longTasks: lt, longestCallMs: calls, memoryMB: { page: mb(mem.page), worker: mb(mem.worker) }, seconds: Math.round((Date.now() - t0) / 1000),
  });
  assert.ok(interactions >= 200, `${interactions} interactions`);
  await clean(page, log);
  assert.ok(mem.page < 256 * 1048576 && mem.worker < 512 * 1048576, `memory ${JSON.stringify(report.memoryMB)} MB`);
  // Every figure, the ReLU playground at 6 × 32 included (its big partitions run in the
  // worker), keeps each main-thread call under 200 ms.
  for (const [k, c] of Object.entries(calls)) {
    assert.ok(c.max <= 200, `${k}: ${c.what} took ${c.max} ms on the main thread`);
  }
  await context.close();
});

// The ReLU playground at 6 × 32 (tens of thousands of regions) partitions in the worker; the
// main thread draws at most a few thousand regions, so no task comes near 200 ms.
test('no main-thread task over 200 ms in the chaos run, the ReLU playground included', () => {
  assert.ok(report.longTasks, 'the chaos run ran');
  assert.ok(report.longTasks.max <= 200, `longest main-thread task ${report.longTasks.max} ms (relu: ${JSON.stringify(report.longestCallMs?.relu)})`);
});
