// Keyboard-only end-to-end test: with Tab / Shift+Tab, the arrow keys, Enter, Space and
// Escape alone, every control of every figure is reached from the top of the page and used,
// and every pointer action has a keyboard path that works (hull2d: add, move, select, delete
// points; relu: select and clear a region; the charts: pick d, ε, the slice, the target).
// Focus is visible at every stop: an outline or box shadow of at least 2 px, on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, clean, fig, settle, settleDone, longTasks } from './helpers.mjs';

let server, browser, base;
const report = {};
// Cheap settings so the computations started by keys finish quickly; d = 3 so the ball-cube
// slice can be moved from the keyboard.
const QUERY = '?v=1&bc.d=3&bc.m=2000&dist.n=50&hc.dmax=3&hc.nmax=300&hc.tests=20&hs.nmax=300&hs.tests=20&h2.n=20&h2.tests=50&nn.width=4&nn.depth=2'
  + '&dc.dmax=4&dc.n=100&dc.tests=20&dg.n=100&dg.tests=50&dg.kmax=2&dp.n=100';
// Every figure on the page, in document order (read from the page, so a new figure is walked
// too and cannot be forgotten here).
const pageKinds = (page) => page.evaluate(() => [...document.querySelectorAll('.hd-figure')].map((f) => f.dataset.kind));

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

// Every element of figure k a keyboard user should reach (the summary of its "How this is
// computed" note included; what a closed note holds is not rendered, so not reachable).
const FOCUSABLES = (k) => [...document.querySelectorAll(`#fig-${k} :is(a[href], button, input, select, textarea, summary, [tabindex])`)]
  .filter((e) => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0 && !e.closest('[hidden]') && e.checkVisibility())
  .map((e) => {
    const name = e.tagName === 'CANVAS' ? 'chart' : e.id || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30);
    return `${e.tagName.toLowerCase()}${e.type ? '[' + e.type + ']' : ''}:${name}`;
  });

async function focused(page) { return page.evaluate(FOCUS); }

