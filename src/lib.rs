//! # highdim
//!
//! The engine of an explorable explanation: *in high dimension, learning is always
//! extrapolation* (Balestriero, Pesenti & LeCun, arXiv 2110.09485).
//!
//! ## Module map and the dependency rule
//! - [`math`]: the pure core. Volumes, sampling, statistics, seeded randomness, convex-hull
//!   membership and the other definitions of interpolation (box, ellipsoid, …), ReLU
//!   networks and their exact tessellations. No web crates, no plotters, no clocks, no globals.
//! - [`format`](mod@format): numbers as readers see them (`2.46·10⁻⁸`, `100,000`). Pure.
//! - [`params`]: per-figure URL state: typed keys, versioned schema, clamping with notes. Pure.
//! - [`figures`]: one module per figure. Parameters, state, a text summary, input handling
//!   and drawing through plotters, generic over `DrawingBackend` (canvas in the browser, SVG
//!   natively). Depends on `math`, `format`, `params`; never on the DOM.
//! - [`jobs`]: long computations as resumable steppers, run in a Web Worker in the browser
//!   and in a plain loop natively.
//! - `web` (wasm32 only): the thin layer that touches the DOM: figure handles, canvas sizing,
//!   the worker entry point and the panic hook.
//! - `cli` (native only): the `highdim` command line over the same core.
//! - [`article`] (with every section's figures): the numbers the article's text states,
//!   computed from `math`, figures' defaults and `format`, for the test that checks the page.
//!
//! Dependencies point one way: `web`/`cli` → `figures`/`jobs` → `params`/`format` → `math`.

#![warn(missing_docs)]
// A bundle build (one article section, `--no-default-features --features NAME`) compiles
// the job enums with one variant or none: matches become irrefutable or empty, code after
// them unreachable, some helpers unused. The full build (clippy, tests) lints strictly.
#![cfg_attr(
    not(feature = "default"),
    allow(
        irrefutable_let_patterns,
        unreachable_code,
        unused_variables,
        dead_code,
        unused_imports
    )
)]

// The article's numbers read every section's figures, so a one-section wasm bundle has none.
#[cfg(all(
    feature = "curse",
    feature = "hull",
    feature = "relu",
    feature = "digits"
))]
pub mod article;
pub mod figures;
pub mod format;
pub mod jobs;
pub mod math;
pub mod params;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;
