// Prints the comparison table of scripts/bench-hull.sh from its three JSON reports.
import fs from 'node:fs';
const [nativeF, wasmF, scipyF] = process.argv.slice(2);
const native = JSON.parse(fs.readFileSync(nativeF, 'utf8'));
const wasm = JSON.parse(fs.readFileSync(wasmF, 'utf8'));
const scipy = scipyF && fs.existsSync(scipyF) ? JSON.parse(fs.readFileSync(scipyF, 'utf8')) : null;
const key = (c) => `${c.d}/${c.n}`;
const S = new Map((scipy?.cells || []).map((c) => [key(c), c]));
const W = new Map(wasm.cells.map((c) => [key(c), c]));
const f = (x, w = 9, p = 1) => (x == null ? '-' : x.toFixed(p)).padStart(w);
console.log('median time per query (µs), Gaussian data, verdict-only membership');
console.log(['  d', '     N', '   native', '     wasm', '    scipy', ' scipy/wasm', ' wasm/native', ' inside', ' inside(scipy)', ' passes'].join(' '));
const ratios = [];
for (const c of native.cells) {
  const w = W.get(key(c)); const s = S.get(key(c));
  const r = s ? s.median_us / w.median_us : null;
  if (r) ratios.push(r);
  console.log([String(c.d).padStart(3), String(c.n).padStart(6), f(c.median_us), f(w.median_us), f(s?.median_us, 9, 0),
    f(r, 11, 0), f(w.median_us / c.median_us, 12, 2), f(w.inside, 7, 3), f(s?.inside, 14, 3), f(w.passes, 7, 2)].join(' '));
}
ratios.sort((a, b) => a - b);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`\npasses over the data per query, averaged over the grid: ${mean(wasm.cells.map((c) => c.passes)).toFixed(2)}`);
if (ratios.length) console.log(`scipy/wasm speed ratio, median across the grid: ${ratios[ratios.length >> 1].toFixed(0)}× (target ≥ 300×)`);
console.log(`paper workload (d = 1..32 × N ∈ {10,100,1000,10000} × 100 tests = 12,800 tests): native ${native.paper_s.toFixed(2)} s, wasm ${wasm.paper_s.toFixed(2)} s (target ≤ 2 s in the browser)`);
