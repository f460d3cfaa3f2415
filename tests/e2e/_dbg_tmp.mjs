import { start, open } from './helpers.mjs';
const { server, browser, base } = await start();
const { page } = await open(browser, base, `${base}embed/relu.html?v=1&nn.depth=6&nn.width=32&nn.data=spirals`, { width: 1100 });
await page.waitForFunction(() => document.querySelector('#fig-relu')?.dataset.state === 'done', null, { timeout: 60000 });
await page.evaluate(() => {
  window.__longTasks.length = 0;
  const f = window.highdim.figures.get('relu');
  const h = f.handle;
  window.__c = [];
  for (const name of ['tick', 'draw', 'job', 'accept', 'accept_bytes', 'summary', 'controls']) {
    const orig = h[name].bind(h);
    h[name] = (...a) => { const t = performance.now(); try { return orig(...a); } finally { window.__c.push([Math.round(t), name, Math.round((performance.now() - t) * 10) / 10]); } };
  }
  window.__lt = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask' });
});
await page.locator('#fig-relu .hd-actions button', { hasText: 'Play' }).click();
await page.waitForTimeout(5000);
const r = await page.evaluate(() => ({ c: window.__c.filter((x) => x[2] > 8), lt: window.__lt }));
console.log(JSON.stringify(r.lt));
console.log(r.c.map((x) => x.join(' ')).join('\n'));
await browser.close(); server.close();
