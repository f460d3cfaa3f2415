//! The Monte Carlo that estimates what the theorems state: a fresh training set for every
//! test point ([`FreshSampler`]) and the exact verdicts with their shortcuts
//! ([`FreshClassifier`]); see the `monte_carlo` module for the two estimators and why.

use super::monte_carlo::{Distribution, Embedding};
use super::{
    solve, Hull, HullError, HullOptions, Membership, SmoothCurve, Support, Workspace,
    RESOLUTION_BAND,
};
use crate::math::input::InputError;
use crate::math::rng::{Rng, Ziggurat};

/// The points of one series of the resampled Monte Carlo, where **every test point has its
/// own training set**.
///
/// Test `j` reads the random stream `Rng::stream(seed, j)`: first its test point, then
/// training points one after another (Gaussian data in the full space: from two streams
/// seeded by it, below); its training set of size `N` is the first `N` of them. So for one test the training sets are nested across `N` (once inside at some `N`,
/// inside at every larger `N`: exact inference, used by [`super::GridRun`]), while
/// different tests are independent. Nothing depends on which other tests or sizes are
/// computed, or in which order.
///
/// Where the points live ([`Support`]):
/// - [`Support::Full`]: `distribution` in `R^dim`;
/// - [`Support::Subspace`] `{ k }`: `distribution` in `R^k`, mapped into `R^dim` by a random
///   Gaussian `dim × k` matrix (injective with probability one). The matrix is drawn once per
///   series (from the series seed), not per test: hull membership is invariant under an
///   injective affine map, so the probability is that of `k`-dimensional data whatever the
///   map, and a fixed map costs no generality;
/// - [`Support::Curve`] `{ anchors }`: uniform parameters on one [`SmoothCurve`] through
///   `anchors` random points, drawn once per series: the curve is the data distribution,
///   and training and test points on it are drawn fresh for every test.
///
/// ```
/// use highdim::math::hull::{Distribution, FreshSampler, Support};
/// let s = FreshSampler::new(3, Support::Full, Distribution::Gaussian, 7).unwrap();
/// let (mut x, mut data) = (vec![0.0; 3], Vec::new());
/// s.draw(5, 10, &mut x, &mut data);
/// let (mut x2, mut more) = (vec![0.0; 3], Vec::new());
/// s.draw(5, 20, &mut x2, &mut more);
/// // Same test point, and the 10 training points are the first 10 of the 20.
/// assert_eq!(x, x2);
/// assert_eq!(data[..], more[..30]);
/// s.draw(6, 10, &mut x2, &mut more);
/// assert_ne!(x, x2); // another test, another stream
/// ```
///
/// Gaussian coordinates (and the directions of ball samples) come from a [`Ziggurat`], faster
/// than [`Rng::normal`]: this Monte Carlo draws `N·d` of them per test.
///
/// **Gaussian data in the full space** are drawn in a frame turned towards the test point
/// `x`: training point `i` is `H gᵢ`, where `gᵢ ~ N(0, I)` takes its first coordinate from
/// one stream of the test and the other `d − 1` from a second, and `H` is the Householder
/// reflection taking `e₁` to `∓x/‖x‖`. `H` is orthogonal and depends on `x` only, so the
/// training points are independent `N(0, I)` points, independent of `x`, exactly as if drawn
/// coordinate by coordinate. But the projection of every training point on the direction of
/// `x` is then one number of the first stream (`±gᵢ₁`), so when `x` lies farther out than
/// all `N` projections it is proven outside their hull after drawing `N` numbers instead of
/// `N·d` ([`FreshClassifier`] does this first) — the case of most tests in high dimension.
#[derive(Clone, Debug)]
pub struct FreshSampler {
    dim: usize,
    distribution: Distribution,
    embedding: Embedding,
    /// Coordinates drawn per point before the embedding (`k` on a subspace).
    drawn: usize,
    seed: u64,
    normal: Ziggurat,
}

