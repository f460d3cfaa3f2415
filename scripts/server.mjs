// A small static file server for the built site, bound to 127.0.0.1.
// Usage: node scripts/server.mjs DIR [PORT]   (PORT 0 picks a free port)
// Also imported by the end-to-end tests (serve()).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

export function serve(dir, port = 0, extra = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    // Test hosts can add fixed pages (e.g. a page that embeds a figure in an iframe).
    const fixed = extra[new URL(req.url, 'http://x').pathname];
    if (fixed) { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixed); return; }
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
    let file = path.join(root, rel);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      // CORS lets a sandboxed (opaque-origin) iframe of an embed page load the module and wasm.
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
        'access-control-allow-origin': '*',
      });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = process.argv[2] || 'target/site';
  const port = Number(process.argv[3] ?? 8000);
  const server = await serve(dir, port);
  console.log(`highdim is served at http://127.0.0.1:${server.address().port}/  (Ctrl-C to stop)`);
}
