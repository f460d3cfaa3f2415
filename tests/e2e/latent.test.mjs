// End-to-end test of the latent curve of "digitscurve": the reader picks "latent space of a
// trained net", the networks train in the worker with progress (epoch and minibatch in the
// caption), Cancel stops the training, Resume runs it to the end, and the caption's accuracy
// and hull share are the data table's. Also times the default setting (the figure's defaults
// with the latent reduction: 1,000 training digits for the nets, 1,000 test digits,
// k = 1..64, 5 epochs) in wasm.
// Run after scripts/build.sh target/site:  node --test tests/e2e/latent.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, open, clean, fig, caption, longTasks, SHOTS } from './helpers.mjs';

let server, browser, base;
const report = {};

before(async () => {
  ({ server, browser, base } = await start());
});

after(async () => {
  await browser?.close();
  server?.close();
  console.log('latent e2e report ' + JSON.stringify(report));
});

const K = 'digitscurve';
const state = (page) => page.evaluate((k) => document.querySelector(`#fig-${k}`).dataset.state, K);
const progress = (page) => page.evaluate((k) => document.querySelector(`#fig-${k} .hd-progress progress`).value, K);

test('the latent curve trains in the worker with progress and cancel, and its caption is the table', async () => {
  const { page, context, log } = await open(browser, base, base + '#fig-digitscurve');
  await page.locator(fig(K)).scrollIntoViewIfNeeded();
  // The data arrive; the pixel curves start.
  await page.waitForFunction((k) => ['busy', 'done'].includes(document.querySelector(`#fig-${k}`)?.dataset.state), K, { timeout: 60000 });
  const select = page.getByLabel('Reduction', { exact: true });
  await select.selectOption('latent');
  // The link remembers the choice (the URL is written shortly after a change).
  await page.waitForFunction(() => new URL(location.href).searchParams.get('dg.red') === 'latent', null, { timeout: 5000 });

  // Progress: the bar moves and the caption says which network trains, epoch by epoch.
  await page.waitForFunction((k) => /Training the k = \d+ network: epoch \d+ of 5, minibatch \d+ of 32/.test(document.querySelector(`#fig-${k} .hd-caption`).textContent), K, { timeout: 30000 });
  await page.waitForFunction((k) => document.querySelector(`#fig-${k} .hd-progress progress`).value > 0.02, K, { timeout: 30000 });
  assert.equal(await state(page), 'busy');
  const cancel = page.locator(`${fig(K)} .hd-cancel`);

  // Cancel: the worker stops; nothing moves any more.
  await cancel.click();
  assert.equal(await cancel.textContent(), 'Resume');
  assert.equal(await state(page), 'ready');
  const p0 = await progress(page);
  const c0 = await caption(page, K);
  await page.waitForTimeout(1500);
  assert.equal(await progress(page), p0, 'progress frozen after cancel');
  assert.equal(await caption(page, K), c0, 'caption frozen after cancel');
  assert.doesNotMatch(c0, /in a 64-dimensional/, 'cancelled before the end');

  // Resume runs the whole curve from the start: time it (the default setting).
  const lt0 = await longTasks(page);
  const t0 = Date.now();
  await cancel.click();
  await page.waitForFunction((k) => document.querySelector(`#fig-${k}`).dataset.state === 'done', K, { timeout: 180000 });
  report.defaultLatentMs = Date.now() - t0;
  const lt1 = await longTasks(page);
  report.longTasksDuringTraining = { count: lt1.count - lt0.count, maxSoFar: lt1.max };
  const cap = await caption(page, K);
  report.caption = cap;
  assert.match(cap, /784-64-k-10 networks trained for 5 epochs on N = 1,000 digits, 1,000 test digits/);
  const m = cap.match(/in a 16-dimensional latent space the net classifies ([\d.]+)% of test digits correctly while ([\d.]+)% lie inside the training hull; in 64 dimensions, ([\d.]+)% correct and ([\d.]+)% inside\./);
  assert.ok(m, cap);
  const [acc16, in16, acc64, in64] = m.slice(1).map(Number);
  // The caption rounds: half a unit of its last digit.
  const tol = (s) => 0.5 * 10 ** -((s.split('.')[1] || '').length) + 1e-9;
  const [tAcc16, tIn16, tAcc64, tIn64] = m.slice(1).map(tol);
  // Far above chance (10%); and almost no test code inside the hull of the training codes.
  assert.ok(acc16 > 80 && acc64 > 80, cap);
  assert.ok(in16 < 20 && in64 < 5, cap);
  assert.doesNotMatch(cap, /Training|Placing/);

  // The data table holds the same numbers, and its new column.
  await page.locator(`${fig(K)} .hd-data-toggle`).click();
  const rows = await page.locator(`${fig(K)} .hd-data table`).evaluate((t) => ({
    head: [...t.querySelectorAll('thead th')].map((c) => c.textContent),
    body: [...t.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent)),
  }));
  assert.equal(rows.head.at(-1), 'test accuracy of the net');
  const latentRows = rows.body.filter((r) => r[0] === 'latent space of a trained net');
  assert.deepEqual(latentRows.map((r) => Number(r[1])), [1, 4, 9, 16, 25, 36, 49, 64]);
  const at = (k) => latentRows.find((r) => Number(r[1]) === k);
  const num = (s) => Number(String(s).replace(/[^\d.eE-]/g, ''));
  for (const [k, acc, inside, ta, ti] of [[16, acc16, in16, tAcc16, tIn16], [64, acc64, in64, tAcc64, tIn64]]) {
    const r = at(k);
    assert.equal(num(r[2]), 1000, 'the nets train on their own N');
    assert.ok(Math.abs(num(r[7]) * 100 - acc) <= ta, `accuracy at k=${k}: ${r} vs ${acc}`);
    assert.ok(Math.abs(num(r[5]) * 100 - inside) <= ti, `inside at k=${k}: ${r} vs ${inside}`);
    assert.equal(num(r[3]) / num(r[4]), num(r[5]), `share = inside / tests at k=${k}`);
  }
  // At k = 1 nearly every test code is inside: the curve falls as the bottleneck widens.
  assert.ok(num(at(1)[5]) > 0.9, JSON.stringify(at(1)));
  await page.locator(fig(K)).screenshot({ path: path.join(SHOTS, 'digitscurve-latent.png') });
  await clean(page, log);
  await context.close();
});

