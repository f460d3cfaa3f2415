// The Web Worker for long computations: its own wasm instance runs one job at a time in
// ~25 ms slices, posting partial results, and stops between slices for cancel or pause.
// A worker serves one figure, so it needs one wasm bundle: the page's first message names the
// bundle's glue (its URL) and carries the bundle's compiled module.

// How the glue is loaded. The classic builds of this worker (scripts/pages.mjs, one per bundle)
// replace this line with the bundle's glue inlined.
const loadGlue = (url) => import(url);
let api = null; // the bundle's exports: default (init), JobHandle, last_panic, memory_bytes

// The page sends the compiled module first, so the worker never fetches the wasm itself.
let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
let job = null;
let jobId = 0;
let paused = false;
let scheduled = false;
// Work per step() call, tuned so one call takes a few milliseconds.
let work = 1 << 16;
const SLICE_MS = 25;

// A MessageChannel yields to the event loop faster than setTimeout(0), which is clamped.
const tickChannel = new MessageChannel();
tickChannel.port1.onmessage = () => { scheduled = false; run(); };
function schedule() {
  if (!scheduled) { scheduled = true; tickChannel.port2.postMessage(0); }
}

function fail(id, err) {
  const message = api?.last_panic() || (err && err.message) || String(err);
  self.postMessage({ id, error: message, memory: api?.memory_bytes() });
  if (job) { try { job.free(); } catch (_) { /* already gone */ } job = null; }
}

function run() {
  if (!job || paused) return;
  const id = jobId;
  try {
    const t0 = performance.now();
    let done = false;
    while (!done && performance.now() - t0 < SLICE_MS) {
      const s = performance.now();
      done = job.step(work);
      const dt = performance.now() - s;
      if (dt < 2) work = Math.min(work * 2, 1e10);
      else if (dt > 8) work = Math.max(work / 2, 64);
    }
    // Binary data that goes with the final output (a raster) is transferred, not copied.
    const bytes = done && job.bytes ? job.bytes() : undefined;
    self.postMessage({ id, progress: job.progress(), output: job.output(), done, memory: api.memory_bytes(), bytes }, bytes ? [bytes.buffer] : []);
    if (done) { job.free(); job = null; } else schedule();
  } catch (err) {
    fail(id, err);
  }
}

self.onmessage = async (e) => {
  const m = e.data;
  if (m.type === 'init') {
    try {
      api = await loadGlue(m.glue);
      await api.default({ module_or_path: m.module });
      resolveReady();
    } catch (err) { rejectReady(err); }
    return;
  }
  try { await ready; } catch (err) { self.postMessage({ id: m.id, error: 'the computation engine failed to load: ' + err }); return; }
  if (m.type === 'start') {
    if (job) { job.free(); job = null; }
    jobId = m.id;
    paused = !!m.paused;
    // Jobs on data (the digits) receive the file's bytes with the request; Rust validates them.
    try { job = m.asset ? api.JobHandle.with_asset(m.spec, m.asset) : new api.JobHandle(m.spec); } catch (err) { fail(m.id, err); return; }
    schedule();
  } else if (m.type === 'cancel') {
    if (m.id === jobId && job) { job.free(); job = null; }
  } else if (m.type === 'pause') {
    paused = true;
  } else if (m.type === 'resume') {
    paused = false;
    schedule();
  }
};
