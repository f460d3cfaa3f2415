// Keyboard-only end-to-end test: with Tab / Shift+Tab, the arrow keys, Enter, Space and
// Escape alone, every control of every figure is reached from the top of the page and used,
// and every pointer action has a keyboard path that works (hull2d: add, move, select, delete
// points; relu: select and clear a region; the charts: pick d, ε, the slice, the target).
// Focus is visible at every stop: an outline or box shadow of at least 2 px, on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, clean, fig, settle, KINDS, longTasks } from './helpers.mjs';

let server, browser, base;
const report = {};
// Cheap settings so the computations started by keys finish quickly; d = 3 so the ball-cube
// slice can be moved from the keyboard.
const QUERY = '?v=1&bc.d=3&bc.m=2000&dist.n=50&hc.dmax=3&hc.nmax=300&hc.tests=20&hs.nmax=300&hs.tests=20&h2.n=20&h2.tests=50&nn.width=4&nn.depth=2';

before(async () => ({ server, browser, base } = await start()));
after(async () => {
  await browser?.close();
  server?.close();
  console.log('keyboard report ' + JSON.stringify(report));
});

// What the page shows of figure k: caption, canvas pixels, every control's value and value
// text, button labels and states, share status. Any keyboard action must change some of it.
const SNAP = (k) => {
  const f = document.querySelector(`#fig-${k}`);
  const c = f.querySelector('canvas');
  return JSON.stringify([
    f.querySelector('.hd-caption')?.textContent,
    c ? c.toDataURL() : '',
    [...f.querySelectorAll('input, select')].map((e) => [e.value, e.getAttribute('aria-valuetext'), e.disabled]),
    [...f.querySelectorAll('button')].map((b) => [b.textContent, b.disabled]),
    f.querySelector('.hd-share-status')?.textContent,
  ]);
};

// The focused element: who it is, which figure it belongs to, and whether focus shows.
const FOCUS = () => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const cs = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 && cs.outlineColor !== 'rgba(0, 0, 0, 0)';
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const inView = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.width > 0;
  const figure = e.closest('.hd-figure');
  const name = e.tagName === 'CANVAS' ? 'chart' : e.id || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30);
  return {
    key: `${e.tagName.toLowerCase()}${e.type ? '[' + e.type + ']' : ''}:${name}`,
    kind: figure?.dataset.kind ?? null,
    shows: !!(outline || shadow) && e.matches(':focus-visible'),
    inView,
    style: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} / ${cs.boxShadow}`,
  };
};

// Every element of figure k a keyboard user should reach.
const FOCUSABLES = (k) => [...document.querySelectorAll(`#fig-${k} :is(a[href], button, input, select, textarea, [tabindex])`)]
  .filter((e) => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0 && !e.closest('[hidden]'))
  .map((e) => {
    const name = e.tagName === 'CANVAS' ? 'chart' : e.id || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30);
    return `${e.tagName.toLowerCase()}${e.type ? '[' + e.type + ']' : ''}:${name}`;
  });

async function focused(page) { return page.evaluate(FOCUS); }

test('Tab from the top reaches every control of every figure, in order both ways, with visible focus', async () => {
  const { page, context, log } = await open(browser, base, base + QUERY);
  // Mount every figure first (a reader scrolling through), then walk the page by keyboard.
  for (const k of KINDS) await settle(page, k);
  await page.evaluate(() => window.scrollTo(0, 0));
  const expected = {};
  for (const k of KINDS) expected[k] = await page.evaluate(FOCUSABLES, k);
  const forward = [];
  const invisible = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) break;
    if (forward.length && f.key === forward[0].key && f.kind === forward[0].kind) break; // wrapped
    forward.push(f);
    if (!f.shows || !f.inView) invisible.push(`${f.key} (${f.style}, in view: ${f.inView})`);
  }
  assert.deepEqual(invisible, [], `focus is visible at every stop: ${JSON.stringify(invisible)}`);
  for (const k of KINDS) {
    const reached = forward.filter((f) => f.kind === k).map((f) => f.key);
    assert.deepEqual(reached, expected[k], `${k}: every control reached by Tab, in document order: ${JSON.stringify(reached)} vs ${JSON.stringify(expected[k])}`);
  }
  // Shift+Tab walks back over the same stops.
  // (Focus has left the page past the last stop, or wrapped to the first.)
  const backward = [];
  for (let i = 0; i < forward.length; i++) {
    await page.keyboard.press('Shift+Tab');
    const f = await focused(page);
    if (!f) break;
    backward.push(f);
    assert.ok(f.shows && f.inView, `visible focus going back: ${f.key}`);
  }
  const back = backward.map((f) => f.key).reverse();
  assert.deepEqual(back, forward.map((f) => f.key), `Shift+Tab retraces Tab: ${JSON.stringify(back.slice(0, 5))} vs ${JSON.stringify(forward.slice(0, 5).map((f) => f.key))}`);
  report.tabStops = forward.length;
  report.figureStops = Object.fromEntries(KINDS.map((k) => [k, expected[k].length]));
  await clean(page, log);
  await context.close();
});

