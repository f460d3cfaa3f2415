// Generates the pages derived from the built site (run by scripts/build.sh):
//   embed/<kind>.html     one standalone page per figure of index.html, for iframes
//   offline/highdim.html  the whole article as one self-contained file (wasm inlined as
//   offline/<kind>.html   base64, the worker from a Blob), which opens from file://
// Usage: node scripts/pages.mjs SITE_DIR BUILD_LABEL
import fs from 'node:fs';
import path from 'node:path';

const [site, label = 'dev'] = process.argv.slice(2);
const read = (f) => fs.readFileSync(path.join(site, f), 'utf8');
const index = read('index.html');

// The figures, in article order, with their titles (the heading each figure is labelled by)
// and fallback text.
const figures = [];
const figRe = /<figure class="hd-figure" data-kind="([a-z0-9]+)" id="fig-[a-z0-9]+" aria-labelledby="([^"]+)">\s*<div class="hd-slot"><p class="hd-fallback">([\s\S]*?)<\/p><\/div>/g;
for (const m of index.matchAll(figRe)) {
  const [, kind, labelledBy, fallback] = m;
  const h = index.match(new RegExp(`id="${labelledBy}"[^>]*>([\\s\\S]*?)</h[1-6]>`));
  const title = h ? h[1].replace(/<[^>]+>/g, '').replace(/^\d+\.\s*/, '').trim() : kind;
  figures.push({ kind, title, fallback });
}
if (figures.length === 0) throw new Error('no figures found in index.html');

const fill = (tpl, f) => tpl.replaceAll('{{KIND}}', f.kind).replaceAll('{{TITLE}}', f.title).replaceAll('{{FALLBACK}}', f.fallback);
// The template comes from the repository (the build does not copy it into the site).
const template = fs.readFileSync(new URL('../www/embed.html', import.meta.url), 'utf8');
fs.mkdirSync(path.join(site, 'embed'), { recursive: true });
for (const f of figures) fs.writeFileSync(path.join(site, 'embed', `${f.kind}.html`), fill(template, f));

// ------------------------------------------------------------------ single files
const css = read('www/style.css');
const glue = read('www/pkg/highdim.js');
const page = read('www/highdim.js');
const worker = read('www/worker.js');
const assetsJs = read('www/assets.js');
// The digits of the "Real images" section, gzipped: inlined into the offline files that show
// those figures (a file:// page cannot fetch them).
const digitsGzPath = path.join(site, 'data/mnist5k.bin.gz');
const digitsGz = fs.existsSync(digitsGzPath) ? fs.readFileSync(digitsGzPath).toString('base64') : null;
const wasm = fs.readFileSync(path.join(site, 'www/pkg/highdim_bg.wasm')).toString('base64');
// A JS string literal that is safe inside <script>.
const lit = (s) => JSON.stringify(s).replaceAll('</', '<\\/');
const OFFLINE_CSP = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; base-uri 'none'; form-action 'none'";
// Chromium refuses module workers from Blob URLs of a file:// page (opaque origin), so the
// offline worker is a classic script: the wasm-bindgen glue with its exports turned into
// plain declarations, then the worker script with its import turned into a local binding.
const workerImport = /^import init, \{([^}]*)\} from '\.\/pkg\/highdim\.js';$/m;
if (!workerImport.test(worker)) throw new Error('www/worker.js: unexpected import line');
const classicGlue = glue
  .replace(/^export \{[^}]*\};?$/m, '')
  .replace(/^export (class|function|const|let) /gm, '$1 ')
  .replaceAll('import.meta.url', 'self.location.href');
if (/^\s*(import|export)\b/m.test(classicGlue)) throw new Error('wasm-bindgen glue: unexpected module syntax');
const standaloneWorker = `${classicGlue}\nconst init = __wbg_init;\n${worker.replace(workerImport, '')}`;
// The same classic worker, served, for embeds in sandboxed (opaque-origin) iframes.
fs.writeFileSync(path.join(site, 'www/worker-classic.js'), standaloneWorker);
const boot = `<script>globalThis.HIGHDIM_WASM_BASE64 = ${lit(wasm)};</script>
<script type="module">
const blob = (src) => URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
const glue = blob(${lit(glue)});
const assets = blob(${lit(assetsJs)});
globalThis.HIGHDIM_WORKER_URL = blob(${lit(standaloneWorker)});
await import(blob(${lit(page)}.replaceAll('./pkg/highdim.js', glue).replaceAll('./assets.js', assets)));
</script>`;

function singleFile(html, articleHref) {
  let out = html
    .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">\n<meta name="highdim-build" content="${label}">`)
    .replace(/<link rel="stylesheet" href="[^"]*style\.css">/, () => `<style>\n${css}</style>`)
    .replace(/<script type="module" src="[^"]*highdim\.js"><\/script>/, () => boot);
  if (digitsGz && html.includes('data-kind="digits')) {
    out = out.replace('<script>globalThis.HIGHDIM_WASM_BASE64', () => `<script>globalThis.HIGHDIM_ASSETS = { mnist5k: ${lit(digitsGz)} };</script>\n<script>globalThis.HIGHDIM_WASM_BASE64`);
  }
  if (articleHref) out = out.replaceAll('href="../index.html#', `href="${articleHref}#`);
  // Where the page shows its version, the offline copy shows its build too.
  out = out.replace('<span class="hd-version">highdim</span>', `<span class="hd-version">highdim</span> <span class="hd-build">(offline copy, ${label})</span>`);
  if (!out.includes('class="hd-build"')) out = out.replace('</main>', `<p class="hd-build">highdim offline copy, ${label}</p>\n</main>`);
  return out;
}

fs.mkdirSync(path.join(site, 'offline'), { recursive: true });
fs.writeFileSync(path.join(site, 'offline', 'highdim.html'), singleFile(index));
for (const f of figures) {
  fs.writeFileSync(path.join(site, 'offline', `${f.kind}.html`), singleFile(fill(template, f), 'highdim.html'));
}
fs.writeFileSync(path.join(site, 'figures.json'), JSON.stringify(figures.map(({ kind, title }) => ({ kind, title })), null, 1));
console.error(`[pages] ${figures.length} embed pages, ${figures.length + 1} offline files (${label})`);
