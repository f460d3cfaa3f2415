//! Long computations as resumable steppers.
//!
//! A figure asks for a [`JobSpec`]; a [`Runner`] built from it does the work in slices of a
//! given number of elementary operations ([`Runner::step`]) and reports a [`JobOutput`] at
//! any time. In the browser the runner lives in a Web Worker (its own wasm instance) which
//! steps it for ~25 ms at a time, posts partial outputs for the figure to draw, and checks
//! for cancel between slices; natively [`run_to_end`] loops. Specs and outputs cross the
//! worker boundary as JSON, so every field here is plain data.
//!
//! Specs from JSON are untrusted: [`Runner::new`] validates them against hard limits.

use crate::math::digits::{
    project_test_digit, CurveReport, CurveRun, CurveSpec, Digits, ProjectSpec, Projection,
};
use crate::math::distances::{DistanceReport, DistanceStudy, PointLaw};
use crate::math::hull::{GridReport, GridRun, GridSpec};
use crate::math::sampling::{BallInCube, BallInCubeEstimate};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The name of the data file digits jobs need (`data/mnist5k.bin`; see `data/README.md`).
pub const DIGITS_ASSET: &str = "mnist5k";

/// Largest dimension a job accepts.
pub const MAX_JOB_DIMENSION: u32 = 100_000;
/// Largest total work a job accepts, in elementary operations (~a minute of wasm).
pub const MAX_JOB_WORK: u64 = 50_000_000_000;

/// A request for a long computation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum JobSpec {
    /// Uniform samples in [0, 1]^d: how many land in the inscribed ball, and how far from the
    /// centre they are.
    BallCube {
        /// Dimension.
        d: u32,
        /// Number of samples.
        samples: u64,
        /// Seed.
        seed: u64,
    },
    /// Pairwise distances of `n` random points in dimension `d`, and optionally the contrast
    /// sweep over dimensions.
    Distances {
        /// Dimension of the focus cloud.
        d: u32,
        /// Points per cloud.
        n: u32,
        /// Point law.
        law: PointLaw,
        /// Seed.
        seed: u64,
        /// Whether to run the sweep.
        sweep: bool,
    },
    /// The fraction of test points inside the training hull over a grid of series
    /// (dimension, support) × training-set sizes: the paper's Figure 1.
    HullGrid(GridSpec),
    /// The fraction of test digits inside the hull of the training digits against the
    /// number of dimensions kept, per reduction: the paper's Figure 3. Needs the digits.
    DigitsCurve(CurveSpec),
    /// One test digit projected onto the hull of the training digits in pixel space. Needs
    /// the digits.
    DigitsProject(ProjectSpec),
}

/// A (partial or final) result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum JobOutput {
    /// See [`JobSpec::BallCube`].
    BallCube(BallInCubeEstimate),
    /// See [`JobSpec::Distances`].
    Distances(DistanceReport),
    /// See [`JobSpec::HullGrid`].
    HullGrid(GridReport),
    /// See [`JobSpec::DigitsCurve`].
    DigitsCurve(CurveReport),
    /// See [`JobSpec::DigitsProject`]: the projection, or why it failed.
    DigitsProject(Result<Projection, String>),
}

/// Why a job could not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobError {
    /// The spec was not valid JSON for any job.
    Malformed(String),
    /// A field is outside the limits.
    OutOfRange(String),
    /// The job needs a data file that was not given, or was given and is invalid.
    Data(String),
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobError::Malformed(m) => write!(f, "the computation request is malformed: {m}"),
            JobError::OutOfRange(m) => write!(f, "the computation request is too large: {m}"),
            JobError::Data(m) => write!(f, "the data for this computation are unusable: {m}"),
        }
    }
}

impl std::error::Error for JobError {}

impl JobSpec {
    /// Parses a spec from JSON.
    ///
    /// # Errors
    /// [`JobError::Malformed`] with serde's message.
    pub fn from_json(json: &str) -> Result<Self, JobError> {
        serde_json::from_str(json).map_err(|e| JobError::Malformed(e.to_string()))
    }

