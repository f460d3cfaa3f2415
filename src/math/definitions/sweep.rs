//! P(inside) against the dimension for every definition, as one resumable computation
//! over a list of dimensions (the "P(inside) against d" figure's worker job).
//!
//! Each dimension is one [`DefinitionsCurve`] run: one training set and one set of test
//! points, classified under every definition, so the curves compare the definitions on the
//! same samples. Every count is therefore **conditional on the one training set drawn** at
//! that dimension: it estimates `P(x ∈ region(X) | X)`, and its Wilson interval covers that
//! conditional probability. The hull count is thus not an estimate of the theorems'
//! `P(x ∈ conv X)` (the hull figures draw a fresh training set per test point for that, see
//! [`crate::math::hull::GridRun`]); drawing one per test here would multiply the ellipsoid
//! fits by the number of tests. For the box and the any-coordinate band the conditional
//! probability is known exactly for the training set drawn (product laws), and reported
//! beside the counts ([`SweepCell::box_given_training`]): that, not the average over training
//! sets `((N − 1)/(N + 1))^d`, is what their counts estimate. Dimension number `i` draws from
//! stream `0x5e0000 + i` of the seed ([`SweepSpec::params`]).

use super::{Definition, DefinitionCount, DefinitionsCurve, DefinitionsParams, FitOptions};
use crate::math::hull::{Distribution, MonteCarloParams};
use crate::math::rng::Rng;
use serde::{Deserialize, Serialize};

/// Largest dimension of a sweep.
pub const MAX_SWEEP_DIM: u32 = 128;
/// Largest training-set size of a sweep.
pub const MAX_SWEEP_TRAIN: u32 = 20_000;
/// Most test points per dimension.
pub const MAX_SWEEP_TESTS: u32 = 10_000;
/// Most dimensions in one sweep.
pub const MAX_SWEEP_DIMS: usize = 40;

/// What to compute: every definition at every dimension of `dims`, with `train` training
/// and `tests` test points drawn from `distribution`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepSpec {
    /// Dimensions, strictly increasing, in `1..=MAX_SWEEP_DIM`.
    pub dims: Vec<u32>,
    /// Training points per dimension.
    pub train: u32,
    /// Test points per dimension.
    pub tests: u32,
    /// Law of the points.
    pub distribution: Distribution,
    /// Seed; each dimension gets its own stream of it.
    pub seed: u64,
}

impl SweepSpec {
    /// Checks the spec against the limits (specs may come from untrusted JSON).
    ///
    /// # Errors
    /// A message naming the offending field.
    ///
    /// ```
    /// use highdim::math::definitions::sweep::SweepSpec;
    /// use highdim::math::hull::Distribution;
    /// let mut s = SweepSpec { dims: vec![2, 4], train: 100, tests: 50,
    ///                         distribution: Distribution::Gaussian, seed: 1 };
    /// assert!(s.validate().is_ok());
    /// s.dims = vec![4, 2];
    /// assert!(s.validate().unwrap_err().contains("increase"));
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        if self.dims.is_empty() || self.dims.len() > MAX_SWEEP_DIMS {
            return Err(format!(
                "{} dimensions is outside 1..={MAX_SWEEP_DIMS}",
                self.dims.len()
            ));
        }
        if self.dims[0] == 0
            || self.dims.iter().any(|&d| d > MAX_SWEEP_DIM)
            || self.dims.windows(2).any(|w| w[0] >= w[1])
        {
            return Err(format!(
                "dimensions must increase strictly within 1..={MAX_SWEEP_DIM}"
            ));
        }
        if self.train == 0 || self.train > MAX_SWEEP_TRAIN {
            return Err(format!(
                "{} training points is outside 1..={MAX_SWEEP_TRAIN}",
                self.train
            ));
        }
        if self.tests == 0 || self.tests > MAX_SWEEP_TESTS {
            return Err(format!(
                "{} tests is outside 1..={MAX_SWEEP_TESTS}",
                self.tests
            ));
        }
        Ok(())
    }

    /// Estimated cost of one test point at dimension `d`, in multiply-adds: about two
    /// passes of the hull solver over the training set, plus the other definitions.
    fn per_test(&self, d: u64) -> u64 {
        2 * d * self.train as u64 + 16 * d + d * d
    }

    /// Estimated total work, in multiply-adds (drawing, the ellipsoid fit at about
    /// `10·(d + 1)` iterations of `N·d`, and the tests).
    pub fn work(&self) -> u64 {
        self.dims
            .iter()
            .map(|&d| {
                let d = d as u64;
                let n = self.train as u64;
                d * n + 10 * (d + 1) * n * d + self.tests as u64 * self.per_test(d)
            })
            .fold(0u64, u64::saturating_add)
    }

    /// The sampling parameters of dimension number `i`: its seed is stream `0x5e0000 + i`
    /// of the sweep's seed.
    pub fn params(&self, i: usize) -> MonteCarloParams {
        MonteCarloParams {
            dim: self.dims[i] as usize,
            train: self.train as usize,
            tests: self.tests as usize,
            distribution: self.distribution,
            subspace: None,
            seed: Rng::stream(self.seed, 0x5e_0000 + i as u64).next_u64(),
        }
    }
}

