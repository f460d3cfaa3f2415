// End-to-end tests of the built article in headless Chromium (playwright-core driving
// Debian's /usr/bin/chromium) against the site served over HTTP on 127.0.0.1.
// Run by scripts/test.sh after scripts/build.sh target/site:  node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from '../../scripts/server.mjs';
import { KINDS, SITE, SHOTS, axeSource as readAxe, downloadBy, stableBox, start } from './helpers.mjs';


let server, browser, base;
const report = {};

before(async () => {
  ({ server, browser, base } = await start());
});

after(async () => {
  await browser?.close();
  server?.close();
  console.log('e2e report ' + JSON.stringify(report));
});

// A page with every console message, page error, failed request and foreign request recorded,
// and long main-thread tasks observed from the first script on.
async function open(url, { width = 1280, height = 900, reducedMotion = 'no-preference' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const log = { console: [], errors: [], failed: [], foreign: [], requests: 0 };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.console.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) log.failed.push(`${r.url()} ${r.status()}`); });
  page.on('request', (r) => {
    log.requests += 1;
    const u = new URL(r.url());
    if (u.origin !== new URL(base).origin && u.protocol !== 'data:' && u.protocol !== 'blob:') log.foreign.push(r.url());
  });
  await page.addInitScript(() => {
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    } catch (_) { /* longtask unsupported */ }
  });
  await page.goto(url);
  return { page, context, log };
}

function clean(log) {
  assert.deepEqual(log.console, [], 'console errors/warnings');
  assert.deepEqual(log.errors, [], 'page errors');
  assert.deepEqual(log.failed, [], 'failed requests');
  assert.deepEqual(log.foreign, [], 'requests to other origins');
}