    /// The spec as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Total work in elementary operations (coordinate draws or distance terms).
    pub fn work(&self) -> u64 {
        match *self {
            JobSpec::BallCube { d, samples, .. } => (d as u64).saturating_mul(samples),
            JobSpec::Distances { d, n, sweep, .. } => {
                let pairs = (n as u64) * (n as u64).saturating_sub(1) / 2;
                let dims: u64 = d as u64
                    + if sweep {
                        crate::math::distances::SWEEP_DIMS
                            .iter()
                            .map(|&k| k as u64)
                            .sum()
                    } else {
                        0
                    };
                pairs.saturating_mul(dims)
            }
            JobSpec::HullGrid(ref g) => g.work(),
            JobSpec::DigitsCurve(ref c) => c.work(784),
            JobSpec::DigitsProject(ref p) => 784 * p.train as u64 * 200,
        }
    }

    /// The data file the job needs (see [`Runner::with_digits`]), if any.
    pub fn asset(&self) -> Option<&'static str> {
        match self {
            JobSpec::DigitsCurve(_) | JobSpec::DigitsProject(_) => Some(DIGITS_ASSET),
            _ => None,
        }
    }

    fn validate(&self) -> Result<(), JobError> {
        let d = match *self {
            JobSpec::BallCube { d, .. } | JobSpec::Distances { d, .. } => d,
            JobSpec::HullGrid(ref g) => {
                g.validate().map_err(JobError::OutOfRange)?;
                1
            }
            // Checked against the data in Runner::with_digits.
            JobSpec::DigitsCurve(_) | JobSpec::DigitsProject(_) => 1,
        };
        if d == 0 || d > MAX_JOB_DIMENSION {
            return Err(JobError::OutOfRange(format!(
                "dimension {d} is outside 1..={MAX_JOB_DIMENSION}"
            )));
        }
        if let JobSpec::Distances { n, .. } = *self {
            if !(2..=20_000).contains(&n) {
                return Err(JobError::OutOfRange(format!(
                    "{n} points is outside 2..=20000"
                )));
            }
        }
        if self.work() > MAX_JOB_WORK {
            return Err(JobError::OutOfRange(format!(
                "{} operations exceed the limit of {}",
                self.work(),
                MAX_JOB_WORK
            )));
        }
        Ok(())
    }
}

impl JobOutput {
    /// Parses an output from JSON.
    ///
    /// # Errors
    /// [`JobError::Malformed`] with serde's message.
    pub fn from_json(json: &str) -> Result<Self, JobError> {
        serde_json::from_str(json).map_err(|e| JobError::Malformed(e.to_string()))
    }

    /// The output as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A job in progress.
#[derive(Clone, Debug)]
pub enum Runner {
    /// See [`JobSpec::BallCube`].
    BallCube(BallInCube),
    /// See [`JobSpec::Distances`].
    Distances(DistanceStudy),
    /// See [`JobSpec::HullGrid`].
    HullGrid(Box<GridRun>),
    /// See [`JobSpec::DigitsCurve`].
    DigitsCurve(Box<CurveRun>),
    /// See [`JobSpec::DigitsProject`]: the data until the single step, then the answer.
    DigitsProject {
        /// The request.
        spec: ProjectSpec,
        /// The digits.
        digits: Arc<Digits>,
        /// The answer, once computed.
        result: Option<Result<Projection, String>>,
    },
}

impl Runner {
    /// Starts the job for `spec`.
    ///
    /// # Errors
    /// [`JobError::OutOfRange`] when the spec exceeds the limits.
    pub fn new(spec: &JobSpec) -> Result<Self, JobError> {
        spec.validate()?;
        Ok(match *spec {
            JobSpec::BallCube { d, samples, seed } => {
                Runner::BallCube(BallInCube::new(d, samples, seed))
            }
            JobSpec::Distances {
                d,
                n,
                law,
                seed,
                sweep,
            } => Runner::Distances(DistanceStudy::new(d, n, law, seed, sweep)),
            JobSpec::HullGrid(ref g) => Runner::HullGrid(Box::new(
                GridRun::new(g.clone()).map_err(JobError::OutOfRange)?,
            )),
            JobSpec::DigitsCurve(_) | JobSpec::DigitsProject(_) => {
                return Err(JobError::Data(format!(
                    "this computation needs the '{DIGITS_ASSET}' data file, which was not given"
                )))
            }
        })
    }

