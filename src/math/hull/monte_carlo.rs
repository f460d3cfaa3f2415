//! Monte Carlo estimates of the probability that a test point lies in the hull of `N`
//! training points (the paper's Figure 1), resumable in slices for a Web Worker.
//!
//! Two estimators, for two different quantities:
//!
//! - **`P(x ∈ conv X)`, what the theorems state** (the exact Gaussian value of
//!   [`super::GaussianHull`], Bárány–Füredi, Wendel): the probability over the training set
//!   *and* the test point. Estimated by drawing **a fresh training set for every test
//!   point**: [`FreshSampler`] gives test `j` its own random stream, from which it draws the
//!   test point and then training points one after another (the training set of size `N`
//!   is the first `N` of them), and [`FreshClassifier`] decides membership. The verdicts of
//!   different tests are then independent Bernoulli trials with success probability
//!   `P(x ∈ conv X)`, so the Wilson interval of their count ([`InsideCount::interval`]) is
//!   an honest 95 % interval for it. [`super::GridRun`] (the figures' job and
//!   `highdim curve`) runs this over a grid.
//! - **`P(x ∈ conv X | X)` for one drawn training set `X`**: [`InsideFraction`] draws one
//!   training set and tests many points against it. Its interval covers that conditional
//!   probability, which varies from one training set to the next by more than the interval's
//!   width once there are a few thousand tests (issue 12: at d = 3, N = 100, 2,000 tests,
//!   six seeds gave 0.754 to 0.806 around the exact 0.783, each claiming ±0.018). It is what
//!   the definitions figure wants (every definition on the same samples, see
//!   `math::definitions`), not an estimate of the theorem's probability.

use super::{solve, Hull, HullError, HullOptions, SmoothCurve, Workspace};
use crate::math::input::InputError;
use crate::math::rng::Rng;
use crate::math::stats;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The law of the training and test points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Distribution {
    /// Standard normal `N(0, I)`.
    Gaussian,
    /// Uniform in the cube `[−1, 1]ᵈ`.
    UniformCube,
    /// Uniform in the unit ball.
    UniformBall,
}

impl Distribution {
    /// Fills `out` with one sample.
    pub fn sample(self, rng: &mut Rng, out: &mut [f64]) {
        match self {
            Distribution::Gaussian => out.iter_mut().for_each(|v| *v = rng.normal()),
            Distribution::UniformCube => {
                out.iter_mut().for_each(|v| *v = rng.uniform_in(-1.0, 1.0))
            }
            Distribution::UniformBall => rng.in_unit_ball(out),
        }
    }

    /// The short name used on the command line and in URLs: `gaussian`, `cube`, `ball`.
    pub fn name(self) -> &'static str {
        match self {
            Distribution::Gaussian => "gaussian",
            Distribution::UniformCube => "cube",
            Distribution::UniformBall => "ball",
        }
    }
}

impl fmt::Display for Distribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Distribution {
    type Err = String;

    /// Parses `gaussian`/`normal`, `uniform`/`cube`/`uniform-cube`, `ball`/`uniform-ball`.
    ///
    /// ```
    /// use highdim::math::hull::Distribution;
    /// assert_eq!("cube".parse::<Distribution>(), Ok(Distribution::UniformCube));
    /// assert!("cone".parse::<Distribution>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "gaussian" | "normal" => Ok(Distribution::Gaussian),
            "cube" | "uniform" | "uniform-cube" => Ok(Distribution::UniformCube),
            "ball" | "uniform-ball" => Ok(Distribution::UniformBall),
            other => Err(format!(
                "unknown distribution '{other}' (expected gaussian, uniform (the cube) or ball)"
            )),
        }
    }
}

/// One cell of the experiment: `train` training points and `tests` test points, all drawn
/// from `distribution` in `R^dim`, or, with `subspace: Some(k)`, drawn in `R^k` and mapped
/// into `R^dim` by the first `k` columns of a random Gaussian `dim × dim` matrix (invertible
/// with probability one), so the data's affine dimension is `k`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonteCarloParams {
    /// Ambient dimension `d ≥ 1`.
    pub dim: usize,
    /// Number of training points `N ≥ 1`.
    pub train: usize,
    /// Number of test points.
    pub tests: usize,
    /// Law of all points.
    pub distribution: Distribution,
    /// Dimension of the linear subspace holding the data, if any (`≤ dim`).
    pub subspace: Option<usize>,
    /// Seed. Training points, test points and the map use separate streams, so the same
    /// seed with a larger `train` extends the same training set and reuses the same tests
    /// (common random numbers: the estimate is monotone in `train`).
    pub seed: u64,
}