const fig = (kind) => `#fig-${kind}`;
async function state(page, kind) { return page.locator(fig(kind)).getAttribute('data-state'); }
async function settle(page, kind, timeout = 60000) {
  await page.locator(fig(kind)).scrollIntoViewIfNeeded();
  await page.waitForFunction((k) => ['done', 'ready'].includes(document.querySelector(`#fig-${k}`)?.dataset.state)
    && document.querySelector(`#fig-${k}`)?.dataset.state !== 'busy', kind, { timeout });
}
async function settleDone(page, kind, timeout = 90000) {
  await page.locator(fig(kind)).scrollIntoViewIfNeeded();
  await page.waitForFunction((k) => document.querySelector(`#fig-${k}`)?.dataset.state === 'done', kind, { timeout });
}
async function pixels(page, kind) {
  return page.evaluate((k) => document.querySelector(`#fig-${k} canvas`).toDataURL(), kind);
}
async function caption(page, kind) {
  return page.locator(`${fig(kind)} .hd-caption`).textContent();
}
async function frames(page, n = 3) {
  for (let i = 0; i < n; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}

test('the article loads, every figure draws and finishes, with no errors', async () => {
  const t0 = Date.now();
  // Opened at the first figure, so "first figure drawn" measures load, not scrolling.
  const { page, context, log } = await open(base + '#fig-volume');
  await page.waitForFunction(() => window.highdim && window.highdim.firstDrawMs !== null, null, { timeout: 30000 });
  report.firstDrawMs = Math.round(await page.evaluate(() => window.highdim.firstDrawMs));
  for (const k of KINDS) {
    await settleDone(page, k);
    const c = await caption(page, k);
    assert.ok(c.length > 40, `${k} caption: ${c}`);
    const label = await page.locator(`${fig(k)} canvas`).getAttribute('aria-label');
    assert.ok(label && label.length > 30, `${k} aria-label`);
    assert.equal(await page.locator(`${fig(k)} canvas`).getAttribute('role'), 'img');
    assert.equal(await page.locator(`${fig(k)} .hd-caption`).getAttribute('aria-live'), 'polite');
  }
  // The caption example from the foundation issue, at d = 20 with the default samples.
  const vol = await caption(page, 'volume');
  assert.match(vol, /d = 10: .*0\.00249/);
  report.loadAllMs = Date.now() - t0;
  report.requests = log.requests;
  clean(log);
  await context.close();
});

test('every control moves to its minimum, maximum and middle, by keyboard and mouse', async () => {
  const { page, context, log } = await open(base);
  for (const k of KINDS) {
    await settle(page, k);
    const ranges = page.locator(`${fig(k)} .hd-controls input[type=range]`);
    const n = await ranges.count();
    assert.ok(n >= 1, `${k} has sliders`);
    for (let i = 0; i < n; i++) {
      const r = ranges.nth(i);
      if (await r.isDisabled()) continue;
      const id = await r.getAttribute('id');
      // The layer slider's reach follows the depth (the figure clamps it), so it may stop
      // short of its maximum and show fewer distinct pictures.
      const follows = id === 'nn-layer';
      const seen = new Set([await pixels(page, k)]);
      const caps = new Set([await caption(page, k)]);
      // Keyboard: Home, End. (Captions are throttled to one update per 250 ms.)
      await r.focus();
      for (const key of ['Home', 'End']) {
        await page.keyboard.press(key);
        await frames(page);
        seen.add(await pixels(page, k));
        await page.waitForTimeout(300);
        caps.add(await caption(page, k));
        const vt = await r.getAttribute('aria-valuetext');
        assert.ok(vt && vt.includes('='), `${id} aria-valuetext "${vt}"`);
      }
      if (!follows) assert.equal(await r.inputValue(), await r.getAttribute('max'), `${id} at max after End`);
      // Mouse: click the middle, then the left end.
      // Captions change length as values change, so controls move: measure before each click.
      await settle(page, k);
      let box = await stableBox(page, r);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await frames(page);
      seen.add(await pixels(page, k));
      caps.add(await caption(page, k));
      const mid = Number(await r.inputValue());
      const max = Number(await r.getAttribute('max'));
      // Relative to the range, so ranges below zero (a test point's x in [-4, 4]) work too.
      const lo = Number(await r.getAttribute('min'));
      if (!follows) assert.ok(mid > lo + (max - lo) * 0.3 && mid < lo + (max - lo) * 0.7, `${id} near the middle after a click: ${mid}/${max}`);
      await frames(page);
      await settle(page, k);
      box = await stableBox(page, r);
      await page.mouse.click(box.x + 2, box.y + box.height / 2);
      await frames(page);
      assert.equal(await r.inputValue(), await r.getAttribute('min'), `${id} at min after clicking its left end`);
      seen.add(await pixels(page, k));
      caps.add(await caption(page, k));
      await r.focus();
      await page.keyboard.press('ArrowRight');
      await frames(page);
      assert.ok(seen.size >= (follows ? 2 : 3), `${id}: the canvas changed as the slider moved (${seen.size} distinct pictures)`);
      assert.ok(caps.size >= 2 || id.endsWith('-z') || id.endsWith('-seed'), `${id}: the caption changed`);
    }
    // Selects: every option by keyboard.
    const selects = page.locator(`${fig(k)} select`);
    for (let i = 0; i < await selects.count(); i++) {
      const s = selects.nth(i);
      if (await s.isDisabled()) continue;
      const before = await pixels(page, k);
      await s.focus();
      await page.keyboard.press('ArrowDown');
      await settle(page, k);
      await frames(page);
      assert.notEqual(await pixels(page, k), before, `${k} select changed the picture`);
    }
    // Exact-value and seed number boxes: typed values, including junk, are clamped with a note.
    const numbers = page.locator(`${fig(k)} input[type=number]`);
    for (let i = 0; i < await numbers.count(); i++) {
      const box = numbers.nth(i);
      if (await box.isDisabled()) continue;
      await box.fill('-99999');
      await box.press('Enter');
      await frames(page);
      const note = page.locator(`${fig(k)} .hd-notes`);
      assert.ok(await note.isVisible(), `${k}: a note explains the clamped value`);
      assert.match(await note.textContent(), /below the minimum/);
      await box.fill(await box.getAttribute('min'));
      await box.press('Enter');
    }
    // Buttons: new seed and reset change or restore the picture.
    const seedBtn = page.locator(`${fig(k)} button`, { hasText: 'New seed' });
    if (await seedBtn.count()) {
      await settle(page, k);
      const before = await pixels(page, k);
      await seedBtn.click();
      await settle(page, k);
      await frames(page);
      assert.notEqual(await pixels(page, k), before, `${k}: a new seed draws new points`);
    }
    await page.locator(`${fig(k)} .hd-reset`).click();
    await settle(page, k);
  }
  // The canvas itself is keyboard operable.
  const canvas = page.locator(`${fig('volume')} canvas`);
  await canvas.focus();
  const before = await caption(page, 'volume');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(400);
  assert.notEqual(await caption(page, 'volume'), before, 'arrow keys on the focused chart change d');
  // Pointer on the chart picks d.
  const cb = await canvas.boundingBox();
  await page.mouse.click(cb.x + cb.width * 0.12, cb.y + cb.height / 2);
  await page.waitForTimeout(400);
  assert.match(await caption(page, 'volume'), /^d = [1-3]:/);
  report.longTasks = await page.evaluate(() => ({ count: window.__longTasks.length, over50: window.__longTasks.filter((d) => d > 50).length, max: Math.round(Math.max(0, ...window.__longTasks)) }));
  assert.ok(report.longTasks.max < 200, `no main-thread task over 200 ms (max ${report.longTasks.max} ms)`);
  clean(log);
  await context.close();
});

test('a link reproduces the exact picture; a hand-edited link is clamped with a visible note', async () => {
  const q = '?v=1&bc.d=7&bc.m=3000&bc.seed=42&dist.d=30&dist.n=50&dist.law=gauss&sh.eps=0.2&vol.d=33';
  const { page, context, log } = await open(base + q);
  const first = {};
  for (const k of KINDS) { await settleDone(page, k); first[k] = [await pixels(page, k), await caption(page, k)]; }
  assert.match(first.ballcube[1], /^d = 7: .*of 3,000 random points/);
  assert.match(first.distances[1], /d = 30, N = 50 Gaussian points/);
  // The URL the page writes back carries every figure's full state.
  const url = page.url();
  for (const key of ['bc.d=7', 'bc.seed=42', 'dist.law=gauss', 'vol.d=33', 'v=1']) assert.ok(url.includes(key), `${key} in ${url}`);
  const second = await open(url);
  for (const k of KINDS) {
    await settleDone(second.page, k);
    assert.equal(await caption(second.page, k), first[k][1], `${k} caption after reload`);
    assert.equal(await pixels(second.page, k), first[k][0], `${k} pixels after reload`);
  }
  clean(second.log);
  await second.context.close();
  clean(log);
  await context.close();

  const bad = await open(base + '?v=7&bc.d=99999&bc.m=zero&vol.d=-4&sh.eps=NaN&dist.law=banana&bc.bogus=1');
  for (const k of KINDS) await settle(bad.page, k);
  const notes = await bad.page.locator('.hd-notes:visible').allTextContents();
  const all = notes.join(' ');
  for (const s of ['bc.d', 'above the maximum', 'bc.m', 'vol.d', 'sh.eps', 'dist.law', 'bc.bogus', 'schema version']) assert.ok(all.includes(s), `note mentions ${s}: ${all}`);
  assert.match(await caption(bad.page, 'ballcube'), /^d = 1000:/);
  clean(bad.log);
  await bad.context.close();
});

test('a long computation shows progress and can be cancelled and resumed', async () => {
  const { page, context, log } = await open(base + '?bc.d=1000&bc.m=1000000');
  await page.locator(fig('ballcube')).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#fig-ballcube')?.dataset.state === 'busy', null, { timeout: 20000 });
  const progress = page.locator(`${fig('ballcube')} progress`);
  await page.waitForFunction(() => Number(document.querySelector('#fig-ballcube progress').value) > 0, null, { timeout: 20000 });
  assert.ok(await progress.isVisible());
  // The main thread stays free while the worker computes: a frame is drawn promptly.
  const frameMs = await page.evaluate(() => new Promise((r) => { const t = performance.now(); requestAnimationFrame(() => r(performance.now() - t)); }));
  assert.ok(frameMs < 100, `frame within ${frameMs} ms while computing`);
  const cancel = page.locator(`${fig('ballcube')} .hd-cancel`);
  await cancel.click();
  assert.equal(await cancel.textContent(), 'Resume');
  assert.notEqual(await state(page, 'ballcube'), 'busy');
  const cap = await caption(page, 'ballcube');
  assert.match(cap, /so far/, cap);
  await cancel.click();
  assert.equal(await state(page, 'ballcube'), 'busy');
  // Moving on to a cheap setting replaces the running job.
  await page.locator('#bc-d').focus();
  await page.keyboard.press('Home');
  await settleDone(page, 'ballcube');
  assert.match(await caption(page, 'ballcube'), /^d = 1: the ball fills 100% of the cube; 1,000,000 of 1,000,000/);
  clean(log);
  await context.close();
});

test('the hull playground: a click adds a point, a drag moves it, keys select and delete', async () => {
  const { page, context, log } = await open(base + '#fig-hull2d');
  await settle(page, 'hull2d');
  const canvas = page.locator(`${fig('hull2d')} canvas`);
  const cb = await canvas.boundingBox();
  // The plot square, as the figure lays it out: side min(h − 60, w − 24), 30 px from the top.
  const side = Math.min(cb.height - 60, cb.width - 24);
  const x0 = cb.x + (cb.width - side) / 2;
  const y0 = cb.y + 30;
  assert.match(await caption(page, 'hull2d'), /^N = 50 Gaussian training points/);
  await page.mouse.click(x0 + side * 0.04, y0 + side * 0.04);
  await page.waitForTimeout(400);
  assert.match(await caption(page, 'hull2d'), /^Your 51 points enclose .* Point 51 of 51 selected at \(-2\.\d/);
  assert.equal(await page.locator('#h2-dist').inputValue(), 'own');
  assert.ok(await page.locator('#h2-n').isDisabled(), 'N does not apply to your own points');
  // Drag the new point to the middle.
  await page.mouse.move(x0 + side * 0.04, y0 + side * 0.04);
  await page.mouse.down();
  await page.mouse.move(x0 + side * 0.3, y0 + side * 0.3, { steps: 4 });
  await page.mouse.move(x0 + side * 0.5, y0 + side * 0.5, { steps: 4 });
  await page.mouse.up();
  await page.waitForTimeout(400);
  assert.match(await caption(page, 'hull2d'), /Point 51 of 51 selected at \(-?0\.0?\d*, -?0\.0?\d*\)/);
  // Keyboard: Delete removes it, n selects the first point, an arrow moves it.
  await canvas.focus();
  await page.keyboard.press('Delete');
  await page.waitForTimeout(400);
  assert.match(await caption(page, 'hull2d'), /^Your 50 points/);
  await page.keyboard.press('n');
  await page.waitForTimeout(400);
  const sel = await caption(page, 'hull2d');
  assert.match(sel, /Point 1 of 50 selected/);
  await page.keyboard.press('ArrowUp');
  await page.waitForTimeout(400);
  assert.notEqual(await caption(page, 'hull2d'), sel, 'the arrow moved the point');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(400);
  assert.match(await caption(page, 'hull2d'), /^Your 51 points .* selected at \(0, 0\)/);
  clean(log);
  await context.close();
});

test('the hull curves fill in as cells finish, with progress and cancel', async () => {
  const { page, context, log } = await open(base + '?hc.dmax=40&hc.nmax=100000&hc.tests=200#fig-hullcurve');
  await page.locator(fig('hullcurve')).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#fig-hullcurve')?.dataset.state === 'busy', null, { timeout: 20000 });
  await page.waitForFunction(() => Number(document.querySelector('#fig-hullcurve progress').value) > 0.05, null, { timeout: 30000 });
  const first = await pixels(page, 'hullcurve');
  const c1 = await caption(page, 'hullcurve');
  assert.match(c1, /simulating, \d+ of \d+ cells done/);
  await page.waitForTimeout(1500);
  assert.notEqual(await pixels(page, 'hullcurve'), first, 'partial results are drawn as they arrive');
  const cancel = page.locator(`${fig('hullcurve')} .hd-cancel`);
  await cancel.click();
  assert.equal(await cancel.textContent(), 'Resume');
  assert.notEqual(await state(page, 'hullcurve'), 'busy');
  // A cheap setting replaces the long run and finishes.
  await page.locator('#hc-dmax').focus();
  await page.keyboard.press('Home');
  await settleDone(page, 'hullcurve');
  // Gaussian data: the theorem's N₅₀ = 3 at d = 1 (P(outside) = 2/(N + 1)), and the
  // simulation checked against it.
  const done = await caption(page, 'hullcurve');
  assert.match(done, /N₅₀ = 3 training samples at d = 1\./);
  assert.match(done, /exact value lies inside the 95% band in \d+ of \d+ cells/);
  clean(log);
  await context.close();
});

test('the slice scan animates, and with reduced motion it steps instead', async () => {
  const { page, context, log } = await open(base + '?bc.d=3&bc.z=0');
  await settle(page, 'ballcube');
  const scan = page.locator(`${fig('ballcube')} button`, { hasText: 'Scan the slice' });
  await scan.click();
  await page.waitForTimeout(1200);
  const z1 = Number(await page.locator('#bc-z').inputValue());
  assert.ok(z1 > 0.1 && z1 < 0.9, `the slice moves during the scan (z = ${z1})`);
  await page.locator(`${fig('ballcube')} button`, { hasText: 'Pause scan' }).click();
  const z2 = Number(await page.locator('#bc-z').inputValue());
  await page.waitForTimeout(500);
  assert.equal(Number(await page.locator('#bc-z').inputValue()), z2, 'paused');
  clean(log);
  await context.close();

  const rm = await open(base + '?bc.d=3&bc.z=0', { reducedMotion: 'reduce' });
  await settle(rm.page, 'ballcube');
  await rm.page.locator(`${fig('ballcube')} button`, { hasText: 'Scan the slice' }).click();
  await rm.page.waitForTimeout(300);
  assert.equal(Number(await rm.page.locator('#bc-z').inputValue()), 0.1, 'one discrete step, no animation');
  await rm.page.waitForTimeout(500);
  assert.equal(Number(await rm.page.locator('#bc-z').inputValue()), 0.1);
  clean(rm.log);
  await rm.context.close();
});

test('a Rust panic is shown in its figure, never as a blank canvas', async () => {
  const { page, context, log } = await open(base + '#fig-volume');
  await settleDone(page, 'volume');
  await page.evaluate(() => window.highdim.debugPanic('volume'));
  const box = page.locator(`${fig('volume')} .hd-error`);
  assert.ok(await box.isVisible());
  assert.match(await box.textContent(), /internal error[\s\S]*deliberate test panic/);
  assert.equal(await state(page, 'volume'), 'error');
  assert.equal(await box.getAttribute('role'), 'alert');
  // The hook also logs the panic; that is the only console error allowed here.
  assert.equal(log.console.length, 1);
  assert.match(log.console[0], /deliberate test panic/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('axe-core finds no serious or critical accessibility violations', async () => {
  const axeSource = readAxe();
  for (const width of [1280, 390]) {
    const { page, context, log } = await open(base, { width });
    for (const k of KINDS) await settleDone(page, k);
    // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) still holds.
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    report[`axe${width}`] = { violations: result.violations.length, serious: bad.length, ids: result.violations.map((v) => `${v.id}:${v.impact}`) };
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), []);
    clean(log);
    await context.close();
  }
});

test('the single-file offline copies work from file:// with no network request', async () => {
  const files = ['highdim.html', ...KINDS.map((k) => `${k}.html`)];
  for (const f of files) {
    const file = path.join(SITE, 'offline', f);
    assert.ok(fs.existsSync(file), file);
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const log = { console: [], errors: [], network: [] };
    page.on('console', (m) => { if (m.type() === 'error') log.console.push(m.text()); });
    page.on('pageerror', (e) => log.errors.push(e.message));
    page.on('request', (r) => { if (!/^(file|blob|data):/.test(r.url())) log.network.push(r.url()); });
    await page.goto('file://' + file);
    const kinds = f === 'highdim.html' ? KINDS : [f.replace('.html', '')];
    for (const k of kinds) {
      await settleDone(page, k);
      const c = await caption(page, k);
      assert.ok(c.length > 30, `${f} ${k}: ${c}`);
    }
    assert.match(await page.locator('.hd-build').first().textContent(), /v\d+\.\d+\.\d+, commit [0-9a-f]+/);
    assert.deepEqual(log, { console: [], errors: [], network: [] }, f);
    await context.close();
  }
});

test('an embed page draws inside a sandboxed iframe on another origin and reports its height', async () => {
  const embedUrl = `${base}embed/ballcube.html?bc.d=5&bc.m=2000`;
  const host = await serve(SITE, 0, {
    '/host.html': `<!doctype html><title>host</title><link rel="icon" href="data:,"><p>A blog post.</p>
      <iframe id="f" title="A ball in a cube" sandbox="allow-scripts" loading="lazy" style="width:100%;height:600px;border:0" src="${embedUrl}"></iframe>
      <script>window.heights=[];addEventListener('message',e=>{if(e.data&&e.data.highdim==='resize')window.heights.push(e.data.height)});</script>`,
  });
  const hostUrl = `http://127.0.0.1:${host.address().port}/host.html`;
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(hostUrl);
  const frame = await (await page.waitForSelector('#f')).contentFrame();
  await frame.waitForFunction(() => document.querySelector('#fig-ballcube')?.dataset.state === 'done', null, { timeout: 60000 });
  assert.match(await frame.locator('.hd-caption').textContent(), /^d = 5: .*of 2,000 random points/);
  const inked = await frame.evaluate(() => {
    const c = document.querySelector('canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) n++;
    return n / (d.length / 4);
  });
  assert.ok(inked > 0.02, `the embedded canvas is drawn (${inked})`);
  assert.match(await frame.locator('.hd-article-link').getAttribute('href'), /index\.html\?.*bc\.d=5.*#fig-ballcube/);
  await page.waitForFunction(() => window.heights.length > 0, null, { timeout: 10000 });
  assert.ok(await page.evaluate(() => Math.max(...window.heights)) > 300);
  assert.deepEqual(errors, []);
  await context.close();
  host.close();
});

test('<highdim-figure> elements work on another site, several per page, without touching its URL', async () => {
  const host = await serve(SITE, 0, {
    '/blog.html': `<!doctype html><title>blog</title><link rel="icon" href="data:,">
      <script type="module" src="${base}www/highdim.js"></script>
      <p>Two figures in a post.</p>
      <highdim-figure kind="ballcube" d="5" m="2000"></highdim-figure>
      <highdim-figure kind="volume" d="7"></highdim-figure>
      <highdim-figure kind="nosuchfigure"></highdim-figure>`,
  });
  const url = `http://127.0.0.1:${host.address().port}/blog.html?mine=1`;
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  for (const k of ['ballcube', 'volume']) {
    const f = page.locator(`highdim-figure[kind=${k}] .hd-figure`);
    await f.scrollIntoViewIfNeeded();
    await page.waitForFunction((kk) => document.querySelector(`highdim-figure[kind=${kk}] .hd-figure`)?.dataset.state === 'done', k, { timeout: 60000 });
  }
  assert.match(await page.locator('highdim-figure[kind=ballcube] .hd-caption').textContent(), /^d = 5: .*of 2,000 random points/);
  assert.match(await page.locator('highdim-figure[kind=volume] .hd-caption').textContent(), /^d = 7:/);
  assert.match(await page.locator('highdim-figure[kind=nosuchfigure] .hd-error').textContent(), /no figure called 'nosuchfigure'/);
  assert.equal(page.url(), url, 'the host page URL is left alone');
  assert.deepEqual(errors, []);
  await context.close();
  host.close();
});

test('copy link, copy embed code and the exports give usable output', async () => {
  const { page, context, log } = await open(base + '?bc.d=4&bc.m=2000&bc.seed=9#fig-ballcube');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  await settleDone(page, 'ballcube');
  const share = page.locator(`${fig('ballcube')} .hd-share`);
  await share.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /\?v=1&bc\.d=4&bc\.m=2000&.*bc\.seed=9#fig-ballcube$/);
  // The copied link reproduces the picture.
  const before = await pixels(page, 'ballcube');
  const again = await open(link);
  await settleDone(again.page, 'ballcube');
  assert.equal(await pixels(again.page, 'ballcube'), before);
  await again.context.close();
  await share.getByRole('button', { name: 'Copy embed code' }).click();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/ballcube\.html\?v=1&bc\.d=4[^"]*" title="[^"]+" loading="lazy" sandbox="allow-scripts[^"]*" style="[^"]+"><\/iframe>$/);
  // Exports: the PNG decodes, the SVG is well-formed XML, the state JSON parses.
  const grab = async (name) => {
    const dl = await downloadBy(page, 'ballcube', share.getByRole('button', { name, exact: true }), name);
    return fs.readFileSync(await dl.path());
  };
  const png = await grab('PNG');
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const decoded = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, png.toString('base64'));
  assert.ok(decoded[0] > 300 && decoded[1] > 200, `PNG ${decoded}`);
  const svg = (await grab('SVG')).toString('utf8');
  const svgOk = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return !doc.querySelector('parsererror') && doc.documentElement.nodeName === 'svg';
  }, svg);
  assert.ok(svgOk, 'the SVG is well-formed');
  assert.ok(svg.includes('shadow on 2 of 4 axes'));
  const state = JSON.parse((await grab('State')).toString('utf8'));
  assert.deepEqual(state, { highdim: 1, figure: 'ballcube', state: { d: '4', m: '2000', z: '0.5', seed: '9' } });
  clean(log);
  await context.close();
});

test('screenshots at 1280, 390 and 320 px, with no horizontal scrolling', async () => {
  for (const width of [1280, 390, 320]) {
    const { page, context, log } = await open(base, { width, height: 900 });
    for (const k of KINDS) await settleDone(page, k);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width} px (overflow ${overflow})`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `article-${width}.png`), fullPage: true });
    for (const k of KINDS) await page.locator(fig(k)).screenshot({ path: path.join(SHOTS, `${k}-${width}.png`) });
    clean(log);
    await context.close();
  }
});

test('dragging on a figure that uses drags does not scroll the page; other canvases let it scroll', async () => {
  const { page, context, log } = await open(base + '?bc.d=3', { width: 390 });
  for (const k of ['volume', 'ballcube', 'shell']) await settle(page, k);
  const touch = async (k) => page.locator(`${fig(k)} canvas`).evaluate((c) => getComputedStyle(c).touchAction);
  assert.equal(await touch('volume'), 'none');
  assert.equal(await touch('ballcube'), 'none');
  assert.notEqual(await touch('shell'), 'none');
  await page.locator('#bc-d').focus();
  await page.keyboard.press('ArrowRight');
  await frames(page);
  assert.notEqual(await touch('ballcube'), 'none', 'no drag outside d = 3, so the page scrolls');
  clean(log);
  await context.close();
});
