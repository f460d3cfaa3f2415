//! The worker side of long computations.

use crate::jobs::{JobSpec, Runner};
use wasm_bindgen::prelude::*;

/// A running job inside the worker. The worker script calls [`JobHandle::step`] in a loop
/// for ~25 ms, posts [`JobHandle::output`], yields to its event loop (where a cancel or
/// pause can arrive) and continues.
#[wasm_bindgen]
pub struct JobHandle {
    runner: Runner,
}

#[wasm_bindgen]
impl JobHandle {
    /// Starts the job described by `spec_json` (a [`JobSpec`]).
    ///
    /// # Errors
    /// A malformed or out-of-range spec, with a readable message.
    #[wasm_bindgen(constructor)]
    pub fn new(spec_json: &str) -> Result<JobHandle, JsError> {
        let spec = JobSpec::from_json(spec_json).map_err(|e| JsError::new(&e.to_string()))?;
        let runner = Runner::new(&spec).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(JobHandle { runner })
    }

    /// Starts the job described by `spec_json` with the bytes of the data file it needs
    /// (see [`JobSpec::asset`]); the file is validated here, in the worker.
    ///
    /// # Errors
    /// A malformed or out-of-range spec, or an unusable data file, with a readable message.
    pub fn with_asset(spec_json: &str, bytes: &[u8]) -> Result<JobHandle, JsError> {
        let spec = JobSpec::from_json(spec_json).map_err(|e| JsError::new(&e.to_string()))?;
        let runner = Runner::with_asset(&spec, bytes).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(JobHandle { runner })
    }

    /// Does about `work` elementary operations; true when complete.
    ///
    /// # Errors
    /// The job stopped before finishing (a solver failure), with a readable message.
    pub fn step(&mut self, work: f64) -> Result<bool, JsError> {
        let work = if work.is_finite() && work >= 1.0 {
            work.min(1e12) as u64
        } else {
            1
        };
        let done = self.runner.step(work);
        match self.runner.error() {
            Some(e) => Err(JsError::new(&e)),
            None => Ok(done),
        }
    }

    /// Fraction done.
    pub fn progress(&self) -> f64 {
        self.runner.progress()
    }

    /// Binary data that goes with the final output (the relu partition's raster), or
    /// `undefined`; the worker transfers it with the output.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        self.runner.bytes().map(<[u8]>::to_vec)
    }

    /// The result so far, as JSON.
    pub fn output(&self) -> String {
        self.runner.output().to_json()
    }
}
