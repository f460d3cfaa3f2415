//! The browser surface (wasm32 only): the only Rust code that touches the DOM.
//!
//! - [`FigureHandle`]: one figure mounted on one canvas: parameters from the page's query
//!   string, controls described as JSON for the page script to build, drawing at the device
//!   pixel ratio, pointer and keyboard input, captions, and job plumbing.
//! - [`JobHandle`]: a long computation inside the Web Worker's own wasm instance.
//! - a panic hook that keeps the message, so the page can show it in the figure instead
//!   of leaving a blank canvas.
//!
//! `www/highdim.js` (the page) and `www/worker.js` (the worker) are the JavaScript sides.

mod backend;
#[cfg(feature = "bench")]
pub mod bench;
mod handle;
mod panic;
mod worker;

pub use handle::FigureHandle;
pub use worker::JobHandle;

use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated, on the page and in the worker.
#[wasm_bindgen(start)]
pub fn on_start() {
    panic::install();
}

/// The message of the last panic, if any (read by the page after a call threw).
#[wasm_bindgen]
pub fn last_panic() -> Option<String> {
    panic::last()
}

/// The figures this build draws, as JSON `[{"kind": "ballcube", "ns": "bc"}, …]` in article
/// order: `scripts/pages.mjs` reads it from each bundle to write the page's manifest.
#[wasm_bindgen]
pub fn figure_table() -> String {
    let rows: Vec<serde_json::Value> = crate::figures::AnyFigure::KINDS
        .iter()
        .map(|k| serde_json::json!({"kind": k, "ns": crate::figures::AnyFigure::namespace_of(k)}))
        .collect();
    serde_json::Value::Array(rows).to_string()
}

/// The URL namespace of figure `kind` (`bc` for `ballcube`), for pages that build a query
/// from element attributes.
///
/// # Errors
/// An unknown kind.
#[wasm_bindgen]
pub fn figure_namespace(kind: &str) -> Result<String, JsError> {
    crate::figures::AnyFigure::namespace_of(kind)
        .map(str::to_string)
        .ok_or_else(|| JsError::new(&crate::figures::UnknownFigure(kind.to_string()).to_string()))
}

/// A fresh random seed from the platform (the only place highdim asks for entropy).
///
/// # Errors
/// When the browser's `crypto.getRandomValues` is unavailable.
#[wasm_bindgen]
pub fn fresh_seed() -> Result<u32, JsError> {
    let mut b = [0u8; 4];
    getrandom::fill(&mut b).map_err(|e| JsError::new(&format!("no random source: {e}")))?;
    Ok(u32::from_le_bytes(b))
}

/// The build's version, shown in the page footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Panics on purpose with `message`: lets the end-to-end tests check that a Rust panic is
/// shown in the figure instead of leaving a blank canvas. Never called by the page itself.
#[wasm_bindgen]
pub fn debug_panic(message: &str) {
    panic!("{message}");
}

/// The controls of figure `kind` for a link builder, without mounting it: JSON
/// `{"title", "namespace", "controls": [[key, label], …]}` (parameters, the figure's buttons,
/// then `reset`), as `ns.hide` / `ns.lock` name them.
///
/// # Errors
/// An unknown kind.
#[wasm_bindgen]
pub fn figure_controls(kind: &str) -> Result<String, JsError> {
    let (f, _) = crate::figures::AnyFigure::from_query(kind, "")
        .map_err(|e| JsError::new(&e.to_string()))?;
    let mut controls: Vec<(String, String)> = f
        .specs()
        .iter()
        .map(|s| (s.key.to_string(), s.label.to_string()))
        .collect();
    for a in f.actions() {
        if !controls.iter().any(|c| c.0 == a.id) {
            controls.push((a.id.to_string(), format!("{} button", a.label)));
        }
    }
    if !controls.iter().any(|c| c.0 == "reset") {
        controls.push(("reset".into(), "Reset button".into()));
    }
    Ok(
        serde_json::json!({"title": f.title(), "namespace": f.namespace(), "controls": controls})
            .to_string(),
    )
}

/// Bytes of linear memory this wasm instance holds (the page's and each worker's are
/// separate). Wasm memory never shrinks, so this is also the instance's high-water mark.
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}