/// How many of the tests fell inside.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsideCount {
    /// Tests inside the training hull.
    pub inside: u64,
    /// Tests classified.
    pub tests: u64,
}

impl InsideCount {
    /// The fraction inside (0 when there are no tests).
    pub fn fraction(&self) -> f64 {
        if self.tests == 0 {
            0.0
        } else {
            self.inside as f64 / self.tests as f64
        }
    }

    /// The Wilson 95 % interval for the probability of falling inside.
    ///
    /// ```
    /// use highdim::math::hull::InsideCount;
    /// let c = InsideCount { inside: 30, tests: 40 };
    /// assert_eq!(c.fraction(), 0.75);
    /// let (lo, hi) = c.interval();
    /// assert!(lo < 0.75 && 0.75 < hi && hi - lo < 0.3);
    /// ```
    pub fn interval(&self) -> (f64, f64) {
        wilson_interval(self.inside, self.tests)
    }
}

/// Wilson's score interval at 95 % ([`stats::wilson_interval`] at z = 1.959964) for `k`
/// successes in `n` trials;
/// `(0, 1)` when `n = 0`. Unlike the normal approximation it stays inside `[0, 1]` and is
/// not degenerate at `k = 0` or `k = n`.
///
/// ```
/// use highdim::math::hull::wilson_interval;
/// let (lo, hi) = wilson_interval(50, 100);
/// assert!((lo - 0.4038).abs() < 1e-4 && (hi - 0.5962).abs() < 1e-4);
/// let (lo, hi) = wilson_interval(0, 10);
/// assert_eq!(lo, 0.0);
/// assert!((hi - 0.2775).abs() < 1e-4);
/// ```
pub fn wilson_interval(k: u64, n: u64) -> (f64, f64) {
    stats::wilson_interval(k, n, stats::Z95)
}

/// A resumable Monte Carlo run over **one** training set: build it, call
/// [`InsideFraction::step`] until it returns true, read [`InsideFraction::count`]. The
/// result does not depend on how the work is sliced.
///
/// Every test point is checked against the same training set, so the count estimates
/// `P(x ∈ conv X | X)` for the `X` drawn, and its interval covers that conditional
/// probability, not `P(x ∈ conv X)` (module docs). For the latter use [`super::GridRun`]
/// (one training set per test point).
///
/// ```
/// use highdim::math::hull::{Distribution, InsideFraction, MonteCarloParams};
/// let params = MonteCarloParams {
///     dim: 2, train: 50, tests: 40, distribution: Distribution::Gaussian,
///     subspace: None, seed: 1,
/// };
/// let mut run = InsideFraction::new(params).unwrap();
/// while !run.step(7).unwrap() {
///     assert!(run.progress() < 1.0);
/// }
/// let count = run.count();
/// assert_eq!(count.tests, 40);
/// assert!(count.inside > 20); // 50 Gaussian points in the plane cover most of the mass
/// ```
#[derive(Clone, Debug)]
pub struct InsideFraction {
    params: MonteCarloParams,
    hull: Hull,
    ws: Workspace,
    opts: HullOptions,
    /// The test points.
    sampler: Sampler,
    count: InsideCount,
    passes: u64,
}

impl InsideFraction {
    /// Draws the training set and prepares the run.
    ///
    /// # Errors
    /// [`HullError::Input`] with [`InputError::ZeroDimension`] or [`InputError::Empty`]
    /// (no training points),
    /// [`HullError::SubspaceTooLarge`].
    pub fn new(params: MonteCarloParams) -> Result<Self, HullError> {
        Self::build(params, None)
    }