    /// Starts `spec` with the digits its job needs (jobs that need no data ignore them).
    ///
    /// # Errors
    /// As [`Runner::new`]; [`JobError::OutOfRange`] when the spec does not fit the data.
    pub fn with_digits(spec: &JobSpec, digits: Arc<Digits>) -> Result<Self, JobError> {
        spec.validate()?;
        match *spec {
            JobSpec::DigitsCurve(ref c) => Ok(Runner::DigitsCurve(Box::new(
                CurveRun::new(c.clone(), digits)
                    .map_err(|e| JobError::OutOfRange(e.to_string()))?,
            ))),
            JobSpec::DigitsProject(p) => Ok(Runner::DigitsProject {
                spec: p,
                digits,
                result: None,
            }),
            _ => Runner::new(spec),
        }
    }

    /// Starts `spec` with the bytes of its data file (as the worker receives them).
    ///
    /// # Errors
    /// [`JobError::Data`] naming what is wrong with the file; otherwise as
    /// [`Runner::with_digits`].
    pub fn with_asset(spec: &JobSpec, bytes: &[u8]) -> Result<Self, JobError> {
        if spec.asset().is_none() {
            return Runner::new(spec);
        }
        let digits = Digits::from_bytes(bytes).map_err(|e| JobError::Data(e.to_string()))?;
        Runner::with_digits(spec, Arc::new(digits))
    }

    /// Does about `work` elementary operations; returns true when the job is complete.
    pub fn step(&mut self, work: u64) -> bool {
        match self {
            Runner::BallCube(b) => {
                let d = b.estimate().d as u64;
                b.step((work / d).max(1))
            }
            Runner::Distances(s) => s.step(work),
            // The solver has never failed in testing; if it does, stop with what is there
            // rather than loop forever (the figure shows the cells it has).
            Runner::HullGrid(g) => g.step(work).unwrap_or(true),
            // Likewise; the report keeps the completed points.
            Runner::DigitsCurve(c) => c.step(work).unwrap_or(true),
            Runner::DigitsProject {
                spec,
                digits,
                result,
            } => {
                // One exact projection: not divisible, done in a single step.
                if result.is_none() {
                    *result = Some(project_test_digit(digits, spec).map_err(|e| e.to_string()));
                }
                true
            }
        }
    }