// What to press on each figure's canvas, and what the caption must then say.
const CANVAS_KEYS = {
  volume: [['ArrowRight', /^d = 11:/], ['ArrowLeft', /^d = 10:/]],
  ballcube: [['ArrowUp', /^d = 3:/], ['ArrowRight', /^d = 4:/], ['ArrowLeft', /^d = 3:/]],
  shell: [['ArrowRight', /./], ['ArrowUp', /./]],
  distances: [['ArrowRight', /./]],
  // Enter adds a point at the centre, an arrow drags it, Escape deselects.
  hull2d: [['Enter', /^Your 21 points .*selected at \(0, 0\)/], ['ArrowUp', /selected at \(0, 0\.\d+\)/], ['Escape', /^Your 21 points/]],
  hullcurve: [['ArrowRight', /./]],
  hullsubspace: [],
  // An arrow selects the region at the origin, the next arrow a neighbour, Escape clears.
  relu: [['ArrowRight', /region/i], ['ArrowUp', /region/i], ['Escape', /./]],
};

// Polled from here: the page's CSP (rightly) forbids eval, so the snapshot function cannot
// be shipped into a waitForFunction predicate as text.
async function waitChange(page, k, before, timeout = 8000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    if (await page.evaluate(SNAP, k) !== before) return true;
    await page.waitForTimeout(50);
  }
  return false;
}

test('with the keyboard alone, every control and every canvas action of every figure works', async () => {
  const { page, context, log } = await open(browser, base, base + QUERY);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  const counts = {};
  for (const k of KINDS) {
    await settle(page, k);
    const stops = await page.evaluate(FOCUSABLES, k);
    // Enter the figure from the element before it, by keyboard.
    await page.locator(`${fig(k)} canvas`).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    let used = 0;
    const seen = new Set();
    const skippable = new Set(); // disabled at some point of the walk
    for (let guard = 0; guard < 60; guard++) {
      const f = await focused(page);
      if (!f || f.kind !== k) break;
      if (seen.has(f.key)) { await page.keyboard.press('Tab'); continue; }
      seen.add(f.key);
      const enabled = new Set(await page.evaluate(FOCUSABLES, k));
      for (const s of stops) if (!enabled.has(s)) skippable.add(s);
      assert.ok(f.shows && f.inView, `${k} ${f.key}: focus visible (${f.style})`);
      await settle(page, k);
      const what = f.key;
      const before = await page.evaluate(SNAP, k);
      let ok;
      if (what.startsWith('canvas')) {
        for (const [key, expect] of CANVAS_KEYS[k]) {
          const b = await page.evaluate(SNAP, k);
          await page.keyboard.press(key);
          assert.ok(await waitChange(page, k, b), `${k} canvas: ${key} changed the figure`);
          await page.waitForTimeout(300); // caption throttle
          const cap = await page.locator(`${fig(k)} .hd-caption`).textContent();
          assert.match(cap, expect, `${k} canvas after ${key}`);
          await settle(page, k);
        }
        ok = true;
        if (!CANVAS_KEYS[k].length) { used += 1; await page.keyboard.press('Tab'); continue; }
      } else if (what.startsWith('input[range]')) {
        // One step and back: the change must show, and controls that depend on this one
        // (ballcube's slice exists only in d = 3) stay usable for the rest of the walk.
        const atMax = await page.evaluate(() => document.activeElement.value === document.activeElement.max);
        await page.keyboard.press(atMax ? 'ArrowLeft' : 'ArrowRight');
        ok = await waitChange(page, k, before);
        await settle(page, k);
        await page.keyboard.press(atMax ? 'ArrowRight' : 'ArrowLeft');
      } else if (what.startsWith('select')) {
        const last = await page.evaluate(() => document.activeElement.selectedIndex === document.activeElement.options.length - 1);
        await page.keyboard.press(last ? 'ArrowUp' : 'ArrowDown');
        ok = await waitChange(page, k, before);
        await settle(page, k);
        await page.keyboard.press(last ? 'ArrowDown' : 'ArrowUp');
      } else if (what.startsWith('input[number]')) {
        const atMax = await page.evaluate(() => document.activeElement.value === document.activeElement.max);
        await page.keyboard.press(atMax ? 'ArrowDown' : 'ArrowUp');
        await page.keyboard.press('Enter');
        ok = await waitChange(page, k, before);
        await settle(page, k);
        await page.keyboard.press(atMax ? 'ArrowUp' : 'ArrowDown');
        await page.keyboard.press('Enter');
      } else if (what.startsWith('button')) {
        const label = what.split(':').slice(1).join(':');
        const key = used % 2 ? 'Space' : 'Enter';
        if (['PNG', 'SVG', 'State'].includes(label)) {
          const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.keyboard.press(key)]);
          ok = !!(await dl.path());
        } else if (label === 'Reset') {
          // Move a slider away from its default first (back with Shift+Tab, over with Tab).
          let n = 0;
          while (!(await focused(page)).key.startsWith('input[range]') && n < 20) { await page.keyboard.press('Shift+Tab'); n++; }
          await page.keyboard.press('ArrowRight');
          await settle(page, k);
          for (let i = 0; i < n; i++) await page.keyboard.press('Tab');
          assert.equal((await focused(page)).key, what, 'back on Reset');
          const moved = await page.evaluate(SNAP, k);
          await page.keyboard.press(key);
          ok = await waitChange(page, k, moved);
        } else {
          await page.keyboard.press(key);
          ok = await waitChange(page, k, before);
          if (/^(Scan the slice|Play)$/.test(label)) {
            // An animation started; the same key on the same button pauses it.
            await page.waitForTimeout(300);
            await page.keyboard.press(key);
            await page.waitForFunction((l) => document.activeElement.textContent === l, label, { timeout: 5000 });
          }
        }
      } else {
        assert.fail(`${k}: unexpected focus stop ${what}`);
      }
      if (!ok) {
        const after = JSON.parse(await page.evaluate(SNAP, k));
        const b = JSON.parse(before);
        assert.fail(`${k} ${what}: the keyboard action changed nothing: ${JSON.stringify([b[0], b[2], b[3], b[4]])} -> ${JSON.stringify([after[0], after[2], after[3], after[4]])}`);
      }
      used += 1;
      // Focus stays where the reader left it.
      assert.equal((await focused(page))?.key, what, `${k}: focus stays on ${what}`);
      await page.keyboard.press('Tab');
    }
    counts[k] = used;
    // Every control was used, unless the state reached meanwhile disabled it (editing the
    // hull's points makes N moot).
    const missed = stops.filter((s) => !seen.has(s) && !skippable.has(s));
    assert.deepEqual(missed, [], `${k}: controls not reached and used`);
    assert.ok(used >= stops.length - 3, `${k}: used ${used} of ${stops.length}`);
  }
  report.controlsUsed = counts;
  report.longTasks = await longTasks(page);
  await clean(page, log);
  await context.close();
});