test('"all four": the pixel curves, then the nets, in one worker; the nets\' controls follow the reduction', async () => {
  const q = '?dg.red=all4&dg.n=200&dg.tests=100&dg.kmax=16&dg.nn=200&dg.ep=1&dg.seed=3#fig-digitscurve';
  const { page, context, log } = await open(browser, base, base + q);
  await page.locator(fig(K)).scrollIntoViewIfNeeded();
  // The pixel curves come first; the networks' caption appears once they are done.
  await page.waitForFunction((k) => /With 16 principal components/.test(document.querySelector(`#fig-${k} .hd-caption`).textContent), K, { timeout: 60000 });
  await page.waitForFunction((k) => document.querySelector(`#fig-${k}`).dataset.state === 'done', K, { timeout: 60000 });
  const cap = await caption(page, K);
  assert.match(cap, /With 16 principal components, [\d.]+% of test digits lie inside the training hull\./);
  assert.match(cap, /trained for 1 epoch on N = 200 digits, 100 test digits: in a 16-dimensional latent space the net classifies [\d.]+% of test digits correctly while [\d.]+% lie inside the training hull\./);
  await page.locator(fig(K)).screenshot({ path: path.join(SHOTS, 'digitscurve-all4.png') });
  // The keyboard path: focus the reduction and step to "principal components"; the nets'
  // controls are then disabled (they would change nothing), the pixel N enabled.
  const disabled = () => page.evaluate(() => Object.fromEntries(['ep', 'nn', 'n'].map((key) => [key, document.getElementById(`dg-${key}`).disabled])));
  assert.deepEqual(await disabled(), { ep: false, nn: false, n: false });
  await page.getByLabel('Reduction', { exact: true }).focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('dg.red') === 'pca', null, { timeout: 5000 });
  assert.deepEqual(await disabled(), { ep: true, nn: true, n: false });
  await page.waitForFunction((k) => document.querySelector(`#fig-${k}`).dataset.state === 'done', K, { timeout: 60000 });
  assert.doesNotMatch(await caption(page, K), /latent/);
  await clean(page, log);
  await context.close();
});
