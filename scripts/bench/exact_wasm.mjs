// wasm half of scripts/bench-exact.sh: times the exact Gaussian hull probability in the wasm
// build (Node's V8, the engine of Chromium): the internal angles once, one curve of 60
// training-set sizes and N50 for several d (median of repeated runs). Usage:
// node scripts/bench/exact_wasm.mjs PKG_DIR
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const wasm = require(path.resolve(process.argv[2], 'highdim.js'));
const median = (f, runs) => {
  const times = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return [times[runs >> 1], out];
};
const [angles, bench] = median(() => new wasm.ExactBench(), 9);
console.log(`internal angles k = 0..29: ${angles.toFixed(2)} ms`);
console.log('d,curve_60_ms,n50_ms,n50');
for (const d of [2, 5, 10, 15, 20, 25, 30]) {
  const [curve, sum] = median(() => bench.curve(d), 15);
  const [n50ms, n50] = median(() => bench.n50(d), 15);
  console.log(`${d},${curve.toFixed(2)},${n50ms.toFixed(2)},${n50}  (checksum ${sum.toFixed(6)})`);
}
