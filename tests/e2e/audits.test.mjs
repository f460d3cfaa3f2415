// Accessibility audits beyond the article's own axe run: axe-core on every embed page,
// value texts in units on the logarithmic sliders, touch targets of at least 24 × 24 CSS px
// at 320 px wide (WCAG 2.2, 2.5.8), and motion: nothing animates for more than 5 s without a
// visible pause, and with reduced motion nothing animates at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, open, clean, fig, settle, settleDone, KINDS, SITE, axeSource, pixels } from './helpers.mjs';

let server, browser, base;
const report = {};

before(async () => ({ server, browser, base } = await start()));
after(async () => {
  await browser?.close();
  server?.close();
  console.log('audits report ' + JSON.stringify(report));
});

test('axe-core: no serious or critical violation on any embed page', async () => {
  const pages = fs.readdirSync(path.join(SITE, 'embed')).filter((f) => f.endsWith('.html')).sort();
  assert.ok(pages.length >= KINDS.length, `${pages.length} embed pages`);
  const axe = axeSource();
  report.axeEmbeds = {};
  const bad = [];
  for (const f of pages) {
    for (const width of [1280, 320]) {
      const { page, context, log } = await open(browser, base, `${base}embed/${f}`, { width });
      const kind = f.replace('.html', '');
      await settleDone(page, kind);
      await page.evaluate(axe);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      report.axeEmbeds[`${kind}@${width}`] = { violations: result.violations.length, serious: serious.length, ids: result.violations.map((v) => `${v.id}:${v.impact}`) };
      for (const v of serious) bad.push(`${f}@${width}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      await clean(page, log);
      await context.close();
    }
  }
  assert.deepEqual(bad, []);
});

test('logarithmic sliders speak their value in units ("N = 1,000 samples")', async () => {
  const { page, context, log } = await open(browser, base, base);
  const checked = [];
  for (const k of KINDS) {
    await settle(page, k);
    const controls = await page.evaluate((kk) => JSON.parse(window.highdim.figures.get(kk).handle.controls()).params, k);
    for (const c of controls.filter((c) => c.log)) {
      const input = page.locator(`#${c.id}`);
      for (const key of ['Home', 'End']) {
        if (await input.isDisabled()) continue;
        await input.focus();
        await page.keyboard.press(key);
        const vt = await input.getAttribute('aria-valuetext');
        const out = await page.locator(`${fig(k)} output[for=${c.id}]`).textContent();
        // The label, "=", the number as displayed (thousands separators, not a slider index),
        // and for counts their unit word.
        assert.ok(vt.startsWith(`${c.label} = ${out}`), `${c.id}: "${vt}" shows "${out}"`);
        if (c.exact.integer) assert.match(vt, /= [\d,]+ [a-z]+$/, `${c.id}: "${vt}" has a unit`);
        assert.notEqual(vt, await input.inputValue(), `${c.id}: value text is not the slider position`);
        checked.push(vt);
      }
    }
  }
  report.logSliderTexts = checked.length;
  assert.ok(checked.some((t) => /= 1,000 dimensions$/.test(t)), checked.join(' | '));
  await clean(page, log);
  await context.close();
});

test('touch targets are at least 24 × 24 CSS px at 320 px wide', async () => {
  const { page, context, log } = await open(browser, base, base, { width: 320, height: 800 });
  const small = [];
  let count = 0;
  for (const k of KINDS) {
    await settle(page, k);
    // The "How this is computed" note open, so its links are measured too.
    await page.evaluate((kk) => { for (const d of document.querySelectorAll(`#fig-${kk} details`)) d.open = true; }, k);
    const boxes = await page.evaluate((kk) => [...document.querySelectorAll(`#fig-${kk} :is(button, input, select, canvas, a[href], summary)`)]
      .filter((e) => e.getClientRects().length)
      .map((e) => { const r = e.getBoundingClientRect(); return { what: `${e.tagName.toLowerCase()} ${e.id || e.textContent.trim().slice(0, 20) || e.type}`, w: r.width, h: r.height }; }), k);
    count += boxes.length;
    for (const b of boxes) if (b.w < 24 || b.h < 24) small.push(`${k}: ${b.what} ${b.w.toFixed(1)}×${b.h.toFixed(1)}`);
  }
  report.touchTargets = count;
  assert.ok(count > 50, `${count} targets`);
  assert.deepEqual(small, []);
  await clean(page, log);
  await context.close();
});

// Is the figure's picture still changing? (Two snapshots `ms` apart.)
async function moving(page, kind, ms = 700) {
  const a = await pixels(page, kind);
  await page.waitForTimeout(ms);
  return a !== await pixels(page, kind);
}

test('animations longer than 5 s have a visible pause; reduced motion jumps to the result', async () => {
  const cases = [
    ['ballcube', '?bc.d=3&bc.z=0&bc.m=2000', 'Scan the slice', 'Pause scan'],
    ['relu', '?nn.width=4&nn.depth=2', 'Play', 'Pause'],
  ];
  report.motion = {};
  for (const [kind, query, start, pause] of cases) {
    const { page, context, log } = await open(browser, base, base + query + `#fig-${kind}`);
    await settle(page, kind);
    const root = page.locator(fig(kind));
    await root.locator('button', { hasText: start }).click();
    const t0 = Date.now();
    // While it runs, the pause control is visible and enabled, right where the start was.
    const p = root.locator('button', { hasText: pause });
    assert.ok(await p.isVisible() && await p.isEnabled(), `${kind}: "${pause}" visible while animating`);
    assert.ok(await moving(page, kind), `${kind}: it animates`);
    // How long would it run? Watch up to 12 s.
    let ran = null;
    while (Date.now() - t0 < 12000) {
      if (!(await p.count())) { ran = Date.now() - t0; break; }
      await page.waitForTimeout(200);
    }
    report.motion[kind] = ran === null ? '>12 s, with a pause button' : `${Math.round(ran / 100) / 10} s`;
    if (ran === null || ran > 5000) {
      // Long: pausing stops it at once (started again if it ran to its end meanwhile).
      if (ran !== null) {
        await root.locator('button', { hasText: start }).click();
        await page.waitForTimeout(1000);
      }
      await p.click();
      await page.waitForTimeout(100);
      assert.equal(await moving(page, kind), false, `${kind}: paused`);
      assert.equal(await root.locator('button', { hasText: start }).count(), 1, `${kind}: "${start}" is back`);
    }
    await clean(page, log);
    await context.close();

    const rm = await open(browser, base, base + query + `#fig-${kind}`, { reducedMotion: 'reduce' });
    await settle(rm.page, kind);
    const before = await pixels(rm.page, kind);
    await rm.page.locator(`${fig(kind)} button`, { hasText: start }).click();
    await rm.page.waitForTimeout(400);
    const after = await pixels(rm.page, kind);
    assert.notEqual(after, before, `${kind}: reduced motion still shows the result`);
    assert.equal(await moving(rm.page, kind), false, `${kind}: no animation with reduced motion`);
    assert.equal(await rm.page.locator(`${fig(kind)} button`, { hasText: pause }).count(), 0, `${kind}: nothing running to pause`);
    await clean(rm.page, rm.log);
    await rm.context.close();
  }
});
