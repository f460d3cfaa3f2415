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
//!
//! Each variant is compiled into the bundles (Cargo features) whose figures ask for it, so a
//! bundle carries only the computations it runs (see ARCHITECTURE.md, "Bundles").

#[cfg(feature = "hull")]
use crate::math::definitions::sweep::{SweepReport, SweepRun, SweepSpec};
use crate::math::digits::Digits;
#[cfg(feature = "digits")]
use crate::math::digits::{
    project_test_digit, CurveReport, CurveRun, CurveSpec, ProjectSpec, Projection,
};
#[cfg(feature = "digits")]
use crate::math::digits::{LatentReport, LatentRun, LatentSpec};
#[cfg(feature = "curse")]
use crate::math::distances::{DistanceReport, DistanceStudy, PointLaw};
#[cfg(feature = "hull")]
use crate::math::hull::{GridReport, GridRun, GridSpec};
#[cfg(feature = "relu")]
use crate::math::relu::{PartitionJob, PartitionRequest, PartitionSummary};
#[cfg(feature = "curse")]
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
    #[cfg(feature = "curse")]
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
    #[cfg(feature = "curse")]
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
    #[cfg(feature = "hull")]
    HullGrid(GridSpec),
    /// P(inside) for every definition of interpolation (hull, box, any, ellipsoid, ball) on
    /// the same samples, at each dimension of a list.
    #[cfg(feature = "hull")]
    Definitions(SweepSpec),
    /// The region counts and decision boundary of a ReLU network's partition (the relu
    /// figure's big networks while they train).
    #[cfg(feature = "relu")]
    ReluPartition(PartitionRequest),
    /// The fraction of test digits inside the hull of the training digits against the
    /// number of dimensions kept, per reduction: the paper's Figure 3. Needs the digits.
    #[cfg(feature = "digits")]
    DigitsCurve(CurveSpec),
    /// One test digit projected onto the hull of the training digits in pixel space. Needs
    /// the digits.
    #[cfg(feature = "digits")]
    DigitsProject(ProjectSpec),
    /// For each bottleneck width k, a small network trained on the training digits: its test
    /// accuracy and the fraction of test digits whose codes lie inside the hull of the
    /// training codes (the paper's Table 1 question). Needs the digits.
    #[cfg(feature = "digits")]
    DigitsLatent(LatentSpec),
}

/// A (partial or final) result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum JobOutput {
    /// See [`JobSpec::BallCube`].
    #[cfg(feature = "curse")]
    BallCube(BallInCubeEstimate),
    /// See [`JobSpec::Distances`].
    #[cfg(feature = "curse")]
    Distances(DistanceReport),
    /// See [`JobSpec::HullGrid`].
    #[cfg(feature = "hull")]
    HullGrid(GridReport),
    /// See [`JobSpec::Definitions`].
    #[cfg(feature = "hull")]
    Definitions(SweepReport),
    /// See [`JobSpec::ReluPartition`].
    #[cfg(feature = "relu")]
    ReluPartition(PartitionSummary),
    /// See [`JobSpec::DigitsCurve`].
    #[cfg(feature = "digits")]
    DigitsCurve(CurveReport),
    /// See [`JobSpec::DigitsProject`]: the projection, or why it failed.
    #[cfg(feature = "digits")]
    DigitsProject(Result<Projection, String>),
    /// See [`JobSpec::DigitsLatent`].
    #[cfg(feature = "digits")]
    DigitsLatent(LatentReport),
}

