// Cross-engine smoke tier: the built site in Firefox ESR (geckodriver) and WebKitGTK
// (WebKitWebDriver, Safari's engine, under xvfb-run), over plain W3C WebDriver.
//
// For each engine it opens
//   - the article, served over HTTP on 127.0.0.1 (scripts/server.mjs),
//   - the embed page of every figure (embed/<kind>.html, the list from figures.json),
//   - the offline single file offline/highdim.html, from file://,
// and for every figure on the page: scrolls it into view, waits for the state the page reports
// (figure.hd-figure[data-state] = "done": final picture drawn, no job running; on the embed
// pages and the offline copy, the first picture drawn), checks that its canvas is drawn (not
// one flat colour), moves one control (the first enabled slider, to its minimum, with input
// and change events) and waits for "done" again with different pixels. A figure
// reporting "error" or showing an error box fails at once. After each page: no console.error or
// console.warn call, uncaught error, failed resource load, CSP violation or unhandled rejection
// recorded (a recorder is injected right after navigation; see ARCHITECTURE.md, "Tests").
//
// Usage: node tests/xengine/smoke.mjs            (after scripts/build.sh target/site)
// Env:   HIGHDIM_SITE (default target/site), XENGINE=firefox,webkit (default both),
//        GECKODRIVER, FIREFOX, MINIBROWSER (paths; found on PATH / with dpkg -S otherwise),
//        XENGINE_FIGURE_MS (per-figure wait, default 150000), XENGINE_PAGES (a regular expression:
//        only the pages whose label matches, for debugging).
// Exits 1 with one line per failure naming engine, page, figure and what failed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '../../scripts/server.mjs';
import { Driver, freePort } from './webdriver.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SITE = path.resolve(process.env.HIGHDIM_SITE || path.join(repo, 'target/site'));
const FIGURE_MS = Number(process.env.XENGINE_FIGURE_MS || 150000);
const WIDTH = 1280, HEIGHT = 900;

const which = (cmd) => { try { return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim(); } catch { return ''; } };
function need(what, file, hint) {
  if (!file || !fs.existsSync(file)) throw new Error(`${what} not found${file ? ` at ${file}` : ''}: ${hint}`);
  return file;
}
// MiniBrowser is installed by libwebkit2gtk-4.1-0 under a libexec folder, not on PATH.
function miniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  try {
    return execFileSync('dpkg', ['-S', '*/MiniBrowser'], { encoding: 'utf8' }).split('\n')
      .map((l) => l.split(': ')[1]).find((p) => p && fs.existsSync(p) && fs.statSync(p).isFile()) || '';
  } catch { return ''; }
}

const ENGINES = {
  firefox: async () => {
    const gecko = need('geckodriver', process.env.GECKODRIVER || which('geckodriver'), 'run scripts/setup.sh engines');
    const firefox = need('firefox-esr', process.env.FIREFOX || which('firefox-esr'), 'run scripts/setup.sh engines');
    const ws = await freePort(); // geckodriver's WebDriver BiDi port (default 9222, maybe taken)
    return {
      name: 'Firefox ESR',
      driver: new Driver('geckodriver', [gecko, '--host', '127.0.0.1', '--websocket-port', String(ws)], (p) => ['--port', String(p)]),
      capabilities: {
        browserName: 'firefox',
        'moz:firefoxOptions': { binary: firefox, args: ['-headless', `-width=${WIDTH}`, `-height=${HEIGHT}`] },
      },
    };
  },
  webkit: async () => {
    const driver = need('WebKitWebDriver', which('WebKitWebDriver'), 'run scripts/setup.sh engines (webkit2gtk-driver)');
    const xvfb = need('xvfb-run', which('xvfb-run'), 'run scripts/setup.sh engines (xvfb)');
    const binary = need('MiniBrowser', miniBrowser(), 'run scripts/setup.sh engines (libwebkit2gtk-4.1-0 installs it; dpkg -S MiniBrowser)');
    return {
      name: 'WebKitGTK',
      driver: new Driver('WebKitWebDriver', [xvfb, '-a', '-s', `-screen 0 ${WIDTH}x${HEIGHT + 200}x24`, driver], (p) => [`--port=${p}`]),
      capabilities: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary, args: ['--automation'] } },
    };
  },
};