impl FreshSampler {
    /// The sampler of a series in `R^dim` with the given support, law and series seed. The
    /// subspace map or the curve is drawn from stream `u64::MAX` of `seed` (tests use the
    /// streams from 0 up). `distribution` is not used on a curve.
    ///
    /// # Errors
    /// [`HullError::Input`] with [`InputError::ZeroDimension`] for `dim = 0` or a subspace
    /// of dimension 0, [`HullError::SubspaceTooLarge`] for `k > dim`.
    pub fn new(
        dim: usize,
        support: Support,
        distribution: Distribution,
        seed: u64,
    ) -> Result<Self, HullError> {
        if dim == 0 {
            return Err(HullError::Input(InputError::ZeroDimension));
        }
        let mut shared = Rng::stream(seed, u64::MAX);
        let (embedding, drawn) = match support {
            Support::Full => (Embedding::Full, dim),
            Support::Subspace { k: 0 } => return Err(HullError::Input(InputError::ZeroDimension)),
            Support::Subspace { k } if k as usize > dim => {
                return Err(HullError::SubspaceTooLarge {
                    subspace: k as usize,
                    dim,
                })
            }
            Support::Subspace { k } => {
                let k = k as usize;
                (
                    Embedding::Linear((0..dim * k).map(|_| shared.normal()).collect()),
                    k,
                )
            }
            Support::Curve { anchors } => (
                Embedding::Curve(SmoothCurve::random(
                    dim,
                    anchors as usize,
                    shared.next_u64(),
                )),
                dim,
            ),
        };
        Ok(Self {
            dim,
            distribution,
            embedding,
            drawn,
            seed,
            normal: Ziggurat::new(),
        })
    }

    /// The ambient dimension.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Whether training points are drawn in the frame of the test point (Gaussian data in
    /// the full space, see the type's docs).
    fn rotated(&self) -> bool {
        matches!(self.embedding, Embedding::Full) && self.distribution == Distribution::Gaussian
    }

    /// A bound on the magnitude of every coordinate of every training point of a rotated
    /// sampler: `‖H g‖∞ ≤ ‖g‖₂ ≤ √d·`[`Ziggurat::BOUND`].
    fn reach_bound(&self) -> f64 {
        (self.dim as f64).sqrt() * Ziggurat::BOUND
    }

    /// Draws test point `j` into `x` (length `dim`) and returns the streams of its training
    /// points: the test's stream, continued; for a rotated sampler two streams seeded from
    /// it (first coordinates, the others).
    fn start(&self, j: u64, z: &mut Vec<f64>, x: &mut [f64]) -> TrainingStreams {
        let mut rng = Rng::stream(self.seed, j);
        self.point(&mut rng, z, x);
        if self.rotated() {
            let seed = rng.next_u64();
            TrainingStreams {
                main: Rng::stream(seed, 0),
                transverse: Some(Rng::stream(seed, 1)),
            }
        } else {
            TrainingStreams {
                main: rng,
                transverse: None,
            }
        }
    }

    /// The frame of test point `x` for a rotated sampler: `H = I − 2vvᵀ/(vᵀv)` with
    /// `v = u + σe₁`, `u = x/‖x‖` (`e₁` when `x = 0`), `σ = ±1` the sign of `u₁`, so that
    /// `H e₁ = −σu` and `uᵀH g = −σ g₁`.
    fn frame(&self, x: &[f64], frame: &mut Frame) {
        let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
        frame.v.clear();
        if norm > 0.0 {
            frame.v.extend(x.iter().map(|v| v / norm));
        } else {
            frame.v.resize(x.len(), 0.0);
            frame.v[0] = 1.0;
        }
        let sigma = if frame.v[0] >= 0.0 { 1.0 } else { -1.0 };
        frame.v[0] += sigma;
        let vv: f64 = frame.v.iter().map(|v| v * v).sum();
        frame.scale = 2.0 / vv;
        frame.sign = -sigma;
        frame.norm = norm;
    }

    /// Fills `out` with one sample of the law in `R^{out.len()}`.
    #[inline]
    fn sample(&self, rng: &mut Rng, out: &mut [f64]) {
        match self.distribution {
            Distribution::Gaussian => out.iter_mut().for_each(|v| *v = self.normal.sample(rng)),
            Distribution::UniformCube => {
                out.iter_mut().for_each(|v| *v = rng.uniform_in(-1.0, 1.0))
            }
            Distribution::UniformBall => {
                // A uniform direction (a normalised Gaussian vector) times radius U^{1/k}.
                let norm2 = loop {
                    out.iter_mut().for_each(|v| *v = self.normal.sample(rng));
                    let norm2: f64 = out.iter().map(|v| v * v).sum();
                    if norm2 > 1e-300 {
                        break norm2;
                    }
                };
                let r = libm::pow(rng.uniform(), 1.0 / out.len() as f64);
                let scale = r / libm::sqrt(norm2);
                out.iter_mut().for_each(|v| *v *= scale);
            }
        }
    }