/// Why a job could not start, or stopped before finishing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobError {
    /// The spec was not valid JSON for any job.
    Malformed(String),
    /// A field is outside the limits.
    OutOfRange(String),
    /// The computation stopped before finishing (see [`Runner::error`]).
    Stopped(String),
    /// The job needs a data file that was not given, or was given and is invalid.
    Data(String),
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobError::Malformed(m) => write!(f, "the computation request is malformed: {m}"),
            JobError::OutOfRange(m) => write!(f, "the computation request is too large: {m}"),
            JobError::Stopped(m) => write!(f, "{m}"),
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
            #[cfg(feature = "curse")]
            JobSpec::BallCube { d, samples, .. } => (d as u64).saturating_mul(samples),
            #[cfg(feature = "curse")]
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
            #[cfg(feature = "hull")]
            JobSpec::HullGrid(ref g) => g.work(),
            #[cfg(feature = "hull")]
            JobSpec::Definitions(ref s) => s.work(),
            // One partition; its cost is bounded by the region cap.
            #[cfg(feature = "relu")]
            JobSpec::ReluPartition(ref r) => r.max_regions as u64,
            #[cfg(feature = "digits")]
            JobSpec::DigitsCurve(ref c) => c.work(784),
            #[cfg(feature = "digits")]
            JobSpec::DigitsProject(ref p) => 784 * p.train as u64 * 200,
            #[cfg(feature = "digits")]
            JobSpec::DigitsLatent(ref l) => l.work(),
        }
    }

    /// The data file the job needs (see [`Runner::with_digits`]), if any.
    pub fn asset(&self) -> Option<&'static str> {
        match *self {
            #[cfg(feature = "digits")]
            JobSpec::DigitsCurve(_) | JobSpec::DigitsProject(_) => Some(DIGITS_ASSET),
            #[cfg(feature = "digits")]
            JobSpec::DigitsLatent(_) => Some(DIGITS_ASSET),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    fn validate(&self) -> Result<(), JobError> {
        let d: u32 = match *self {
            #[cfg(feature = "curse")]
            JobSpec::BallCube { d, .. } | JobSpec::Distances { d, .. } => d,
            #[cfg(feature = "hull")]
            JobSpec::HullGrid(ref g) => {
                g.validate().map_err(JobError::OutOfRange)?;
                1
            }
            #[cfg(feature = "hull")]
            JobSpec::Definitions(ref s) => {
                s.validate().map_err(JobError::OutOfRange)?;
                1
            }
            #[cfg(feature = "relu")]
            JobSpec::ReluPartition(ref r) => {
                r.validate().map_err(JobError::OutOfRange)?;
                1
            }
            // Checked against the data in Runner::with_digits.
            #[cfg(feature = "digits")]
            JobSpec::DigitsCurve(_) | JobSpec::DigitsProject(_) => 1,
            #[cfg(feature = "digits")]
            JobSpec::DigitsLatent(_) => 1,
        };
        if d == 0 || d > MAX_JOB_DIMENSION {
            return Err(JobError::OutOfRange(format!(
                "dimension {d} is outside 1..={MAX_JOB_DIMENSION}"
            )));
        }
        #[cfg(feature = "curse")]
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
    #[cfg(feature = "curse")]
    BallCube(BallInCube),
    /// See [`JobSpec::Distances`].
    #[cfg(feature = "curse")]
    Distances(DistanceStudy),
    /// See [`JobSpec::HullGrid`]; the second field holds a solver failure that stopped it.
    #[cfg(feature = "hull")]
    HullGrid(Box<GridRun>, Option<String>),
    /// See [`JobSpec::Definitions`].
    #[cfg(feature = "hull")]
    Definitions(Box<SweepRun>),
    /// See [`JobSpec::ReluPartition`]: the partition in one step (tens to hundreds of
    /// milliseconds in the worker), then its raster if asked for (see [`Runner::bytes`]).
    #[cfg(feature = "relu")]
    ReluPartition(Box<PartitionJob>),
    /// See [`JobSpec::DigitsCurve`]; the second field holds a solver failure that stopped it.
    #[cfg(feature = "digits")]
    DigitsCurve(Box<CurveRun>, Option<String>),
    /// See [`JobSpec::DigitsProject`]: the data until the single step, then the answer.
    #[cfg(feature = "digits")]
    DigitsProject {
        /// The request.
        spec: ProjectSpec,
        /// The digits.
        digits: Arc<Digits>,
        /// The answer, once computed.
        result: Option<Result<Projection, String>>,
    },
    /// See [`JobSpec::DigitsLatent`]; the second field holds a solver failure that stopped it.
    #[cfg(feature = "digits")]
    DigitsLatent(Box<LatentRun>, Option<String>),
}

impl Runner {
    /// Starts the job for `spec`.
    ///
    /// # Errors
    /// [`JobError::OutOfRange`] when the spec exceeds the limits.
    pub fn new(spec: &JobSpec) -> Result<Self, JobError> {
        spec.validate()?;
        Ok(match *spec {
            #[cfg(feature = "curse")]
            JobSpec::BallCube { d, samples, seed } => {
                Runner::BallCube(BallInCube::new(d, samples, seed))
            }
            #[cfg(feature = "curse")]
            JobSpec::Distances {
                d,
                n,
                law,
                seed,
                sweep,
            } => Runner::Distances(DistanceStudy::new(d, n, law, seed, sweep)),
            #[cfg(feature = "hull")]
            JobSpec::HullGrid(ref g) => Runner::HullGrid(
                Box::new(GridRun::new(g.clone()).map_err(JobError::OutOfRange)?),
                None,
            ),
            #[cfg(feature = "hull")]
            JobSpec::Definitions(ref s) => Runner::Definitions(Box::new(
                SweepRun::new(s.clone()).map_err(JobError::OutOfRange)?,
            )),
            #[cfg(feature = "relu")]
            JobSpec::ReluPartition(ref r) => {
                Runner::ReluPartition(Box::new(PartitionJob::new(r.clone())))
            }
            #[cfg(feature = "digits")]
            JobSpec::DigitsCurve(_) | JobSpec::DigitsProject(_) | JobSpec::DigitsLatent(_) => {
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
            #[cfg(feature = "digits")]
            JobSpec::DigitsCurve(ref c) => Ok(Runner::DigitsCurve(
                Box::new(
                    CurveRun::new(c.clone(), digits)
                        .map_err(|e| JobError::OutOfRange(e.to_string()))?,
                ),
                None,
            )),
            #[cfg(feature = "digits")]
            JobSpec::DigitsProject(p) => Ok(Runner::DigitsProject {
                spec: p,
                digits,
                result: None,
            }),
            #[cfg(feature = "digits")]
            JobSpec::DigitsLatent(ref l) => Ok(Runner::DigitsLatent(
                Box::new(LatentRun::new(l.clone(), digits).map_err(JobError::OutOfRange)?),
                None,
            )),
            #[allow(unreachable_patterns)]
            _ => {
                let _ = digits;
                Runner::new(spec)
            }
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
        match *self {
            #[cfg(feature = "curse")]
            Runner::BallCube(ref mut b) => {
                let d = b.estimate().d as u64;
                b.step((work / d).max(1))
            }
            #[cfg(feature = "curse")]
            Runner::Distances(ref mut s) => s.step(work),
            // A solver failure stops the job (rather than looping forever) and is kept for
            // [`Runner::error`], so the page says what happened instead of calling an
            // unfinished grid done.
            #[cfg(feature = "hull")]
            Runner::HullGrid(_, Some(_)) => true,
            #[cfg(feature = "hull")]
            Runner::HullGrid(ref mut g, ref mut failed) => match g.step(work) {
                Ok(done) => done,
                Err(e) => {
                    *failed = Some(format!(
                        "the computation stopped: {e}; the cells finished before it are shown"
                    ));
                    true
                }
            },
            // A solver failure stops the run and is carried in the report.
            #[cfg(feature = "hull")]
            Runner::Definitions(ref mut s) => s.step(work),
            #[cfg(feature = "relu")]
            Runner::ReluPartition(ref mut job) => job.step(),
            // Like the hull grid: a solver failure stops the curve and is kept for
            // [`Runner::error`]; the report keeps the completed points.
            #[cfg(feature = "digits")]
            Runner::DigitsCurve(_, Some(_)) => true,
            #[cfg(feature = "digits")]
            Runner::DigitsCurve(ref mut c, ref mut failed) => match c.step(work) {
                Ok(done) => done,
                Err(e) => {
                    *failed = Some(format!(
                        "the computation stopped: {e}; the points finished before it are shown"
                    ));
                    true
                }
            },
            #[cfg(feature = "digits")]
            Runner::DigitsProject {
                ref spec,
                ref digits,
                ref mut result,
            } => {
                // One exact projection: not divisible, done in a single step.
                if result.is_none() {
                    *result = Some(project_test_digit(digits, spec).map_err(|e| e.to_string()));
                }
                true
            }
            // Like the curve: a failure stops the run, the completed widths stay. Each call
            // does at least one minibatch (a few milliseconds), so cancel waits for no more.
            #[cfg(feature = "digits")]
            Runner::DigitsLatent(_, Some(_)) => true,
            #[cfg(feature = "digits")]
            Runner::DigitsLatent(ref mut l, ref mut failed) => match l.step(work) {
                Ok(done) => done,
                Err(e) => {
                    *failed = Some(format!(
                        "the computation stopped: {e}; the widths finished before it are shown"
                    ));
                    true
                }
            },
        }
    }

    /// Why the job stopped before finishing, if it did (a hull solver that did not
    /// converge); `None` while running and after a complete run.
    pub fn error(&self) -> Option<String> {
        match *self {
            #[cfg(feature = "hull")]
            Runner::HullGrid(_, ref failed) => failed.clone(),
            #[cfg(feature = "digits")]
            Runner::DigitsCurve(_, ref failed) => failed.clone(),
            #[cfg(feature = "digits")]
            Runner::DigitsLatent(_, ref failed) => failed.clone(),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// Fraction done, in [0, 1].
    pub fn progress(&self) -> f64 {
        match *self {
            #[cfg(feature = "curse")]
            Runner::BallCube(ref b) => b.progress(),
            #[cfg(feature = "curse")]
            Runner::Distances(ref s) => s.progress(),
            #[cfg(feature = "hull")]
            Runner::HullGrid(ref g, _) => g.progress(),
            #[cfg(feature = "hull")]
            Runner::Definitions(ref s) => s.progress(),
            #[cfg(feature = "relu")]
            Runner::ReluPartition(ref job) => job.progress(),
            #[cfg(feature = "digits")]
            Runner::DigitsCurve(ref c, _) => c.progress(),
            #[cfg(feature = "digits")]
            Runner::DigitsProject { ref result, .. } => f64::from(u8::from(result.is_some())),
            #[cfg(feature = "digits")]
            Runner::DigitsLatent(ref l, _) => l.progress(),
        }
    }

    /// The result so far.
    pub fn output(&self) -> JobOutput {
        match *self {
            #[cfg(feature = "curse")]
            Runner::BallCube(ref b) => JobOutput::BallCube(b.estimate().clone()),
            #[cfg(feature = "curse")]
            Runner::Distances(ref s) => JobOutput::Distances(s.report().clone()),
            #[cfg(feature = "hull")]
            Runner::HullGrid(ref g, _) => JobOutput::HullGrid(g.report().clone()),
            #[cfg(feature = "hull")]
            Runner::Definitions(ref s) => JobOutput::Definitions(s.report().clone()),
            #[cfg(feature = "relu")]
            Runner::ReluPartition(ref job) => {
                JobOutput::ReluPartition(job.summary().cloned().unwrap_or(PartitionSummary {
                    id: job.request().id,
                    step: job.request().step,
                    error: Some("not computed yet".into()),
                    ..Default::default()
                }))
            }
            #[cfg(feature = "digits")]
            Runner::DigitsCurve(ref c, _) => JobOutput::DigitsCurve(c.report().clone()),
            #[cfg(feature = "digits")]
            Runner::DigitsProject { ref result, .. } => JobOutput::DigitsProject(
                result
                    .clone()
                    .unwrap_or_else(|| Err("not computed yet".to_string())),
            ),
            #[cfg(feature = "digits")]
            Runner::DigitsLatent(ref l, _) => JobOutput::DigitsLatent(l.report().clone()),
        }
    }
}

impl Runner {
    /// Binary data that goes with [`Runner::output`] once the job is complete, if the job
    /// makes any (the relu partition's raster, too big for JSON).
    pub fn bytes(&self) -> Option<&[u8]> {
        match *self {
            #[cfg(feature = "relu")]
            Runner::ReluPartition(ref job) => job.bytes(),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }
}

/// Runs `spec` to completion in the calling thread.
///
/// # Errors
/// See [`Runner::new`]; [`JobError::Stopped`] when it stopped before finishing.
pub fn run_to_end(spec: &JobSpec) -> Result<JobOutput, JobError> {
    let mut r = Runner::new(spec)?;
    while !r.step(1 << 22) {}
    match r.error() {
        Some(e) => Err(JobError::Stopped(e)),
        None => Ok(r.output()),
    }
}

/// Like [`run_to_end`], with the digits for jobs that need them (the command line and native
/// tests; the worker receives the file's bytes instead, see [`Runner::with_asset`]).
///
/// # Errors
/// As [`run_to_end`]; [`JobError::Data`] for a job that needs digits when none are given.
pub fn run_to_end_with(spec: &JobSpec, digits: Option<Arc<Digits>>) -> Result<JobOutput, JobError> {
    let mut r = match digits {
        Some(d) => Runner::with_digits(spec, d)?,
        None => Runner::new(spec)?,
    };
    while !r.step(1 << 22) {}
    match r.error() {
        Some(e) => Err(JobError::Stopped(e)),
        None => Ok(r.output()),
    }
}

#[cfg(all(test, feature = "default"))]
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
    fn relu_partition_specs_cross_json_and_are_validated() {
        use crate::math::relu::ReluNet;
        let net = ReluNet::random(&[6, 6], 2, 5).unwrap();
        let spec = JobSpec::ReluPartition(PartitionRequest {
            id: 3,
            step: 40,
            max_regions: 5000,
            net,
            raster: None,
        });
        let json = spec.to_json();
        assert!(json.contains("\"job\":\"relu_partition\""), "{json}");
        let back = JobSpec::from_json(&json).unwrap();
        let out = run_to_end(&back).unwrap();
        let JobOutput::ReluPartition(s) = JobOutput::from_json(&out.to_json()).unwrap() else {
            panic!("{out:?}")
        };
        assert_eq!((s.id, s.step), (3, 40));
        assert!(s.regions > 1 && s.error.is_none());
        // Untrusted JSON: a layer wider than 32, a non-finite weight, an absurd cap.
        let wide = format!(
            r#"{{"job":"relu_partition","id":1,"step":0,"max_regions":10,"net":{{"layers":[{{"weights":[{}],"biases":[{}]}},{{"weights":[[{}]],"biases":[0]}}]}}}}"#,
            vec!["[1,0]"; 40].join(","),
            vec!["0"; 40].join(","),
            vec!["1"; 40].join(",")
        );
        assert!(JobSpec::from_json(&wide).is_err());
        let nan = json.replacen("0.", "1e999", 1);
        assert!(JobSpec::from_json(&nan).is_err(), "{nan}");
        let huge = json.replace("\"max_regions\":5000", "\"max_regions\":99999999");
        let spec = JobSpec::from_json(&huge).unwrap();
        assert!(matches!(Runner::new(&spec), Err(JobError::OutOfRange(_))));
    }

    /// A request with a raster runs in two steps and ends with the raster's bytes; an absurd
    /// raster size is refused.
    #[test]
    fn relu_partition_with_a_raster_gives_its_bytes() {
        use crate::math::relu::{PartitionRaster, ReluNet};
        let net = ReluNet::random(&[6, 6], 2, 5).unwrap();
        let spec = JobSpec::ReluPartition(PartitionRequest {
            id: 9,
            step: 2,
            max_regions: 5000,
            net,
            raster: Some([50, 40]),
        });
        let back = JobSpec::from_json(&spec.to_json()).unwrap();
        assert_eq!(back, spec);
        let mut r = Runner::new(&back).unwrap();
        assert!(!r.step(1) && r.bytes().is_none() && r.progress() < 1.0);
        // Between the steps the counts are reported, marked partial (the raster is to come).
        let JobOutput::ReluPartition(s) = r.output() else {
            panic!()
        };
        assert!(s.partial && s.regions > 1);
        assert!(r.step(1) && r.progress() == 1.0);
        let (tag, raster) = PartitionRaster::from_bytes(r.bytes().unwrap()).unwrap();
        let JobOutput::ReluPartition(s) = r.output() else {
            panic!()
        };
        assert!(!s.partial);
        assert_eq!((tag, raster.len(), raster.width()), (9, s.regions, 50));
        let big = spec.to_json().replace("[50,40]", "[50,40000]");
        let spec = JobSpec::from_json(&big).unwrap();
        assert!(matches!(Runner::new(&spec), Err(JobError::OutOfRange(_))));
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

#[cfg(all(test, feature = "default"))]
mod definitions_tests {
    use super::*;
    use crate::math::definitions::sweep::SweepSpec;
    use crate::math::hull::Distribution;

    #[test]
    fn definitions_specs_cross_json_and_are_validated() {
        let spec = JobSpec::Definitions(SweepSpec {
            dims: vec![1, 3, 5],
            train: 60,
            tests: 40,
            distribution: Distribution::UniformCube,
            seed: 2,
        });
        let json = spec.to_json();
        assert!(json.contains("\"job\":\"definitions\""), "{json}");
        assert_eq!(JobSpec::from_json(&json).unwrap(), spec);
        let mut r = Runner::new(&spec).unwrap();
        let mut last = 0.0;
        while !r.step(3_000) {
            let p = r.progress();
            assert!(p >= last && p < 1.0, "{p}");
            last = p;
        }
        assert_eq!(r.progress(), 1.0);
        let out = r.output();
        assert_eq!(JobOutput::from_json(&out.to_json()).unwrap(), out);
        // The slicing does not change the result.
        assert_eq!(run_to_end(&spec).unwrap(), out);
        let JobOutput::Definitions(rep) = out else {
            panic!("{out:?}")
        };
        assert!(rep.is_complete() && rep.error.is_none());
        // Untrusted JSON: no dimension, a dimension 0, decreasing, huge N, no tests, too many
        // tests, a dimension beyond the limit.
        for bad in [
            r#"{"job":"definitions","dims":[],"train":5,"tests":3,"distribution":"gaussian","seed":1}"#,
            r#"{"job":"definitions","dims":[0,2],"train":5,"tests":3,"distribution":"gaussian","seed":1}"#,
            r#"{"job":"definitions","dims":[3,2],"train":5,"tests":3,"distribution":"gaussian","seed":1}"#,
            r#"{"job":"definitions","dims":[2],"train":4000000,"tests":3,"distribution":"gaussian","seed":1}"#,
            r#"{"job":"definitions","dims":[2],"train":5,"tests":0,"distribution":"gaussian","seed":1}"#,
            r#"{"job":"definitions","dims":[2],"train":5,"tests":99999,"distribution":"gaussian","seed":1}"#,
            r#"{"job":"definitions","dims":[100000],"train":5,"tests":3,"distribution":"gaussian","seed":1}"#,
        ] {
            let spec = JobSpec::from_json(bad).unwrap();
            assert!(
                matches!(Runner::new(&spec), Err(JobError::OutOfRange(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            JobSpec::from_json(r#"{"job":"definitions","dims":[2],"train":-5}"#),
            Err(JobError::Malformed(_))
        ));
    }
}