    /// Like [`InsideFraction::new`], but training and test points lie on a [`SmoothCurve`]
    /// through `anchors` random anchor points of `R^dim` (drawn from the seed's map stream),
    /// at uniformly random curve parameters. `distribution` and `subspace` are not used.
    ///
    /// # Errors
    /// [`HullError::Input`] with [`InputError::ZeroDimension`] or [`InputError::Empty`].
    ///
    /// ```
    /// use highdim::math::hull::{Distribution, InsideFraction, MonteCarloParams};
    /// // A 1-D curve in R^8: 200 training points, yet almost no test point is inside.
    /// let params = MonteCarloParams {
    ///     dim: 8, train: 200, tests: 50, distribution: Distribution::Gaussian,
    ///     subspace: None, seed: 2,
    /// };
    /// let mut run = InsideFraction::on_curve(params, 8).unwrap();
    /// run.step(usize::MAX).unwrap();
    /// assert!(run.count().fraction() < 0.2);
    /// ```
    pub fn on_curve(params: MonteCarloParams, anchors: usize) -> Result<Self, HullError> {
        Self::build(params, Some(anchors))
    }

    fn build(params: MonteCarloParams, curve: Option<usize>) -> Result<Self, HullError> {
        let (sampler, data) = Sampler::new(&params, curve)?;
        let hull = Hull::new(params.dim, data)?;
        Ok(Self {
            params,
            hull,
            ws: Workspace::default(),
            opts: HullOptions::verdict_only(),
            sampler,
            count: InsideCount::default(),
            passes: 0,
        })
    }

    /// Classifies up to `max_tests` more test points. Returns true when all are done.
    ///
    /// # Errors
    /// [`HullError::NotConverged`] if the solver fails on a test point.
    pub fn step(&mut self, max_tests: usize) -> Result<bool, HullError> {
        let total = self.params.tests as u64;
        let mut budget = max_tests;
        while self.count.tests < total && budget > 0 {
            let x = self.sampler.next_test();
            let c = solve(&self.hull, x, &self.opts, &mut self.ws)?;
            self.passes += c.passes as u64;
            if c.membership.is_inside() {
                self.count.inside += 1;
            }
            self.count.tests += 1;
            budget -= 1;
        }
        Ok(self.is_done())
    }

    /// Whether every test has been classified.
    pub fn is_done(&self) -> bool {
        self.count.tests >= self.params.tests as u64
    }

    /// Fraction of the tests done, in `[0, 1]`.
    pub fn progress(&self) -> f64 {
        if self.params.tests == 0 {
            1.0
        } else {
            self.count.tests as f64 / self.params.tests as f64
        }
    }

    /// The counts so far.
    pub fn count(&self) -> InsideCount {
        self.count
    }

    /// The parameters of the run.
    pub fn params(&self) -> &MonteCarloParams {
        &self.params
    }

    /// The training hull.
    pub fn hull(&self) -> &Hull {
        &self.hull
    }

    /// Total passes over the training set so far (see [`super::Classification::passes`]).
    pub fn passes(&self) -> u64 {
        self.passes
    }
}

/// The seeded points of one Monte Carlo cell: the training set from stream 0 of the seed,
/// the test points from stream 1, a subspace map or curve from stream 2. Every membership
/// test that runs on a cell (the hull here, the other definitions in
/// `math::definitions`) draws through this, so they all see the same samples.
#[derive(Clone, Debug)]
pub struct Sampler {
    distribution: Distribution,
    embedding: Embedding,
    tests_rng: Rng,
    z: Vec<f64>,
    x: Vec<f64>,
}

impl Sampler {
    /// Validates `params`, draws the training set (row-major, `train × dim`) and returns it
    /// with the sampler of test points. `curve = Some(anchors)` puts the data on a smooth
    /// random curve through that many anchors (the subspace is then ignored).
    ///
    /// # Errors
    /// [`HullError::Input`] with [`InputError::ZeroDimension`] or [`InputError::Empty`]
    /// (no training points),
    /// [`HullError::SubspaceTooLarge`].
    pub fn new(
        params: &MonteCarloParams,
        curve: Option<usize>,
    ) -> Result<(Self, Vec<f64>), HullError> {
        let d = params.dim;
        if d == 0 {
            return Err(HullError::Input(InputError::ZeroDimension));
        }
        if params.train == 0 {
            return Err(HullError::Input(InputError::Empty));
        }
        let k = params.subspace.unwrap_or(d);
        if k > d && curve.is_none() {
            return Err(HullError::SubspaceTooLarge {
                subspace: k,
                dim: d,
            });
        }
        let embedding = match (curve, params.subspace) {
            (Some(anchors), _) => Embedding::Curve(SmoothCurve::random(
                d,
                anchors,
                Rng::stream(params.seed, 2).next_u64(),
            )),
            (None, Some(k)) => {
                let mut rng = Rng::stream(params.seed, 2);
                Embedding::Linear((0..d * k).map(|_| rng.normal()).collect())
            }
            (None, None) => Embedding::Full,
        };
        let k = if curve.is_some() { d } else { k };
        let mut sampler = Self {
            distribution: params.distribution,
            embedding,
            tests_rng: Rng::stream(params.seed, 0),
            z: vec![0.0; k],
            x: vec![0.0; d],
        };
        let mut data = Vec::with_capacity(params.train * d);
        for _ in 0..params.train {
            data.extend_from_slice(sampler.next_test());
        }
        sampler.tests_rng = Rng::stream(params.seed, 1);
        Ok((sampler, data))
    }

