// wasm half of scripts/bench-relu.sh: times the exact partition in the wasm build (Node's V8,
// the engine of Chromium) for the architectures of examples/relu_bench.rs, random and after
// 3000 training steps. Prints a table like the native one.
// Usage: node scripts/bench/relu_wasm.mjs PKG_DIR
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const wasm = require(path.resolve(process.argv[2], 'highdim.js'));
const archs = [[8], [8, 8], [8, 8, 8], [16], [16, 16], [16, 16, 16], [32], [32, 32], [32, 32, 32], [32, 32, 32, 32, 32, 32]];
const pad = (s, n) => String(s).padStart(n);
console.log(`${'architecture'.padEnd(21)} ${pad('state', 8)} ${pad('regions', 8)} ${pad('ms', 9)} ${pad('regions/ms', 10)}`);
for (const hidden of archs) {
  for (const [state, steps] of [['random', 0], ['trained', 3000]]) {
    const b = new wasm.ReluBench(Uint32Array.from(hidden), steps);
    let t = performance.now();
    const regions = b.partition();
    const first = performance.now() - t;
    const runs = Math.min(200, Math.max(3, Math.round(300 / Math.max(first, 0.001))));
    const times = [];
    for (let i = 0; i < runs; i++) { t = performance.now(); b.partition(); times.push(performance.now() - t); }
    b.free();
    times.sort((a, b) => a - b);
    const ms = times[runs >> 1];
    console.log(`${('2-' + hidden.join('-')).padEnd(21)} ${pad(state, 8)} ${pad(regions, 8)} ${pad(ms.toFixed(3), 9)} ${pad(Math.round(regions / ms), 10)}`);
  }
}