test('the relu and hull figures: keyboard paths for what the pointer does', async () => {
  const { page, context, log } = await open(browser, base, base + QUERY + '#fig-hull2d');
  await settle(page, 'hull2d');
  const cap = () => page.locator(`${fig('hull2d')} .hd-caption`).textContent();
  const press = async (key, n = 1) => { for (let i = 0; i < n; i++) await page.keyboard.press(key); await page.waitForTimeout(350); };
  // Tab to "Add a point" and use the buttons: add, select next, delete.
  await page.locator(`${fig('hull2d')} canvas`).focus();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page))?.key === 'button[button]:Add a point') break;
  }
  assert.equal((await focused(page))?.key, 'button[button]:Add a point');
  await press('Enter');
  assert.match(await cap(), /^Your 21 points .*Point 21 of 21 selected at \(0, 0\)/);
  await press('Tab');
  await press('Space');
  assert.match(await cap(), /Point 1 of 21 selected/);
  await press('Tab');
  assert.equal((await focused(page))?.key, 'button[button]:Delete selected point');
  await press('Enter');
  assert.match(await cap(), /^Your 20 points/);
  // Back to the plot: arrows move the selected point, like a drag.
  await press('Shift+Tab', 3);
  await press('Shift+Tab');
  for (let i = 0; i < 20 && (await focused(page))?.key.startsWith('canvas') !== true; i++) await page.keyboard.press('Shift+Tab');
  const sel = await cap();
  await press('ArrowLeft', 3);
  assert.notEqual(await cap(), sel, 'arrows move the point');

  // relu: a region is selected and cleared with arrows and Escape.
  await page.locator(fig('relu')).scrollIntoViewIfNeeded();
  await settle(page, 'relu');
  await page.locator(`${fig('relu')} canvas`).focus();
  const r0 = await page.locator(`${fig('relu')} .hd-caption`).textContent();
  await press('ArrowDown');
  const r1 = await page.locator(`${fig('relu')} .hd-caption`).textContent();
  assert.notEqual(r1, r0, 'an arrow selects a region');
  await press('Escape');
  assert.equal(await page.locator(`${fig('relu')} .hd-caption`).textContent(), r0, 'Escape clears it');
  await clean(page, log);
  await context.close();
});