    /// The next test point (valid until the next call).
    pub fn next_test(&mut self) -> &[f64] {
        draw(
            self.distribution,
            &mut self.tests_rng,
            &self.embedding,
            &mut self.z,
            &mut self.x,
        );
        &self.x
    }
}

/// Where the points of a run live.
#[derive(Clone, Debug)]
pub(super) enum Embedding {
    /// Drawn from the distribution in `R^d`.
    Full,
    /// Drawn in `R^k` and mapped by this `d × k` matrix (row-major).
    Linear(Vec<f64>),
    /// On a curve, at a uniform parameter.
    Curve(SmoothCurve),
}

/// One point: a sample in `R^k`, mapped to `R^d` when on a subspace, or a point of the curve.
fn draw(dist: Distribution, rng: &mut Rng, emb: &Embedding, z: &mut [f64], x: &mut [f64]) {
    match emb {
        Embedding::Full => dist.sample(rng, x),
        Embedding::Curve(c) => c.sample(rng, x),
        Embedding::Linear(m) => {
            dist.sample(rng, z);
            let k = z.len();
            for (i, xi) in x.iter_mut().enumerate() {
                *xi = m[i * k..(i + 1) * k]
                    .iter()
                    .zip(z.iter())
                    .map(|(a, b)| a * b)
                    .sum();
            }
        }
    }
}

/// Runs a whole [`InsideFraction`] at once.
///
/// # Errors
/// As [`InsideFraction::new`] and [`InsideFraction::step`].
///
/// ```
/// use highdim::math::hull::{inside_fraction, Distribution, MonteCarloParams};
/// // In one dimension a test point is outside N training points with probability 2/(N+1).
/// let params = MonteCarloParams {
///     dim: 1, train: 9, tests: 4000, distribution: Distribution::UniformCube,
///     subspace: None, seed: 3,
/// };
/// let c = inside_fraction(&params).unwrap();
/// assert!((c.fraction() - 0.8).abs() < 0.1);
/// ```
pub fn inside_fraction(params: &MonteCarloParams) -> Result<InsideCount, HullError> {
    let mut run = InsideFraction::new(params.clone())?;
    run.step(usize::MAX)?;
    Ok(run.count())
}