    /// Draws one point from `rng` into `out` (length `dim`); `z` is scratch. (Test points,
    /// and training points of samplers that are not rotated.)
    #[inline]
    fn point(&self, rng: &mut Rng, z: &mut Vec<f64>, out: &mut [f64]) {
        match &self.embedding {
            Embedding::Full => self.sample(rng, out),
            Embedding::Curve(c) => c.sample(rng, out),
            Embedding::Linear(m) => {
                z.resize(self.drawn, 0.0);
                self.sample(rng, z);
                let k = z.len();
                for (xi, row) in out.iter_mut().zip(m.chunks_exact(k)) {
                    *xi = row.iter().zip(z.iter()).map(|(a, b)| a * b).sum();
                }
            }
        }
    }

    /// Appends the next `n` training points of `streams` to `data`, row-major; `frame` is
    /// the test point's (used by a rotated sampler only).
    fn points(
        &self,
        streams: &mut TrainingStreams,
        frame: &Frame,
        n: usize,
        z: &mut Vec<f64>,
        data: &mut Vec<f64>,
    ) {
        let d = self.dim;
        // Local copies of the generators' states keep them in registers in the loops.
        let mut main = streams.main.clone();
        let rng = &mut main;
        match (
            &self.embedding,
            self.distribution,
            streams.transverse.as_mut(),
        ) {
            (Embedding::Full, Distribution::Gaussian, Some(transverse)) => {
                let mut other = transverse.clone();
                let start = data.len();
                data.resize(start + n * d, 0.0);
                for row in data[start..].chunks_exact_mut(d) {
                    row[0] = self.normal.sample(rng);
                    for v in &mut row[1..] {
                        *v = self.normal.sample(&mut other);
                    }
                    // row ← H row = row − v·(2vᵀrow/vᵀv).
                    let c = frame.scale * row.iter().zip(&frame.v).map(|(a, b)| a * b).sum::<f64>();
                    row.iter_mut().zip(&frame.v).for_each(|(a, b)| *a -= c * b);
                }
                *transverse = other;
            }
            // Independent coordinates: in one run (the same values as point by point).
            (Embedding::Full, Distribution::Gaussian, None) => {
                data.extend((0..n * d).map(|_| self.normal.sample(rng)));
            }
            (Embedding::Full, Distribution::UniformCube, _) => {
                data.extend((0..n * d).map(|_| rng.uniform_in(-1.0, 1.0)));
            }
            _ => {
                let start = data.len();
                data.resize(start + n * d, 0.0);
                for row in data[start..].chunks_exact_mut(d) {
                    self.point(rng, z, row);
                }
            }
        }
        streams.main = main;
    }

    /// Writes test point `j` into `x` (length `dim`) and appends its first `n` training
    /// points to `data`, row-major.
    ///
    /// # Panics
    /// If `x.len() != dim`.
    pub fn draw(&self, j: u64, n: usize, x: &mut [f64], data: &mut Vec<f64>) {
        assert_eq!(x.len(), self.dim, "the test point has dim coordinates");
        let mut z = Vec::new();
        let mut streams = self.start(j, &mut z, x);
        let mut frame = Frame::default();
        if self.rotated() {
            self.frame(x, &mut frame);
        }
        self.points(&mut streams, &frame, n, &mut z, data);
    }
}

/// The streams a test's training points come from (see [`FreshSampler`]).
#[derive(Clone, Debug)]
pub(crate) struct TrainingStreams {
    /// The test's stream after its test point; for a rotated sampler, the first
    /// coordinates.
    main: Rng,
    /// For a rotated sampler, the other coordinates.
    transverse: Option<Rng>,
}

/// The Householder frame of a test point (see [`FreshSampler::frame`]).
#[derive(Clone, Debug, Default)]
struct Frame {
    v: Vec<f64>,
    /// `2/(vᵀv)`.
    scale: f64,
    /// `−σ`: the projection of `H g` on `x/‖x‖` is `sign·g₁`.
    sign: f64,
    /// `‖x‖`.
    norm: f64,
}

/// One verdict of the resampled Monte Carlo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FreshVerdict {
    /// Whether the test point is in the hull of its training set.
    pub inside: bool,
    /// Passes over the training set the solver made (see [`super::Classification::passes`]).
    pub passes: usize,
}

