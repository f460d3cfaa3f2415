// wasm half of scripts/bench-hull.sh: times the wasm build (Node's V8, the engine of
// Chromium) on the instances written by examples/hull_compare.rs. Prints JSON.
// Usage: node scripts/bench/hull_wasm.mjs DIR QUERIES
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [dir, queriesArg] = process.argv.slice(2);
const queries = Number(queriesArg || 200);
const require = createRequire(import.meta.url);
const wasm = require(path.resolve(dir, 'pkg/highdim.js'));
const read = (f) => { const b = fs.readFileSync(path.join(dir, f)); return new Float64Array(b.buffer, b.byteOffset, b.length / 8); };

const cells = [];
for (const d of [2, 4, 8, 16, 32, 64]) {
  for (const n of [100, 1000, 10000]) {
    const bench = new wasm.HullBench(d, read(`d${d}_n${n}.train.f64`));
    const q = read(`d${d}_n${n}.query.f64`);
    const times = [];
    let inside = 0, passes = 0;
    for (let i = 0; i < queries; i++) {
      const x = q.subarray(i * d, (i + 1) * d);
      const t = performance.now();
      const r = bench.classify(x);
      times.push(performance.now() - t);
      inside += r & 1; passes += r >> 1;
    }
    bench.free();
    times.sort((a, b) => a - b);
    cells.push({ d, n, queries, median_us: times[queries >> 1] * 1000, inside: inside / queries, passes: passes / queries });
  }
}
const t = performance.now();
const paperInside = wasm.paper_workload(100, 1n);
const paper_s = (performance.now() - t) / 1000;
console.log(JSON.stringify({ cells, paper_s, paper_inside: paperInside }));