/// One finished dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepCell {
    /// The dimension.
    pub dim: u32,
    /// One count per definition, in the order of [`Definition::ALL`].
    pub counts: Vec<DefinitionCount>,
    /// Iterations the ellipsoid fit took.
    pub mvee_iterations: usize,
    /// The dimension of the ellipsoid (smaller than `dim` when `N ≤ d`: a flat ellipsoid).
    pub mvee_rank: usize,
    /// The exact probability that a new point is inside the box fitted to this dimension's
    /// training set, given that set: what the box count estimates (product laws only:
    /// Gaussian, uniform cube; `None` for the ball). See
    /// [`DefinitionsCurve::exact_given_training`].
    #[serde(default)]
    pub box_given_training: Option<f64>,
    /// Likewise for the any-coordinate band.
    #[serde(default)]
    pub any_given_training: Option<f64>,
}

impl SweepCell {
    /// The count of `definition`, if computed.
    pub fn count(&self, definition: Definition) -> Option<DefinitionCount> {
        self.counts
            .iter()
            .copied()
            .find(|c| c.definition == definition)
    }
}

/// The sweep so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepReport {
    /// What was asked.
    pub spec: SweepSpec,
    /// `cells[i]`: dimension `spec.dims[i]`, once finished.
    pub cells: Vec<Option<SweepCell>>,
    /// Why the run stopped early, if it did (a solver failure; never seen in testing).
    pub error: Option<String>,
}

impl SweepReport {
    /// Whether every dimension is finished.
    pub fn is_complete(&self) -> bool {
        self.cells.iter().all(Option::is_some)
    }
}

/// A resumable sweep: build it, call [`SweepRun::step`] until it returns true.
///
/// ```
/// use highdim::math::definitions::sweep::{SweepRun, SweepSpec};
/// use highdim::math::definitions::Definition;
/// use highdim::math::hull::Distribution;
/// let spec = SweepSpec { dims: vec![1, 8], train: 200, tests: 100,
///                        distribution: Distribution::UniformCube, seed: 3 };
/// let mut run = SweepRun::new(spec).unwrap();
/// while !run.step(5_000) {}
/// let r = run.report();
/// let hull = |i: usize| r.cells[i].as_ref().unwrap().count(Definition::Hull).unwrap();
/// assert!(hull(1).count.inside < hull(0).count.inside); // fewer inside in 8-D
/// ```
#[derive(Clone, Debug)]
pub struct SweepRun {
    report: SweepReport,
    next: usize,
    current: Option<(usize, DefinitionsCurve)>,
}

impl SweepRun {
    /// Prepares the run.
    ///
    /// # Errors
    /// The message of [`SweepSpec::validate`].
    pub fn new(spec: SweepSpec) -> Result<Self, String> {
        spec.validate()?;
        Ok(Self {
            report: SweepReport {
                cells: vec![None; spec.dims.len()],
                spec,
                error: None,
            },
            next: 0,
            current: None,
        })
    }