/// Decides whether test points of [`FreshSampler`]s are inside the hulls of their own
/// training sets, reusing one set of buffers (training points, hull summary, solver
/// workspace) for all of them, so classifying allocates nothing once the buffers have grown
/// to the largest training set. Verdicts are the solver's verdict-only mode
/// ([`HullOptions::verdict_only`]), each query solved afresh (no warm start from another
/// test's training set).
///
/// ```
/// use highdim::math::hull::{Distribution, FreshClassifier, FreshSampler, Hull, Support};
/// let s = FreshSampler::new(2, Support::Full, Distribution::Gaussian, 3).unwrap();
/// let mut c = FreshClassifier::new();
/// let v = c.classify(&s, 0, 50).unwrap();
/// // The same verdict as building the hull of the drawn points directly.
/// let (mut x, mut data) = (vec![0.0; 2], Vec::new());
/// s.draw(0, 50, &mut x, &mut data);
/// assert_eq!(v.inside, Hull::new(2, data).unwrap().contains(&x).unwrap());
/// ```
#[derive(Clone, Debug)]
pub struct FreshClassifier {
    hull: Hull,
    ws: Workspace,
    opts: HullOptions,
    x: Vec<f64>,
    z: Vec<f64>,
    /// Scratch for training points drawn to check a [`Separation`].
    row: Vec<f64>,
    /// The test point's frame (rotated samplers).
    frame: Frame,
}

/// A carried separation must exceed this many `τ·reach` (with `reach` the largest coordinate
/// magnitude of the training points, so the hull's scale `s ≤ 2·reach`): then no solve of
/// the same points could call the test point inside, not even at the resolution limit
/// (within [`RESOLUTION_BAND`]`·τ·s`), and inferring "outside" equals computing it.
const SEPARATION_GUARD: f64 = 8.0 * RESOLUTION_BAND;

/// Training points drawn at a time when checking a [`Separation`].
const SEPARATION_CHUNK: usize = 256;

/// An outside verdict carried from one training-set size to a larger one (exact inference,
/// like "inside" carried upwards): a unit normal `a` with `aᵀ(x − xᵢ) ≥ margin > 0` for the
/// test point `x` and each of its first `n` training points, and the test's stream right
/// after them. If the next points keep the margin above [`SEPARATION_GUARD`]`·τ·reach`, the
/// test point is outside their hull too, and neither the first `n` points need drawing
/// again nor the solver running.
#[derive(Clone, Debug)]
pub(crate) struct Separation {
    normal: Vec<f64>,
    margin: f64,
    /// Largest coordinate magnitude of the training points covered.
    reach: f64,
    /// Training points covered.
    n: usize,
    streams: TrainingStreams,
}

impl Separation {
    /// Memory it holds, in `f64`s (for a budget): its slot and its normal.
    pub(crate) fn size_in_f64(dim: usize) -> usize {
        std::mem::size_of::<Option<Separation>>().div_ceil(8) + dim
    }

    /// The training points it covers.
    pub(crate) fn covered(&self) -> usize {
        self.n
    }
}

impl Default for FreshClassifier {
    fn default() -> Self {
        Self::new()
    }
}

impl FreshClassifier {
    /// A classifier with empty buffers.
    pub fn new() -> Self {
        Self {
            // A placeholder until the first query refills it.
            hull: Hull {
                dim: 1,
                data: vec![0.0],
                lo: vec![0.0],
                hi: vec![0.0],
                lo_at: vec![0],
                hi_at: vec![0],
                centroid: vec![0.0],
                scale: 0.0,
            },
            ws: Workspace::default(),
            opts: HullOptions::verdict_only(),
            x: Vec::new(),
            z: Vec::new(),
            row: Vec::new(),
            frame: Frame::default(),
        }
    }

    /// Whether test `j` of `sampler` is inside the hull of its first `n` training points:
    /// for a rotated sampler the projection test first ([`FreshSampler`]), which proves
    /// most high-dimensional tests outside without drawing their points in full; otherwise,
    /// or when it is not conclusive, the solver on all the points.
    ///
    /// # Errors
    /// [`HullError::Input`] with [`InputError::Empty`] for `n = 0`;
    /// [`HullError::NotConverged`] if the solver fails (never seen in testing).
    pub fn classify(
        &mut self,
        sampler: &FreshSampler,
        j: u64,
        n: usize,
    ) -> Result<FreshVerdict, HullError> {
        if n > 0 && self.projected_outside(sampler, j, n) {
            return Ok(FreshVerdict {
                inside: false,
                passes: 0,
            });
        }
        self.classify_separated(sampler, j, n).map(|(v, _)| v)
    }