// ------------------------------------------------------------------ in the page
// Everything below runs inside the page (its source is sent over WebDriver), so it uses only
// what every engine has. One function, switched on `op`, so each call carries its helpers.
function pageOp(op, arg) {
  const figure = (kind) => document.querySelector(`figure.hd-figure[data-kind="${kind}"]`);
  // The canvas' pixels: a hash, how many differ from the top-left one, and a few colours.
  const pixels = (f) => {
    const c = f && f.querySelector('canvas');
    if (!c) return { canvas: false };
    if (!c.width || !c.height) return { canvas: true, width: c.width, height: c.height, drawn: false };
    const d = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
    let hash = 0x811c9dc5, other = 0;
    const colours = new Set();
    for (let i = 0; i < d.length; i++) {
      hash = Math.imul(hash ^ d[i], 16777619) >>> 0;
      if (d[i] !== d[0]) other++;
      if (colours.size < 16) colours.add(d[i]);
    }
    // Drawn: more than one colour and at least 0.2% of the pixels unlike the background.
    return { canvas: true, width: c.width, height: c.height, hash, colours: colours.size, other, drawn: colours.size > 1 && other > d.length * 0.002 };
  };
  const errors = (f) => [...f.querySelectorAll('.hd-error')].filter((e) => !e.hidden && e.textContent.trim()).map((e) => e.textContent.trim());
  switch (op) {
    case 'record': {
      if (window.__xengine) return 'already';
      const log = window.__xengine = [];
      // An Error as "Name: message (where)": Firefox's stack has no message line, WebKit's no "at".
      const one = (x) => (x && typeof x.message === 'string' && x.name ? `${x.name}: ${x.message} (${String(x.stack || '').trim().split('\n')[0]})` : String(x));
      const text = (a) => a.map(one).join(' ');
      for (const level of ['error', 'warn']) {
        const orig = console[level];
        console[level] = function (...a) { log.push(`console.${level}: ${text(a)}`); return orig.apply(this, a); };
      }
      window.addEventListener('error', (e) => {
        if (e.target && e.target !== window) log.push(`failed to load <${e.target.tagName.toLowerCase()}> ${e.target.src || e.target.href || ''}`);
        else log.push(`uncaught error: ${e.message} (${e.filename}:${e.lineno})`);
      }, true);
      window.addEventListener('unhandledrejection', (e) => log.push(`unhandled rejection: ${one(e.reason)}`));
      document.addEventListener('securitypolicyviolation', (e) => log.push(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      return 'installed';
    }
    case 'log': return window.__xengine || ['(the error recorder is gone: the page navigated away)'];
    case 'figures': return document.readyState === 'loading' ? null
      : [...document.querySelectorAll('figure.hd-figure[data-kind]')].map((f) => f.dataset.kind);
    case 'canvases': return [...document.querySelectorAll('canvas')].map((c) => ({ kind: c.closest('figure')?.dataset.kind, ...pixels(c.closest('figure') || c.parentElement) }));
    // Waits until the figure reports "done" (and, with arg.before, until its pixels differ
    // from that hash) — or, with arg.drawn, until it has drawn a picture that is not blank
    // (state ready, busy or done) — and fails at once on "error" or a visible error box, or
    // after arg.ms.
    case 'settle': return new Promise((resolve) => {
      const f = figure(arg.kind);
      if (!f) { resolve({ ok: false, why: 'no such figure on the page' }); return; }
      f.scrollIntoView({ block: 'center' });
      const end = performance.now() + arg.ms;
      const tick = () => {
        const state = f.dataset.state, errs = errors(f);
        if (state === 'error' || errs.length) { resolve({ ok: false, why: `the figure shows an error (state ${state}): ${errs.join(' | ')}` }); return; }
        let px = null;
        if (arg.drawn && ['ready', 'busy', 'done'].includes(state)) {
          px = pixels(f);
          if (px.drawn) { resolve({ ok: true, state, px }); return; }
        } else if (state === 'done') {
          px = pixels(f);
          if (arg.before === undefined || px.hash !== arg.before) { resolve({ ok: true, state, px }); return; }
        }
        if (performance.now() > end) {
          const progress = f.querySelector('progress');
          const want = arg.drawn ? 'a drawn canvas' : `state "done"${arg.before === undefined ? '' : ' with new pixels'}`;
          resolve({ ok: false, why: `timed out after ${arg.ms} ms waiting for ${want}: state ${state}` +
            `${progress && !progress.closest('[hidden]') ? `, progress ${progress.value}` : ''}${px ? (arg.drawn ? ', canvas blank' : ', pixels unchanged') : ''}` });
          return;
        }
        setTimeout(tick, 50);
      };
      tick();
    });
    // Moves the figure's first enabled slider to its minimum (one step up when it is there):
    // the cheapest setting of a dimension or sample size, so slow engines recompute quickly.
    case 'move': {
      const f = figure(arg.kind);
      const r = [...f.querySelectorAll('.hd-controls input[type=range]')].find((x) => !x.disabled && !x.closest('[hidden]'));
      if (!r) return { ok: false, why: 'no enabled slider' };
      const from = r.value, min = Number(r.min), step = Number(r.step) || 1;
      r.value = String(Number(from) > min ? min : min + step);
      r.dispatchEvent(new Event('input', { bubbles: true }));
      r.dispatchEvent(new Event('change', { bubbles: true }));
      return { ok: true, id: r.id, from, to: r.value };
    }
    default: throw new Error(`unknown op ${op}`);
  }
}

// ------------------------------------------------------------------ one page
// `full`: wait for every figure's first computation to finish ("done") before moving its
// control; otherwise for its first picture only (the move then restarts the computation, which
// must finish). The article is checked in full once per engine; the embed pages and the offline
// copy share its figures' code, so they skip the slow default jobs (a minute in WebKitGTK for
// the digits curve) and still finish the cheaper job started by the move.
async function checkPage(s, engine, { label, url, expected, full }, failures) {
  const fail = (figure, what) => {
    const line = `[${engine}] ${label}${figure ? `, figure ${figure}` : ''}: ${what}`;
    failures.push(line);
    console.log(`  FAIL ${line}`);
  };
  const t0 = Date.now();
  await s.navigate(url);
  await s.execute(pageOp, 'record');
  // The page's figures, once the document is parsed (readyState may still be "interactive").
  let kinds = null;
  for (const end = Date.now() + 30000; Date.now() < end && !kinds;) {
    kinds = await s.execute(pageOp, 'figures');
    if (!kinds) await new Promise((r) => setTimeout(r, 100));
  }
  if (!kinds) { fail(null, 'the document did not finish parsing within 30 s'); return; }
  const missing = expected.filter((k) => !kinds.includes(k));
  if (missing.length) fail(null, `figures missing from the page: ${missing.join(', ')} (found: ${kinds.join(', ') || 'none'})`);
  const lines = [];
  for (const kind of kinds) {
    const t = Date.now();
    const first = await s.executeAsync(pageOp, 'settle', { kind, ms: FIGURE_MS, drawn: !full });
    const drawnMs = Date.now() - t;
    if (!first.ok) { fail(kind, `before any input: ${first.why}`); continue; }
    if (!first.px.drawn) { fail(kind, `canvas blank at state "${first.state}" (${JSON.stringify(first.px)})`); continue; }
    const moved = await s.execute(pageOp, 'move', { kind });
    if (!moved.ok) { fail(kind, moved.why); continue; }
    const what = `slider #${moved.id} ${moved.from} → ${moved.to}`;
    const second = await s.executeAsync(pageOp, 'settle', { kind, ms: FIGURE_MS, before: first.px.hash });
    if (!second.ok) { fail(kind, `after moving ${what}: ${second.why}`); continue; }
    if (!second.px.drawn) { fail(kind, `canvas blank after moving ${what}`); continue; }
    lines.push(`${kind}: ${full ? 'done' : `drawn (${first.state})`} in ${drawnMs} ms; ${what}: done in ${Date.now() - t - drawnMs} ms`);
  }
  // Every canvas on the page, drawn (also ones outside figures, should any appear).
  for (const c of await s.execute(pageOp, 'canvases')) if (!c.drawn) fail(c.kind ?? '(no figure)', `a canvas is blank at the end (${JSON.stringify(c)})`);
  const log = await s.execute(pageOp, 'log');
  for (const entry of log) fail(null, `console/page error: ${entry}`);
  console.log(`  ${label}: ${kinds.length} figure(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s${lines.length <= 1 && lines[0] ? ` — ${lines[0]}` : ''}`);
  if (lines.length > 1) for (const l of lines) console.log(`    ${l}`);
}

// ------------------------------------------------------------------ main
async function main() {
  const failures = [];
  for (const f of ['index.html', 'figures.json', 'offline/highdim.html']) {
    if (!fs.existsSync(path.join(SITE, f))) throw new Error(`${path.join(SITE, f)} is missing: build the site first (scripts/build.sh target/site)`);
  }
  const kinds = JSON.parse(fs.readFileSync(path.join(SITE, 'figures.json'), 'utf8')).map((f) => f.kind);
  const wanted = (process.env.XENGINE || 'firefox,webkit').split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of wanted) if (!ENGINES[e]) throw new Error(`unknown engine "${e}" in XENGINE (known: ${Object.keys(ENGINES).join(', ')})`);

  const server = await serve(SITE, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const pages = [
    { label: 'article (index.html)', url: base + 'index.html', expected: kinds, full: true },
    ...kinds.map((k) => ({ label: `embed/${k}.html`, url: `${base}embed/${k}.html`, expected: [k] })),
    { label: 'offline/highdim.html (file://)', url: pathToFileURL(path.join(SITE, 'offline/highdim.html')).href, expected: kinds },
  ].filter((p) => !process.env.XENGINE_PAGES || new RegExp(process.env.XENGINE_PAGES).test(p.label));
  const running = new Set();
  const stopAll = async () => { for (const d of running) await d.stop(); running.clear(); };
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { stopAll().finally(() => process.exit(130)); });

  try {
    for (const name of wanted) {
      const t0 = Date.now();
      let engine, session;
      try {
        engine = await ENGINES[name]();
        console.log(`${engine.name}:`);
        running.add(engine.driver);
        await engine.driver.start();
        session = await engine.driver.session(engine.capabilities);
        const caps = session.capabilities;
        console.log(`  ${caps.browserName} ${caps.browserVersion} via ${engine.driver.name} on 127.0.0.1:${engine.driver.port}`);
        await session.timeouts({ script: FIGURE_MS + 30000, pageLoad: 120000 });
        await session.setWindowRect({ width: WIDTH, height: HEIGHT }).catch(() => { /* headless may refuse; the args set the size */ });
        for (const p of pages) {
          try {
            await checkPage(session, engine.name, p, failures);
          } catch (e) {
            failures.push(`[${engine.name}] ${p.label}: ${e.message}`);
            console.log(`  FAIL ${failures.at(-1)}`);
          }
        }
      } catch (e) {
        failures.push(`[${engine?.name ?? name}] ${e.message}`);
        console.log(`  FAIL ${failures.at(-1)}`);
      } finally {
        await session?.close();
        await engine?.driver.stop();
        if (engine) running.delete(engine.driver);
        console.log(`  ${engine?.name ?? name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    await stopAll();
    server.close();
  }
  if (failures.length) {
    console.error(`\ncross-engine smoke: ${failures.length} failure(s):\n${failures.map((f) => '  ' + f).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`\ncross-engine smoke: ${wanted.length} engine(s) × ${pages.length} pages, every figure drawn and moved, no errors`);
  }
}

main().catch((e) => { console.error(`cross-engine smoke: ${e.message}`); process.exitCode = 1; });
