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

/// A ReLU network ready for partition timings (`scripts/bench-relu.sh`): the same
/// architecture, seed and training as `examples/relu_bench.rs`, so the counts match.
#[wasm_bindgen]
pub struct ReluBench {
    net: crate::math::relu::ReluNet,
    points: Vec<[f64; 2]>,
}

#[wasm_bindgen]
impl ReluBench {
    /// A random network with hidden widths `hidden`, trained `steps` Adam steps (learning rate
    /// 0.01, batch 32) on 400 points of the two spirals.
    ///
    /// # Errors
    /// An invalid architecture.
    #[wasm_bindgen(constructor)]
    pub fn new(hidden: Vec<u32>, steps: u32) -> Result<ReluBench, JsError> {
        use crate::math::relu::{
            Dataset, DatasetKind, DatasetSpec, Optimizer, ReluNet, TrainConfig, Trainer,
        };
        let e = |e: &dyn std::fmt::Display| JsError::new(&e.to_string());
        let data = Dataset::generate(&DatasetSpec {
            kind: DatasetKind::Spirals,
            points: 400,
            noise: 0.03,
            test_fraction: 0.0,
            seed: 1,
        })
        .map_err(|x| e(&x))?;
        let hidden: Vec<usize> = hidden.iter().map(|&w| w as usize).collect();
        let net = ReluNet::random(&hidden, 2, 7).map_err(|x| e(&x))?;
        let mut trainer = Trainer::new(
            net,
            data.train.clone(),
            TrainConfig {
                optimizer: Optimizer::adam(0.01),
                batch_size: 32,
                l2: 0.0,
                seed: 3,
            },
        )
        .map_err(|x| e(&x))?;
        // A divergence keeps the last finite weights, as natively.
        let _ = trainer.run(steps as u64);
        Ok(ReluBench {
            net: trainer.into_net(),
            points: data.train.iter().map(|s| s.point).collect(),
        })
    }

    /// Partitions the window `[-1.2, 1.2]²` once; returns the region count.
    ///
    /// # Errors
    /// Too many regions.
    pub fn partition(&self) -> Result<u32, JsError> {
        use crate::math::relu::{tessellate, TessellateOptions, Window};
        tessellate(
            &self.net,
            &Window::DEFAULT,
            &self.points,
            &TessellateOptions::default(),
        )
        .map(|t| t.len() as u32)
        .map_err(|x| JsError::new(&x.to_string()))
    }
}

/// The exact Gaussian hull probability for `scripts/bench-exact.sh`: the same calls as
/// `examples/exact_bench.rs` (one curve of 60 training-set sizes, N₅₀), timed by the caller.
#[wasm_bindgen]
pub struct ExactBench {
    exact: crate::math::hull::GaussianHull,
}

#[wasm_bindgen]
impl ExactBench {
    /// Computes the internal angles (what a figure does once when it is created).
    #[wasm_bindgen(constructor)]
    pub fn new() -> ExactBench {
        ExactBench {
            exact: crate::math::hull::GaussianHull::new(),
        }
    }

    /// P(inside) at 60 training-set sizes from d + 1 to 10¹⁰ (log-spaced); returns their sum.
    ///
    /// # Errors
    /// `d` outside 1..=30.
    pub fn curve(&self, d: u32) -> Result<f64, JsError> {
        let mut sum = 0.0;
        for i in 0..60 {
            let n = ((d as f64 + 1.0) * 10f64.powf(i as f64 * 10.0 / 59.0)).round() as u64;
            sum += self
                .exact
                .p_inside(d, n.min(crate::math::hull::MAX_EXACT_TRAIN))
                .map_err(|e| JsError::new(&e.to_string()))?;
        }
        Ok(sum)
    }

    /// N₅₀ at dimension `d`.
    ///
    /// # Errors
    /// `d` outside 1..=30.
    pub fn n50(&self, d: u32) -> Result<f64, JsError> {
        self.exact
            .n50(d)
            .map(|n| n.map_or(f64::NAN, |n| n as f64))
            .map_err(|e| JsError::new(&e.to_string()))
    }
}

impl Default for ExactBench {
    fn default() -> Self {
        Self::new()
    }
}