    /// For a rotated sampler, whether test `j` is proven outside the hull of its first `n`
    /// training points by the hyperplane through it orthogonal to its direction: its norm
    /// exceeds every training point's projection on that direction (`N` numbers of the
    /// first stream) by more than [`SEPARATION_GUARD`]`·τ·`(a bound on every coordinate).
    /// Then no solve of the same points could call it inside, not even at the resolution
    /// limit, so this is the solver's verdict. `false` for other samplers, and when not
    /// proven.
    pub(crate) fn projected_outside(&mut self, sampler: &FreshSampler, j: u64, n: usize) -> bool {
        if !sampler.rotated() {
            return false;
        }
        self.x.resize(sampler.dim, 0.0);
        let streams = sampler.start(j, &mut self.z, &mut self.x);
        sampler.frame(&self.x, &mut self.frame);
        let guard = SEPARATION_GUARD * self.opts.tolerance * sampler.reach_bound();
        let limit = self.frame.norm - guard;
        let sign = self.frame.sign;
        let mut rng = streams.main;
        (0..n).all(|_| sign * sampler.normal.sample(&mut rng) < limit)
    }

    /// The solver's verdict on test `j` against its first `n` training points (no
    /// projection test), and for an outside verdict the separation to carry to larger
    /// sizes.
    pub(crate) fn classify_separated(
        &mut self,
        sampler: &FreshSampler,
        j: u64,
        n: usize,
    ) -> Result<(FreshVerdict, Option<Separation>), HullError> {
        if n == 0 {
            return Err(HullError::Input(InputError::Empty));
        }
        let d = sampler.dim;
        self.x.resize(d, 0.0);
        let mut streams = sampler.start(j, &mut self.z, &mut self.x);
        if sampler.rotated() {
            sampler.frame(&self.x, &mut self.frame);
        }
        let (z, frame) = (&mut self.z, &self.frame);
        self.hull
            .refill(d, |data| sampler.points(&mut streams, frame, n, z, data))?;
        // Each test has its own training set: the previous query's active set names points
        // of another set, so it is no hint here.
        self.ws.hint.clear();
        let c = solve(&self.hull, &self.x, &self.opts, &mut self.ws)?;
        let verdict = FreshVerdict {
            inside: c.membership.is_inside(),
            passes: c.passes,
        };
        let separation = match c.membership {
            Membership::Inside(_) => None,
            Membership::Outside(o) => {
                let (lo, hi) = self.hull.bounding_box();
                let reach = lo.iter().chain(hi).fold(0.0f64, |r, v| r.max(v.abs()));
                Some(Separation {
                    normal: o.normal,
                    margin: o.margin,
                    reach,
                    n,
                    streams,
                })
            }
        };
        Ok((verdict, separation))
    }

    /// Whether the separation of test `j` (from its first `sep.n` training points) still
    /// separates it, by more than the guard, from its first `n ≥ sep.n`: draws only points
    /// `sep.n..n` and checks them. On success `sep` covers `n` points; on failure it is
    /// spent (compute the verdict with [`FreshClassifier::classify`]).
    pub(crate) fn still_outside(
        &mut self,
        sampler: &FreshSampler,
        j: u64,
        sep: &mut Separation,
        n: usize,
    ) -> bool {
        let d = sampler.dim;
        self.x.resize(d, 0.0);
        sampler.start(j, &mut self.z, &mut self.x);
        if sampler.rotated() {
            sampler.frame(&self.x, &mut self.frame);
        }
        let tolerance = self.opts.tolerance;
        let (mut margin, mut reach) = (sep.margin, sep.reach);
        let mut streams = sep.streams.clone();
        // In chunks, drawn as the whole training set would be (the same values).
        let mut left = n.saturating_sub(sep.n);
        while left > 0 {
            let chunk = left.min(SEPARATION_CHUNK);
            left -= chunk;
            self.row.clear();
            sampler.points(&mut streams, &self.frame, chunk, &mut self.z, &mut self.row);
            for row in self.row.chunks_exact(d) {
                // aᵀ(x − xᵢ) in difference form, as the solver's margin.
                let m: f64 = sep
                    .normal
                    .iter()
                    .zip(self.x.iter().zip(row))
                    .map(|(a, (x, r))| a * (x - r))
                    .sum();
                margin = margin.min(m);
                reach = row.iter().fold(reach, |r, v| r.max(v.abs()));
            }
            // Both only get worse: stop drawing as soon as the guard fails.
            if margin <= SEPARATION_GUARD * tolerance * reach {
                return false;
            }
        }
        if margin <= SEPARATION_GUARD * tolerance * reach {
            return false;
        }
        sep.margin = margin;
        sep.reach = reach;
        sep.n = n.max(sep.n);
        sep.streams = streams;
        true
    }