test('Tab from the top reaches every control of every figure, in order both ways, with visible focus', async () => {
  const { page, context, log } = await open(browser, base, base + QUERY);
  const KINDS = await pageKinds(page);
  // Mount every figure first (a reader scrolling through), and let every computation finish
  // (a figure whose data load lazily is 'ready' before its job starts, with Cancel to come).
  for (const k of KINDS) await settleDone(page, k);
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
  // Shift+Tab walks back over the same stops. Past the last stop focus either left the page
  // (the forward walk stopped on no focus) or wrapped to the first stop; either way the
  // first Shift+Tab that lands on the page must land on the last stop, possibly after one
  // press that takes focus off the page (from the first stop, going back). The walk back
  // ends on the first stop.
  const backward = [];
  let offPage = 0;
  for (let i = 0; i < forward.length + 3; i++) {
    await page.keyboard.press('Shift+Tab');
    const f = await focused(page);
    if (!f) { offPage += 1; assert.ok(!backward.length && offPage <= 1, `Shift+Tab left the page after ${backward.map((b) => b.key).slice(-3)}`); continue; }
    backward.push(f);
    assert.ok(f.shows && f.inView, `visible focus going back: ${f.key}`);
    if (f.key === forward[0].key && f.kind === forward[0].kind) break;
  }
  const back = backward.map((f) => f.key).reverse();
  const fwd = forward.map((f) => f.key);
  const firstDiff = fwd.findIndex((k, i) => back[i] !== k);
  assert.deepEqual(back, fwd, `Shift+Tab retraces Tab (${back.length} vs ${fwd.length} stops; first difference at ${firstDiff}: ${JSON.stringify(back.slice(Math.max(0, firstDiff - 2), firstDiff + 3))} vs ${JSON.stringify(fwd.slice(Math.max(0, firstDiff - 2), firstDiff + 3))})`);
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
  // The arrows move the test point by 0.1 (the x and y sliders follow).
  definitions2d: [['ArrowRight', /./], ['ArrowUp', /./], ['ArrowLeft', /./], ['ArrowDown', /./]],
  // No canvas actions: the plot is focusable for its description only.
  definitionscurve: [],
  digitscurve: [],
  digitsproject: [],
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
  const KINDS = await pageKinds(page);
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
        if (label === `fig-${k}-data-toggle`) {
          // Opens the data table, then closes it again: aria-expanded and the panel follow.
          const state = () => page.evaluate((id) => {
            const b = document.getElementById(id);
            const region = document.getElementById(b.getAttribute('aria-controls'));
            return [b.getAttribute('aria-expanded'), !region.hidden && region.getClientRects().length > 0, !!region.querySelector('table, p')];
          }, `fig-${k}-data-toggle`);
          assert.deepEqual((await state()).slice(0, 2), ['false', false], `${k}: the table starts closed`);
          await page.keyboard.press(key);
          await page.waitForFunction((id) => document.getElementById(id).getAttribute('aria-expanded') === 'true', `fig-${k}-data-toggle`, { timeout: 5000 });
          await page.waitForFunction((id) => !!document.getElementById(document.getElementById(id).getAttribute('aria-controls')).querySelector('table, p'), `fig-${k}-data-toggle`, { timeout: 5000 });
          const open = await state();
          assert.deepEqual(open, ['true', true, true], `${k}: ${key} on the toggle shows the table`);
          await page.keyboard.press(key);
          const closed = await state();
          ok = closed[0] === 'false' && closed[1] === false;
          assert.ok(ok, `${k}: ${key} again hides the table: ${JSON.stringify(closed)}`);
        } else if (label === 'CSV') {
          // A download, or (a figure without a data table) the share row says why there is none.
          let file = null;
          const dl = page.waitForEvent('download', { timeout: 10000 }).then(async (d) => { file = await d.path(); }, () => {});
          await page.keyboard.press(key);
          let said = '';
          for (let t = 0; t < 100 && !file; t++) {
            said = await page.locator(`${fig(k)} .hd-share-status`).textContent();
            if (/no data/i.test(said)) break;
            await page.waitForTimeout(100);
          }
          if (!file && !/no data/i.test(said)) await dl;
          ok = !!file || /no data/i.test(said);
          (report.csv ||= {})[k] = file ? 'download' : said;
        } else if (['PNG', 'SVG', 'State'].includes(label)) {
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
      } else if (what === `input[file]:fig-${k}-import`) {
        // The key activates the file input: a trusted click on it, which is what opens the
        // file chooser. Playwright intercepts the chooser (no dialog shows) and it is closed
        // with no file chosen, so the figure keeps its state. Headless Chromium drops some
        // chooser requests after a trusted activation (seen with a bare input on a blank page
        // too), so the chooser itself is counted in the report, not required; the activation is.
        const key = used % 2 ? 'Space' : 'Enter';
        await page.evaluate((id) => {
          window.__fileClicks = [];
          document.getElementById(id).addEventListener('click', (e) => window.__fileClicks.push(e.isTrusted), { once: true });
        }, `fig-${k}-import`);
        const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 4000 }).catch(() => null), page.keyboard.press(key)]);
        const clicks = await page.evaluate(() => window.__fileClicks);
        assert.deepEqual(clicks, [true], `${k}: ${key} on ${what} activates the file input (a trusted click)`);
        report.fileChooser = report.fileChooser || { opened: 0, notSeen: 0 };
        if (chooser) {
          report.fileChooser.opened += 1;
          assert.ok(!chooser.isMultiple(), `${k}: one file at a time`);
          await chooser.setFiles([]);
          await page.waitForTimeout(100);
        } else report.fileChooser.notSeen += 1;
        ok = true;
        assert.equal(await page.evaluate(SNAP, k), before, `${k}: opening and closing the file chooser changes nothing by itself`);
      } else if (what === 'summary:How this is computed') {
        // The figure's note: the key opens it (its text shows), the same key closes it again.
        const key = used % 2 ? 'Space' : 'Enter';
        const note = () => page.evaluate(() => {
          const d = document.activeElement.closest('details');
          const p = d.querySelector(':scope > p');
          return [d.open, !!p && p.checkVisibility() && p.textContent.trim().length > 0];
        });
        assert.deepEqual(await note(), [false, false], `${k}: the note starts closed`);
        await page.keyboard.press(key);
        assert.deepEqual(await note(), [true, true], `${k}: ${key} on the summary opens the note`);
        await page.keyboard.press(key);
        ok = JSON.stringify(await note()) === JSON.stringify([false, false]);
        assert.ok(ok, `${k}: ${key} again closes the note`);
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

test('the relu, hull and definitions figures: keyboard paths for what the pointer does', async () => {
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

  // relu, your own points: the data set chosen by keyboard, then arrows move a cross from the
  // centre, Enter adds a point there, Delete removes the nearest one (what a click does).
  const reluCap = () => page.locator(`${fig('relu')} .hd-caption`).textContent();
  await page.locator('#nn-data').focus();
  await press('End');
  assert.equal(await page.locator('#nn-data').inputValue(), 'own', 'End picks the last data set: your own points');
  await settle(page, 'relu');
  await page.locator(`${fig('relu')} canvas`).focus();
  await press('ArrowRight'); // the cross appears at the centre
  await press('ArrowRight');
  await press('ArrowUp');
  await press('Enter');
  assert.match(await reluCap(), /^Added a training point of class .+? at \(0\.1, 0\.1\); 1 point now\./);
  await press('ArrowLeft', 2);
  await press('Space');
  assert.match(await reluCap(), /^Added a training point of class .+? at \(-0\.1, 0\.1\); 2 points now\./);
  await press('Delete');
  assert.match(await reluCap(), /^Removed the class .+? point at \(-0\.1, 0\.1\); 1 point left\./);

  // definitions2d: the arrows move the test point by 0.1; its x and y sliders follow.
  await page.locator(fig('definitions2d')).scrollIntoViewIfNeeded();
  await settle(page, 'definitions2d');
  await page.locator(`${fig('definitions2d')} canvas`).focus();
  const xy = async () => [Number(await page.locator('#d2-x').inputValue()), Number(await page.locator('#d2-y').inputValue())];
  const [x0, y0] = await xy();
  const c0 = await page.locator(`${fig('definitions2d')} .hd-caption`).textContent();
  await press('ArrowRight', 2);
  await press('ArrowDown');
  const [x1, y1] = await xy();
  assert.ok(Math.abs(x1 - (x0 + 0.2)) < 1e-9 && Math.abs(y1 - (y0 - 0.1)) < 1e-9, `test point moved by (0.2, -0.1): (${x0}, ${y0}) -> (${x1}, ${y1})`);
  assert.notEqual(await page.locator(`${fig('definitions2d')} .hd-caption`).textContent(), c0, 'the caption follows the test point');
  await clean(page, log);
  await context.close();
});
