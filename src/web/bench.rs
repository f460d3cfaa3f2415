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
