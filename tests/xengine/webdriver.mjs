// A minimal W3C WebDriver client over fetch() (Node 20), enough for the cross-engine smoke tier:
// start a driver process on a free port, open a session, navigate, run scripts, close.
// It speaks only the W3C protocol (no vendor commands), so the same calls drive geckodriver
// (Firefox) and WebKitWebDriver (WebKitGTK). No npm package is needed.
import { spawn } from 'node:child_process';
import net from 'node:net';

// A TCP port that was free a moment ago (the kernel picks it; we close it and hand it on).
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export class WebDriverError extends Error {
  constructor(command, status, value) {
    super(`${command}: HTTP ${status} ${value?.error ?? ''}: ${String(value?.message ?? JSON.stringify(value)).split('\n')[0]}`);
    this.error = value?.error;
  }
}

// A driver process. `argv` is the command line without the port, `portArg(port)` the
// arguments that set it. The process runs in its own process group (detached), so stop()
// ends it with everything it started (a browser, xvfb-run's X server) and nothing else.
export class Driver {
  constructor(name, argv, portArg, env = process.env) {
    Object.assign(this, { name, argv, portArg, env });
    this.log = '';
    this.child = null;
  }

  async start(timeoutMs = 30000) {
    this.port = await freePort();
    const [cmd, ...args] = this.argv;
    this.child = spawn(cmd, [...args, ...this.portArg(this.port)], { env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d) => { this.log = (this.log + d).slice(-20000); };
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child.on('error', (e) => keep(`spawn error: ${e.message}\n`));
    this.base = `http://127.0.0.1:${this.port}`;
    // Ready when GET /status says so (polled; a driver answers within a second or two).
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) break;
      try {
        const r = await fetch(`${this.base}/status`, { signal: AbortSignal.timeout(2000) });
        const body = await r.json();
        if (body?.value?.ready) return this;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    const why = this.child.exitCode !== null ? `exited with code ${this.child.exitCode}` : `not ready within ${timeoutMs} ms`;
    await this.stop();
    throw new Error(`${this.name}: the driver ${why}. Its output:\n${this.log.slice(-3000)}`);
  }

  // SIGTERM to the process group; SIGKILL if it is still there after 5 s.
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const kill = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
    kill('SIGTERM');
    const t = setTimeout(() => kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(t);
    kill('SIGKILL'); // stragglers of the group (a browser that outlived its driver)
  }

  async session(capabilities, timeoutMs = 60000) {
    const value = await request(this.base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } }, 'new session', timeoutMs);
    return new Session(this.base, value.sessionId, value.capabilities);
  }
}

async function request(base, method, path, body, what, timeoutMs) {
  let r;
  try {
    r = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new Error(`${what}: no answer from the driver within ${timeoutMs} ms (${e.name}: ${e.message})`);
  }
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { throw new Error(`${what}: HTTP ${r.status}, not JSON: ${text.slice(0, 300)}`); }
  if (!r.ok) throw new WebDriverError(what, r.status, json.value);
  return json.value;
}

export class Session {
  constructor(base, id, capabilities) {
    Object.assign(this, { base, id, capabilities });
    this.scriptMs = 30000;
  }

  cmd(method, path, body, what, timeoutMs = 60000) {
    return request(this.base, method, `/session/${this.id}${path}`, body, what, timeoutMs);
  }

  async timeouts({ script, pageLoad, implicit = 0 }) {
    if (script) this.scriptMs = script;
    await this.cmd('POST', '/timeouts', { script, pageLoad, implicit }, 'set timeouts');
  }

  navigate(url, timeoutMs = 120000) { return this.cmd('POST', '/url', { url }, `navigate to ${url}`, timeoutMs); }
  url() { return this.cmd('GET', '/url', undefined, 'get url'); }
  setWindowRect(rect) { return this.cmd('POST', '/window/rect', rect, 'set window rect'); }

  // Runs `fn` (a function; its source is sent) with `args` in the page and returns its result.
  execute(fn, ...args) {
    return this.cmd('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments);`, args }, 'execute script', this.scriptMs + 10000);
  }

  // Runs `fn(...args)` in the page, which returns a promise; resolves with its value. The
  // driver's script timeout bounds it (set with timeouts()).
  executeAsync(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((v) => done({ ok: true, value: v }), (e) => done({ ok: false, error: String(e && (e.stack || e.message) || e) }));`;
    return this.cmd('POST', '/execute/async', { script, args }, 'execute async script', this.scriptMs + 10000)
      .then((r) => { if (!r || !r.ok) throw new Error(`script failed in the page: ${r?.error}`); return r.value; });
  }

  async close() {
    try { await this.cmd('DELETE', '', undefined, 'delete session', 20000); } catch { /* the driver is stopped next anyway */ }
  }
}