/// The workload of the paper's Figure 1 (left) as the benchmarks run it: Gaussian data,
/// d = 1..=32 × N ∈ {10, 100, 1000, 10000} × `tests` test points (12,800 tests at
/// `tests = 100`), each cell seeded `seed + d`. Returns the total inside count.
///
/// # Errors
/// See [`InsideFraction::new`].
pub fn paper_workload(tests: usize, seed: u64) -> Result<u64, HullError> {
    let mut inside = 0;
    for dim in 1..=32 {
        for train in [10, 100, 1000, 10000] {
            let params = MonteCarloParams {
                dim,
                train,
                tests,
                distribution: Distribution::Gaussian,
                subspace: None,
                seed: seed + dim as u64,
            };
            let mut run = InsideFraction::new(params)?;
            while !run.step(1000)? {}
            inside += run.count().inside;
        }
    }
    Ok(inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_is_symmetric_and_contains_the_estimate() {
        for n in [1u64, 7, 100, 5000] {
            for k in [0, n / 3, n / 2, n] {
                let (lo, hi) = wilson_interval(k, n);
                let (lo2, hi2) = wilson_interval(n - k, n);
                assert!((lo - (1.0 - hi2)).abs() < 1e-12 && (hi - (1.0 - lo2)).abs() < 1e-12);
                let p = k as f64 / n as f64;
                assert!(lo <= p && p <= hi && 0.0 <= lo && hi <= 1.0);
            }
        }
        assert_eq!(wilson_interval(0, 0), (0.0, 1.0));
        // Narrows like 1/√n.
        let w1 = wilson_interval(50, 100);
        let w2 = wilson_interval(5000, 10000);
        let ratio = (w1.1 - w1.0) / (w2.1 - w2.0);
        assert!((9.5..10.5).contains(&ratio), "{ratio}");
    }

    #[test]
    fn slicing_does_not_change_the_result() {
        let params = MonteCarloParams {
            dim: 4,
            train: 60,
            tests: 50,
            distribution: Distribution::UniformBall,
            subspace: None,
            seed: 9,
        };
        let whole = inside_fraction(&params).unwrap();
        let mut run = InsideFraction::new(params).unwrap();
        let mut steps = 0;
        while !run.step(3).unwrap() {
            steps += 1;
        }
        assert!(steps >= 16);
        assert_eq!(run.count(), whole);
    }

    #[test]
    fn nested_training_sets_give_monotone_counts() {
        let mut last = 0;
        for train in [5, 20, 80, 320] {
            let c = inside_fraction(&MonteCarloParams {
                dim: 3,
                train,
                tests: 200,
                distribution: Distribution::Gaussian,
                subspace: None,
                seed: 4,
            })
            .unwrap();
            assert!(c.inside >= last, "{train}: {} < {last}", c.inside);
            last = c.inside;
        }
        assert!(last > 100);
    }

    #[test]
    fn subspace_dimension_is_what_matters() {
        // Data on a 2-D subspace of R^10 behaves like 2-D data: many tests inside,
        // while full 10-D data with the same N has almost none inside.
        let base = MonteCarloParams {
            dim: 10,
            train: 100,
            tests: 200,
            distribution: Distribution::Gaussian,
            subspace: Some(2),
            seed: 5,
        };
        let flat = inside_fraction(&base).unwrap();
        let full = inside_fraction(&MonteCarloParams {
            subspace: None,
            ..base.clone()
        })
        .unwrap();
        assert!(flat.fraction() > 0.8, "{flat:?}");
        assert!(full.fraction() < 0.1, "{full:?}");
        let err = InsideFraction::new(MonteCarloParams {
            subspace: Some(11),
            ..base
        })
        .unwrap_err();
        assert_eq!(
            err,
            HullError::SubspaceTooLarge {
                subspace: 11,
                dim: 10
            }
        );
    }

    /// In one dimension (or on a line embedded anywhere), for any continuous law, a test
    /// point falls inside N training points with probability (N − 1)/(N + 1).
    #[test]
    fn one_dimensional_law_is_reproduced() {
        let n = 9;
        let want = (n as f64 - 1.0) / (n as f64 + 1.0);
        for (dim, subspace, distribution) in [
            (1, None, Distribution::Gaussian),
            (1, None, Distribution::UniformBall),
            (3, Some(1), Distribution::UniformCube),
        ] {
            // Fresh training sets (one per seed) so the mean estimates the unconditional
            // probability; the spread across seeds gives an honest standard error.
            let runs = 300;
            let fractions: Vec<f64> = (0..runs)
                .map(|seed| {
                    inside_fraction(&MonteCarloParams {
                        dim,
                        train: n,
                        tests: 10,
                        distribution,
                        subspace,
                        seed,
                    })
                    .unwrap()
                    .fraction()
                })
                .collect();
            let mean = fractions.iter().sum::<f64>() / runs as f64;
            let var = fractions.iter().map(|f| (f - mean).powi(2)).sum::<f64>() / (runs - 1) as f64;
            let se = (var / runs as f64).sqrt();
            assert!(
                (mean - want).abs() < 4.0 * se,
                "{dim}-D {distribution}: {mean} vs {want} (s.e. {se})"
            );
        }
    }

    #[test]
    fn params_round_trip_through_json() {
        let p = MonteCarloParams {
            dim: 3,
            train: 10,
            tests: 5,
            distribution: Distribution::UniformCube,
            subspace: Some(2),
            seed: 77,
        };
        let s = serde_json::to_string(&p).unwrap();
        assert!(s.contains("\"uniform_cube\""));
        let back: MonteCarloParams = serde_json::from_str(&s).unwrap();
        assert_eq!(back, p);
    }
}