    /// Does about `work` multiply-adds; returns true when finished (or stopped by an
    /// error, recorded in [`SweepReport::error`]).
    pub fn step(&mut self, work: u64) -> bool {
        let mut budget = work.max(1);
        loop {
            if self.report.error.is_some() {
                return true;
            }
            if self.current.is_none() {
                if self.next >= self.report.spec.dims.len() {
                    return true;
                }
                let i = self.next;
                self.next += 1;
                let params = DefinitionsParams {
                    sample: self.report.spec.params(i),
                    definitions: Definition::ALL.to_vec(),
                    options: FitOptions::default(),
                };
                let d = params.sample.dim as u64;
                match DefinitionsCurve::new(params) {
                    Ok(run) => self.current = Some((i, run)),
                    Err(e) => {
                        self.report.error = Some(e.to_string());
                        return true;
                    }
                }
                budget = budget.saturating_sub(d * self.report.spec.train as u64);
            }
            if budget == 0 {
                return false;
            }
            let Some((i, run)) = self.current.as_mut() else {
                continue;
            };
            let i = *i;
            let per_test = self.report.spec.per_test(self.report.spec.dims[i] as u64);
            let tests = (budget / per_test.max(1)).max(1);
            let before = run.counts().first().map_or(0, |c| c.count.tests);
            let fitting = run.ellipsoid().is_none();
            match run.step(tests.min(usize::MAX as u64) as usize) {
                Ok(done) => {
                    let did = run.counts().first().map_or(0, |c| c.count.tests) - before;
                    // A fitting slice costs about twice its test budget (see DefinitionsCurve).
                    let spent = if fitting && did == 0 {
                        tests.saturating_mul(per_test)
                    } else {
                        did.max(1).saturating_mul(per_test)
                    };
                    budget = budget.saturating_sub(spent);
                    if done {
                        let (mvee_iterations, mvee_rank) = run
                            .ellipsoid()
                            .map_or((0, 0), |e| (e.iterations(), e.rank()));
                        self.report.cells[i] = Some(SweepCell {
                            dim: self.report.spec.dims[i],
                            counts: run.counts(),
                            mvee_iterations,
                            mvee_rank,
                            box_given_training: run.exact_given_training(Definition::BoundingBox),
                            any_given_training: run.exact_given_training(Definition::AnyCoordinate),
                        });
                        self.current = None;
                    }
                }
                Err(e) => {
                    self.report.error = Some(format!("at d = {}: {e}", self.report.spec.dims[i]));
                    self.current = None;
                    return true;
                }
            }
        }
    }

    /// Fraction done, in `[0, 1]` (1 only when finished): finished dimensions weighted by
    /// their estimated cost, plus the tests done in the current one.
    pub fn progress(&self) -> f64 {
        if self.report.is_complete() || self.report.error.is_some() {
            return 1.0;
        }
        let spec = &self.report.spec;
        let cost = |i: usize| {
            let d = spec.dims[i] as f64;
            let n = spec.train as f64;
            d * n * 10.0 * (d + 1.0) + spec.tests as f64 * spec.per_test(d as u64) as f64
        };
        let total: f64 = (0..spec.dims.len()).map(cost).sum();
        let mut done: f64 = (0..spec.dims.len())
            .filter(|&i| self.report.cells[i].is_some())
            .map(cost)
            .sum();
        if let Some((i, run)) = &self.current {
            done += cost(*i) * run.progress();
        }
        (done / total.max(1.0)).min(0.999)
    }

    /// The finished dimensions so far.
    pub fn report(&self) -> &SweepReport {
        &self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::definitions::boxes::{AnyCoordinate, BoundingBox};
    use crate::math::definitions::DEFAULT_TOLERANCE;
    use crate::math::hull::{inside_fraction, InsideFraction};

    #[test]
    fn the_hull_counts_are_those_of_the_one_training_set_drawn() {
        // Every definition is counted on one training set per dimension: the hull count is
        // the one-training-set Monte Carlo's on the same samples (conditional on that set).
        let spec = SweepSpec {
            dims: vec![2, 5, 9],
            train: 80,
            tests: 60,
            distribution: Distribution::Gaussian,
            seed: 11,
        };
        let mut run = SweepRun::new(spec.clone()).unwrap();
        while !run.step(1_000) {}
        for (i, cell) in run.report().cells.iter().enumerate() {
            let cell = cell.as_ref().unwrap();
            let direct = inside_fraction(&spec.params(i)).unwrap();
            assert_eq!(
                cell.count(Definition::Hull).unwrap().count,
                direct,
                "d = {}",
                cell.dim
            );
            assert_eq!(cell.mvee_rank, cell.dim as usize);
            assert!(cell.mvee_iterations > 0);
            // The exact box and any-coordinate probabilities given the same training set.
            let data = InsideFraction::new(spec.params(i))
                .unwrap()
                .hull()
                .data()
                .to_vec();
            let d = cell.dim as usize;
            let fitted = BoundingBox::fit(d, &data, DEFAULT_TOLERANCE).unwrap();
            assert_eq!(
                cell.box_given_training,
                fitted.probability(Distribution::Gaussian)
            );
            let any = AnyCoordinate::fit(d, &data, DEFAULT_TOLERANCE).unwrap();
            assert_eq!(
                cell.any_given_training,
                any.probability(Distribution::Gaussian)
            );
            let (b, a) = (
                cell.box_given_training.unwrap(),
                cell.any_given_training.unwrap(),
            );
            assert!(0.0 < b && b < a && a < 1.0, "{b} {a}");
        }
        // The ball has no product form: no exact value.
        let mut ball = SweepRun::new(SweepSpec {
            distribution: Distribution::UniformBall,
            dims: vec![3],
            ..spec
        })
        .unwrap();
        while !ball.step(1_000) {}
        let cell = ball.report().cells[0].as_ref().unwrap();
        assert_eq!(
            (cell.box_given_training, cell.any_given_training),
            (None, None)
        );
    }
}
