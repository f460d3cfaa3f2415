// Extreme parameters: a link that sets every control of every figure to its maximum (a
// number far above every range, clamped with a note; the last option of every list; the
// largest seed). Every figure must then either finish, or keep computing in the worker with
// visible, advancing progress and a Cancel button, or say why it refuses — never a blank
// canvas, a frozen page or a crash — and the wasm memory high-water marks stay bounded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, open, clean, fig, settle, KINDS, longTasks, memory, mb, SHOTS } from './helpers.mjs';

let server, browser, base;
const report = {};
const WAIT_MS = Number(process.env.HIGHDIM_EXTREME_WAIT_MS || 25000);

before(async () => ({ server, browser, base } = await start()));
after(async () => {
  await browser?.close();
  server?.close();
  console.log('extremes report ' + JSON.stringify(report));
});

test('every control of every figure at its maximum: a result, progress or a message, and a live page', async () => {
  // The keys and options come from the page's own control descriptions.
  const probe = await open(browser, base, base);
  const parts = ['v=1'];
  for (const k of KINDS) {
    await settle(probe.page, k);
    const desc = await probe.page.evaluate((kk) => {
      const h = window.highdim.figures.get(kk).handle;
      return { ns: h.namespace(), controls: JSON.parse(h.controls()).params };
    }, k);
    for (const c of desc.controls) {
      const value = c.type === 'select' ? c.options[c.options.length - 1][0] : c.type === 'seed' ? '4294967295' : '1e99';
      parts.push(`${desc.ns}.${c.key}=${encodeURIComponent(value)}`);
    }
  }
  await probe.context.close();
  const url = base + '?' + parts.join('&');
  report.url = url.slice(base.length);

  const t0 = Date.now();
  const { page, context, log } = await open(browser, base, url);
  const outcome = {};
  for (const k of KINDS) {
    const root = page.locator(fig(k));
    await root.scrollIntoViewIfNeeded();
    await page.waitForFunction((kk) => ['ready', 'busy', 'done', 'error'].includes(document.querySelector(`#fig-${kk}`)?.dataset.state), k, { timeout: 30000 });
    // The clamped values are explained.
    assert.match(await root.locator('.hd-notes').textContent(), /above the maximum/, `${k}: a note explains the clamping`);
    // Give it time, checking the page keeps drawing frames while the worker computes.
    const started = Date.now();
    let worstFrame = 0;
    let firstProgress = null;
    let state;
    while (Date.now() - started < WAIT_MS) {
      const frame = await page.evaluate(() => new Promise((r) => { const t = performance.now(); requestAnimationFrame(() => r(performance.now() - t)); }));
      worstFrame = Math.max(worstFrame, frame);
      state = await root.getAttribute('data-state');
      if (state === 'done' || state === 'error') break;
      const p = Number(await root.locator('progress').evaluate((e) => e.value));
      if (state === 'busy' && firstProgress === null && p > 0) firstProgress = { p, t: Date.now() };
      await page.waitForTimeout(250);
    }
    const cap = await root.locator('.hd-caption').textContent();
    const error = await root.locator('.hd-error').evaluate((e) => (e.hidden ? '' : e.textContent));
    const progress = Number(await root.locator('progress').evaluate((e) => e.value));
    outcome[k] = { state, seconds: Math.round((Date.now() - started) / 100) / 10, progress: Math.round(progress * 1000) / 1000, worstFrameMs: Math.round(worstFrame), caption: cap.slice(0, 90), error: error.slice(0, 120) };
    assert.notEqual(state, 'error', `${k} crashed: ${error}`);
    // "done" means finished: never a finished state under a caption still computing
    // (the hull grid used to stop on a solver failure and call itself done).
    if (state === 'done') assert.doesNotMatch(cap, /^Computing|(computing|simulating), \d+ of/, `${k}: done but ${cap}`);
    assert.ok(cap.length > 20 || error, `${k}: a caption or a message`);
    if (state === 'busy') {
      // Still computing: visible progress that has advanced, and a way out.
      assert.ok(await root.locator('.hd-progress').isVisible(), `${k}: progress shown`);
      assert.ok(firstProgress && progress > firstProgress.p, `${k}: progress advances (${firstProgress?.p} → ${progress})`);
      assert.equal(await root.locator('.hd-cancel').textContent(), 'Cancel');
      await root.locator('.hd-cancel').click();
      assert.equal(await root.locator('.hd-cancel').textContent(), 'Resume');
    }
    // Something is drawn: the canvas is not blank.
    const inked = await root.locator('canvas').evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 16) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) n++;
      return n / (d.length / 16);
    });
    assert.ok(inked > 0.005, `${k}: the canvas shows something (${inked})`);
    // Not frozen: frames keep coming while the worker computes (the worst gap is reported;
    // the bound is loose because CI machines are shared).
    assert.ok(worstFrame < 1000, `${k}: the page kept drawing frames while computing (worst ${Math.round(worstFrame)} ms)`);
    await root.screenshot({ path: path.join(SHOTS, `extreme-${k}.png`) });
  }
  const mem = await memory(page);
  Object.assign(report, { outcome, longTasks: await longTasks(page), memoryMB: { page: mb(mem.page), worker: mb(mem.worker) }, seconds: Math.round((Date.now() - t0) / 1000) });
  assert.ok(mem.page < 512 * 1048576, `page memory ${mb(mem.page)} MB`);
  assert.ok(mem.worker < 1024 * 1048576, `worker memory ${mb(mem.worker)} MB`);
  await clean(page, log);
  await context.close();
});