    /// The test point of the last query.
    pub fn last_test(&self) -> &[f64] {
        &self.x
    }

    /// The training hull of the last query (a placeholder point before the first).
    pub fn last_hull(&self) -> &Hull {
        &self.hull
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_verdicts_are_the_solvers() {
        // Gaussian data in the full space: the projection test decides most tests in high
        // dimension; whenever it does, the solver on the same points says outside too, and
        // every verdict equals a solve of the points drawn.
        let mut c = FreshClassifier::new();
        let mut projected = 0;
        for (d, n) in [(3usize, 30usize), (8, 200), (20, 60), (40, 1000)] {
            let s = FreshSampler::new(d, Support::Full, Distribution::Gaussian, d as u64).unwrap();
            let (mut x, mut data) = (vec![0.0; d], Vec::new());
            for j in 0..40 {
                let by_projection = c.projected_outside(&s, j, n);
                projected += usize::from(by_projection);
                let v = c.classify(&s, j, n).unwrap();
                data.clear();
                s.draw(j, n, &mut x, &mut data);
                let hull = Hull::new(d, data.clone()).unwrap();
                let solved = hull.contains(&x).unwrap();
                assert_eq!(v.inside, solved, "d = {d}, N = {n}, test {j}");
                assert!(!(by_projection && solved), "d = {d}, N = {n}, test {j}");
                if by_projection {
                    assert_eq!(v.passes, 0);
                }
            }
        }
        assert!(projected > 60, "{projected}");
    }

    #[test]
    fn rotated_gaussian_training_points_are_standard_normal_and_independent_of_the_test() {
        // The frame turned towards the test point changes nothing in law: training points
        // have mean 0 and covariance I, and their projection on the test point's direction
        // has mean 0 and variance 1 (it would be larger if they leaned towards the test).
        let d = 3;
        let s = FreshSampler::new(d, Support::Full, Distribution::Gaussian, 12).unwrap();
        let (mut x, mut data) = (vec![0.0; d], Vec::new());
        let (mut sum, mut cross) = (vec![0.0; d], vec![0.0; d * d]);
        let (mut proj, mut proj2) = (0.0, 0.0);
        let tests = 20_000u64;
        let per = 5;
        for j in 0..tests {
            data.clear();
            s.draw(j, per, &mut x, &mut data);
            let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
            for row in data.chunks_exact(d) {
                for a in 0..d {
                    sum[a] += row[a];
                    for b in 0..d {
                        cross[a * d + b] += row[a] * row[b];
                    }
                }
                let p: f64 = row.iter().zip(&x).map(|(r, v)| r * v).sum::<f64>() / norm;
                proj += p;
                proj2 += p * p;
            }
        }
        let m = (tests as usize * per) as f64;
        let se = 1.0 / m.sqrt();
        for a in 0..d {
            assert!((sum[a] / m).abs() < 4.5 * se, "mean {a}");
            for b in 0..d {
                let want = if a == b { 1.0 } else { 0.0 };
                let sd = if a == b { 2f64.sqrt() } else { 1.0 };
                assert!(
                    (cross[a * d + b] / m - want).abs() < 4.5 * sd * se,
                    "cov {a}{b}: {}",
                    cross[a * d + b] / m
                );
            }
        }
        // Projections on the test point's direction: i.i.d. N(0, 1), like any coordinate.
        assert!((proj / m).abs() < 4.5 * se, "{}", proj / m);
        assert!(
            (proj2 / m - 1.0).abs() < 4.5 * 2f64.sqrt() * se,
            "{}",
            proj2 / m
        );
    }
}