    /// Fraction done, in [0, 1].
    pub fn progress(&self) -> f64 {
        match self {
            Runner::BallCube(b) => b.progress(),
            Runner::Distances(s) => s.progress(),
            Runner::HullGrid(g) => g.progress(),
            Runner::DigitsCurve(c) => c.progress(),
            Runner::DigitsProject { result, .. } => {
                if result.is_some() {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// The result so far.
    pub fn output(&self) -> JobOutput {
        match self {
            Runner::BallCube(b) => JobOutput::BallCube(b.estimate().clone()),
            Runner::Distances(s) => JobOutput::Distances(s.report().clone()),
            Runner::HullGrid(g) => JobOutput::HullGrid(g.report().clone()),
            Runner::DigitsCurve(c) => JobOutput::DigitsCurve(c.report().clone()),
            Runner::DigitsProject { result, .. } => JobOutput::DigitsProject(
                result
                    .clone()
                    .unwrap_or_else(|| Err("not computed yet".to_string())),
            ),
        }
    }
}

/// Runs `spec` to completion in the calling thread.
///
/// # Errors
/// See [`Runner::new`].
pub fn run_to_end(spec: &JobSpec) -> Result<JobOutput, JobError> {
    let mut r = Runner::new(spec)?;
    while !r.step(1 << 22) {}
    Ok(r.output())
}

/// Runs `spec` to completion with the digits its job may need.
///
/// # Errors
/// See [`Runner::with_digits`].
pub fn run_to_end_with(spec: &JobSpec, digits: Option<Arc<Digits>>) -> Result<JobOutput, JobError> {
    let mut r = match digits {
        Some(d) => Runner::with_digits(spec, d)?,
        None => Runner::new(spec)?,
    };
    while !r.step(1 << 22) {}
    Ok(r.output())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip() {
        let spec = JobSpec::Distances {
            d: 7,
            n: 50,
            law: PointLaw::Gaussian,
            seed: 3,
            sweep: true,
        };
        let json = spec.to_json();
        assert!(json.contains("\"job\":\"distances\""), "{json}");
        assert_eq!(JobSpec::from_json(&json).unwrap(), spec);
        let out = run_to_end(&JobSpec::BallCube {
            d: 3,
            samples: 1000,
            seed: 1,
        })
        .unwrap();
        assert_eq!(JobOutput::from_json(&out.to_json()).unwrap(), out);
    }

    #[test]
    fn bad_specs_are_refused() {
        assert!(matches!(
            JobSpec::from_json("{\"job\":\"nope\"}"),
            Err(JobError::Malformed(_))
        ));
        assert!(matches!(
            JobSpec::from_json("not json"),
            Err(JobError::Malformed(_))
        ));
        let huge = JobSpec::BallCube {
            d: 100_000,
            samples: 10_000_000,
            seed: 0,
        };
        assert!(matches!(Runner::new(&huge), Err(JobError::OutOfRange(_))));
        let zero = JobSpec::BallCube {
            d: 0,
            samples: 10,
            seed: 0,
        };
        assert!(matches!(Runner::new(&zero), Err(JobError::OutOfRange(_))));
        let few = JobSpec::Distances {
            d: 3,
            n: 1,
            law: PointLaw::UniformCube,
            seed: 0,
            sweep: false,
        };
        assert!(Runner::new(&few).is_err());
    }

    #[test]
    fn hull_grid_specs_cross_json_and_are_validated() {
        use crate::math::hull::{Distribution, GridSpec, Series, Support};
        let spec = JobSpec::HullGrid(GridSpec {
            series: vec![Series {
                dim: 3,
                support: Support::Subspace { k: 2 },
            }],
            train: vec![5, 50],
            tests: 20,
            distribution: Distribution::UniformBall,
            seed: 8,
        });
        let json = spec.to_json();
        assert!(json.contains("\"job\":\"hull_grid\""), "{json}");
        assert_eq!(JobSpec::from_json(&json).unwrap(), spec);
        let out = run_to_end(&spec).unwrap();
        assert_eq!(JobOutput::from_json(&out.to_json()).unwrap(), out);
        let JobOutput::HullGrid(r) = out else {
            panic!("{out:?}")
        };
        assert!(r.is_complete());
        // Untrusted JSON: a subspace larger than the space, an absurd N, no series.
        for bad in [
            r#"{"job":"hull_grid","series":[{"dim":2,"support":{"kind":"subspace","k":5}}],"train":[5],"tests":3,"distribution":"gaussian","seed":1}"#,
            r#"{"job":"hull_grid","series":[{"dim":2,"support":{"kind":"full"}}],"train":[5,4000000],"tests":3,"distribution":"gaussian","seed":1}"#,
            r#"{"job":"hull_grid","series":[],"train":[5],"tests":3,"distribution":"gaussian","seed":1}"#,
        ] {
            let spec = JobSpec::from_json(bad).unwrap();
            assert!(
                matches!(Runner::new(&spec), Err(JobError::OutOfRange(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn progress_is_monotone_and_ends_at_one() {
        let mut r = Runner::new(&JobSpec::BallCube {
            d: 10,
            samples: 5000,
            seed: 2,
        })
        .unwrap();
        let mut last = 0.0;
        while !r.step(7000) {
            let p = r.progress();
            assert!(p >= last && p < 1.0);
            last = p;
        }
        assert_eq!(r.progress(), 1.0);
    }
}
