//! Benchmark entry points (feature `bench`, used by `scripts/bench-hull.sh` under Node):
//! the same hull membership calls as the native benchmark, on instances passed in from
//! JavaScript, timed by the caller.

use crate::math::hull::{Hull, HullOptions};
use wasm_bindgen::prelude::*;

/// A training set ready for queries.
#[wasm_bindgen]
pub struct HullBench {
    hull: Hull,
    opts: HullOptions,
}

#[wasm_bindgen]
impl HullBench {
    /// Builds the hull of `data` (row-major, `dim` columns).
    ///
    /// # Errors
    /// Invalid data.
    #[wasm_bindgen(constructor)]
    pub fn new(dim: usize, data: Vec<f64>) -> Result<HullBench, JsError> {
        let hull = Hull::new(dim, data).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(HullBench {
            hull,
            opts: HullOptions::verdict_only(),
        })
    }

    /// Classifies one query; returns `2 · passes + inside`.
    ///
    /// # Errors
    /// Invalid query.
    pub fn classify(&self, x: &[f64]) -> Result<u32, JsError> {
        let c = self
            .hull
            .classify(x, &self.opts)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(2 * c.passes as u32 + c.membership.is_inside() as u32)
    }
}

/// The paper's Figure-1 workload through the same Monte Carlo the page's worker runs (see
/// [`crate::math::hull::paper_workload`]); returns the inside count.
///
/// # Errors
/// Invalid parameters.
#[wasm_bindgen]
pub fn paper_workload(tests: usize, seed: u64) -> Result<u32, JsError> {
    crate::math::hull::paper_workload(tests, seed)
        .map(|n| n as u32)
        .map_err(|e| JsError::new(&e.to_string()))
}
