//! The minimum-volume enclosing ellipsoid (MVEE) of a finite point set, by barycentric
//! coordinate ascent on the lifted dual problem.
//!
//! (About a thousand lines, on purpose: one algorithm with the derivation, stopping rule and
//! guarantee its code relies on, step by step beside it; split, the reasons would drift from
//! the code they justify. Its tests are in `tests/definitions_mvee.rs`.)
//!
//! # Problem
//! For points `x₁, …, x_N ∈ Rᵈ` spanning `Rᵈ` affinely, the MVEE is
//! `E = {x : (x − c)ᵀA(x − c) ≤ 1}` solving `min −ln det A` subject to
//! `(xᵢ − c)ᵀA(xᵢ − c) ≤ 1` for all `i` (John 1948: it exists and is unique).
//! Lift `qᵢ = (xᵢ, 1) ∈ Rⁿ`, `n = d + 1`. For weights `u` on the simplex let
//! `Λ(u) = Σ uᵢ qᵢqᵢᵀ` and `Mᵢ(u) = qᵢᵀΛ(u)⁻¹qᵢ`. The dual problem is `max ln det Λ(u)`;
//! `Σ uᵢMᵢ = n` always, and `u` is optimal exactly when `max Mᵢ = n`. Writing
//! `c(u) = Σ uᵢxᵢ` and `Σ(u) = Σ uᵢ(xᵢ − c)(xᵢ − c)ᵀ`, one has `det Λ = det Σ` and
//! `Mᵢ = 1 + (xᵢ − c)ᵀΣ⁻¹(xᵢ − c)`, and the MVEE is `c = c(u*)`, `A = Σ(u*)⁻¹/d`
//! (Khachiyan 1996; Todd & Yildirim 2007).
//!
//! # Algorithms ([`MveeAlgorithm`])
//! - **Khachiyan** (L. G. Khachiyan, "Rounding of polytopes in the real number model of
//!   computation", *Math. Oper. Res.* 21 (1996) 307–320): start from `u = 𝟙/N`; repeatedly
//!   move weight towards `j = argmax Mᵢ` with the exact line-search step
//!   `β = (M_j − n)/(n(M_j − 1))`; stop when `ε₊ = max Mᵢ/n − 1 ≤ ε`.
//! - **Todd–Yildirim** (M. J. Todd and E. A. Yildirim, "On Khachiyan's algorithm for the
//!   computation of minimum-volume enclosing ellipsoids", *Discrete Appl. Math.* 155 (2007)
//!   1731–1744, the "WA-TY" algorithm), the default: start from the Kumar–Yildirim core set
//!   (P. Kumar and E. A. Yildirim, "Minimum-volume enclosing ellipsoids and core sets",
//!   *J. Optim. Theory Appl.* 126 (2005) 1–21: at most `2d` extreme points found along `d`
//!   successively orthogonal directions), and also take *away steps*: when
//!   `ε₋ = 1 − min_{uᵢ>0} Mᵢ/n` exceeds `ε₊`, move weight away from the support point with
//!   the smallest `Mᵢ` (dropping it to exactly zero when the line search would go
//!   negative). Stop when `max(ε₊, ε₋) ≤ ε`. The support of `u` stays small, and is then a
//!   core set in Kumar and Yildirim's sense; convergence is much faster (linear near the
//!   optimum, Ahipasaoglu, Sun & Todd 2008), see `examples/mvee_bench.rs`.
//!
//! Each iteration costs `O(N·n)`: `Λ⁻¹` and every `Mᵢ` are updated with the rank-one
//! (Sherman–Morrison) formulas for `Λ ← (1 − τ)Λ + τ qⱼqⱼᵀ`, and recomputed from scratch
//! (Cholesky of `Λ`) every [`REFACTOR_EVERY`] iterations and before convergence is
//! accepted, so the stopping test never rests on accumulated drift.
//!
//! # Working coordinates
//! The algorithms are affine-invariant in exact arithmetic, so the fit runs in the best
//! conditioned frame: coordinates centred at the mean, divided by the scale `s` (longest
//! side of the bounding box), rotated onto the data's affine span, and whitened (the
//! sample covariance made the identity, through a Householder QR of the data, never by
//! forming a covariance matrix). `Λ(𝟙/N)` is then the identity.
//!
//! # Flat data (the rule)
//! The affine dimension `k` of the data is found by a greedy Householder QR of the centred,
//! scaled points, pivoting on points: at each step the point farthest from the span found
//! so far is added, until every point lies within `τ·s` of the affine span (`τ` the shared
//! tolerance, [`super::DEFAULT_TOLERANCE`] = 10⁻⁹, `s` the scale). If `k < d` the MVEE is
//! computed *inside that k-dimensional affine subspace* (a flat ellipsoid) and a query is
//! inside when it lies within `2τ·s` of the subspace (training points are within `τ·s`,
//! plus `τ·s` for queries within the hull's own tolerance of the hull) **and** inside the
//! `k`-dimensional ellipsoid. When all points coincide (`s = 0`, `k = 0`) the ellipsoid is
//! that point and membership is exact equality.
//!
//! # Tolerance statement
//! On return, `u` satisfies `max Mᵢ ≤ (1 + ε)n` (`n = k + 1`). The returned ellipsoid is
//! `E = {c + F v : ‖v‖ ≤ 1}` with `c = c(u)` and shape `A = Σ(u)⁻¹/m`, where
//! `m = maxᵢ (xᵢ − c)ᵀΣ⁻¹(xᵢ − c) ≤ (1 + ε)(k + 1) − 1` is measured on the data (not
//! bounded a priori): **every training point is inside `E`** (radius at most 1, up to
//! rounding), and since `u*` maximises `det Σ`,
//! `vol E ≤ (m/k)^{k/2} · vol MVEE ≤ (1 + ε(k + 1)/k)^{k/2} · vol MVEE ≤ e^{ε(k+1)/2} · vol MVEE`
//! ([`Mvee::volume_ratio_bound`] reports the first bound, with `m` measured on the data in
//! floating point, so it carries rounding of order `κ·10⁻¹⁶` for data whose spread has
//! condition number `κ`). In radius terms `E`
//! is within a factor `√(1 + ε(k+1)/k) ≈ 1 + ε` of optimal.
//!
//! # Membership tolerance
//! A query is inside when its radius `‖F⁺(x − c)‖` is at most `1 + τ·‖K⁻¹‖_F` (and, for
//! flat data, it is within `2τ·s` of the span). Since `‖K⁻¹‖_F ≥ s/σ_min(F)` and the radius
//! grows by at most `δ/σ_min(F)` over a displacement `δ`, **every point within Euclidean
//! distance `τ·s` of `E` is inside**, in particular every point the hull test accepts: so
//! hull ⊆ ellipsoid holds for the verdicts, even for very thin ellipsoids. For a round
//! ellipsoid the slack is about `τ·√k` in radius.

use super::linalg::{cholesky, dot, householder, inverse_from_cholesky, reflect, solve_lower};
use super::DefinitionError;
#[cfg(doc)]
use crate::math::input::InputError;
use crate::math::input::{check_data, check_query};
use serde::{Deserialize, Serialize};

/// Iterations between recomputations of `Λ⁻¹` and every `Mᵢ` from scratch.
pub const REFACTOR_EVERY: usize = 256;

/// The default `ε` of the stopping rule `max Mᵢ ≤ (1 + ε)(d + 1)`.
pub const DEFAULT_EPSILON: f64 = 1e-7;

/// The default iteration cap.
pub const DEFAULT_MAX_ITERATIONS: usize = 200_000;

/// Which coordinate-ascent method fits the MVEE (see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MveeAlgorithm {
    /// Kumar–Yildirim start and Wolfe–Atwood away steps (Todd & Yildirim 2007, WA-TY).
    #[default]
    ToddYildirim,
    /// Uniform start, forward steps only (Khachiyan 1996).
    Khachiyan,
}

/// How an MVEE is fitted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MveeOptions {
    /// `ε > 0` of the stopping rule `max Mᵢ ≤ (1 + ε)(k + 1)` (see the tolerance statement
    /// in the module docs). Default [`DEFAULT_EPSILON`].
    pub epsilon: f64,
    /// Iteration cap; reaching it is [`DefinitionError::NotConverged`].
    /// Default [`DEFAULT_MAX_ITERATIONS`].
    pub max_iterations: usize,
    /// The method.
    pub algorithm: MveeAlgorithm,
}

impl Default for MveeOptions {
    fn default() -> Self {
        Self {
            epsilon: DEFAULT_EPSILON,
            max_iterations: DEFAULT_MAX_ITERATIONS,
            algorithm: MveeAlgorithm::ToddYildirim,
        }
    }
}

/// A fitted minimum-volume enclosing ellipsoid, possibly flat:
/// `E = {c + F v : ‖v‖ ≤ 1}` with `F = s·Q·K` (`Q` an orthonormal `d × k` basis of the
/// data's affine span, `K` lower triangular `k × k`, `s` the data scale).
///
/// Invariants: `rank() ≤ dim()`, every training point has [`Mvee::radius`] at most 1 up to
/// rounding and lies within `τ·s` of the span.
///
/// ```
/// use highdim::math::definitions::mvee::{Mvee, MveeOptions};
/// // The square (±1, ±1): the circle of radius √2, A = I/2.
/// let data = [1.0, 1.0, 1.0, -1.0, -1.0, 1.0, -1.0, -1.0];
/// let e = Mvee::fit(2, &data, 1e-9, &MveeOptions::default()).unwrap();
/// let a = e.shape();
/// assert!((a[0] - 0.5).abs() < 1e-6 && a[1].abs() < 1e-6 && (a[3] - 0.5).abs() < 1e-6);
/// assert!(e.contains(&[1.4, 0.0]).unwrap());
/// assert!(!e.contains(&[1.0, 1.01]).unwrap());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MveeParts")]
pub struct Mvee {
    dim: usize,
    rank: usize,
    centre: Vec<f64>,
    scale: f64,
    /// `Q`, `d × k` row-major.
    basis: Vec<f64>,
    /// `K`, `k × k` lower triangular, row-major, in units of `s`.
    factor: Vec<f64>,
    weights: Vec<f64>,
    core_set: Vec<usize>,
    iterations: usize,
    gap: f64,
    max_radius2: f64,
    tolerance: f64,
    /// The radius slack `τ·‖K⁻¹‖_F` of membership.
    radius_slack: f64,
    options: MveeOptions,
}

/// The serialised form of [`Mvee`], checked on the way back in (so a deserialised
/// ellipsoid cannot index out of bounds).
#[derive(Deserialize)]
struct MveeParts {
    dim: usize,
    rank: usize,
    centre: Vec<f64>,
    scale: f64,
    basis: Vec<f64>,
    factor: Vec<f64>,
    weights: Vec<f64>,
    core_set: Vec<usize>,
    iterations: usize,
    gap: f64,
    max_radius2: f64,
    tolerance: f64,
    radius_slack: f64,
    options: MveeOptions,
}

impl TryFrom<MveeParts> for Mvee {
    type Error = String;

    fn try_from(p: MveeParts) -> Result<Self, String> {
        let (d, k) = (p.dim, p.rank);
        if d == 0 || k > d {
            return Err(format!("rank {k} does not fit dimension {d}"));
        }
        if p.centre.len() != d || p.basis.len() != d * k || p.factor.len() != k * k {
            return Err("centre, basis or factor has the wrong length".to_string());
        }
        let finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
        if !(finite(&p.centre) && finite(&p.basis) && finite(&p.factor)) {
            return Err("non-finite ellipsoid parameters".to_string());
        }
        if (0..k).any(|i| p.factor[i * k + i] == 0.0)
            || (k > 0 && !(p.scale.is_finite() && p.scale > 0.0))
        {
            return Err("singular ellipsoid factor".to_string());
        }
        if p.core_set.iter().any(|&i| i >= p.weights.len()) {
            return Err("core-set index out of range".to_string());
        }
        Ok(Self {
            dim: d,
            rank: k,
            centre: p.centre,
            scale: p.scale,
            basis: p.basis,
            factor: p.factor,
            weights: p.weights,
            core_set: p.core_set,
            iterations: p.iterations,
            gap: p.gap,
            max_radius2: p.max_radius2,
            tolerance: p.tolerance,
            radius_slack: p.radius_slack,
            options: p.options,
        })
    }
}

impl Mvee {
    /// Fits the MVEE of the `N = data.len() / dim` points stored row-major in `data`.
    /// `tolerance` is the relative tolerance `τ` of the flat-data rule and of membership.
    ///
    /// # Errors
    /// Invalid data ([`DefinitionError::Input`]: [`InputError::Empty`],
    /// [`InputError::ZeroDimension`], [`InputError::DataLength`], [`InputError::NonFinite`],
    /// [`InputError::TooLarge`]), invalid options
    /// ([`DefinitionError::InvalidOption`]), [`DefinitionError::NotConverged`] at the
    /// iteration cap, [`DefinitionError::NumericalTrouble`] if a moment matrix stops being
    /// positive definite (not seen in testing).
    pub fn fit(
        dim: usize,
        data: &[f64],
        tolerance: f64,
        opts: &MveeOptions,
    ) -> Result<Self, DefinitionError> {
        let mut solver = MveeSolver::new(dim, data, tolerance, opts)?;
        solver.step(usize::MAX)?;
        solver.finish()
    }

    /// The ambient dimension `d`.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The dimension `k` of the data's affine span (`k < d`: a flat ellipsoid; `k = 0`:
    /// a single point).
    pub fn rank(&self) -> usize {
        self.rank
    }

    /// The centre `c`.
    pub fn centre(&self) -> &[f64] {
        &self.centre
    }

    /// The principal-axes map `F` (`d × k`, row-major): `E = {c + F v : ‖v‖ ≤ 1}`. In two
    /// dimensions, `c + F·(cos θ, sin θ)` traces the boundary.
    pub fn axes(&self) -> Vec<f64> {
        let (d, k) = (self.dim, self.rank);
        let mut f = vec![0.0; d * k];
        for i in 0..d {
            for j in 0..k {
                f[i * k + j] = self.scale
                    * (j..k)
                        .map(|l| self.basis[i * k + l] * self.factor[l * k + j])
                        .sum::<f64>();
            }
        }
        f
    }

    /// The shape matrix `A` (`d × d`, row-major, symmetric positive semi-definite of rank
    /// `k`): `(x − c)ᵀA(x − c) ≤ 1` for `x` in the ellipsoid. For flat data `A` is the
    /// pseudo-inverse form `Q K⁻ᵀK⁻¹ Qᵀ / s²`, and membership also needs the point to lie on
    /// the span.
    pub fn shape(&self) -> Vec<f64> {
        let (d, k) = (self.dim, self.rank);
        // B = K⁻¹ Qᵀ / s (k × d), then A = BᵀB.
        let mut b = vec![0.0; k * d];
        let mut col = vec![0.0; k];
        for j in 0..d {
            for (l, c) in col.iter_mut().enumerate() {
                *c = self.basis[j * k + l] / self.scale;
            }
            solve_lower(&self.factor, k, &mut col);
            for l in 0..k {
                b[l * d + j] = col[l];
            }
        }
        let mut a = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                a[i * d + j] = (0..k).map(|l| b[l * d + i] * b[l * d + j]).sum();
            }
        }
        a
    }

    /// The weights `u` of the training points (non-negative, summing to 1), in input order.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Indices of the training points with positive weight, ascending: a core set (with
    /// Todd–Yildirim typically a few times `d`; with Khachiyan's uniform start, all points).
    pub fn core_set(&self) -> &[usize] {
        &self.core_set
    }

    /// Coordinate-ascent iterations used.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// The achieved optimality gap `max(ε₊, ε₋)` (Todd–Yildirim) or `ε₊` (Khachiyan), at
    /// most the requested `ε`.
    pub fn gap(&self) -> f64 {
        self.gap
    }

    /// The options the ellipsoid was fitted with.
    pub fn options(&self) -> &MveeOptions {
        &self.options
    }

    /// The measured bound `(m/k)^{k/2} ≥ vol E / vol MVEE` (1 for `k = 0`), where
    /// `m = maxᵢ (xᵢ − c)ᵀΣ(u)⁻¹(xᵢ − c)`; see the tolerance statement in the module docs.
    pub fn volume_ratio_bound(&self) -> f64 {
        if self.rank == 0 {
            1.0
        } else {
            let k = self.rank as f64;
            (self.max_radius2 / k).powf(k / 2.0)
        }
    }

    /// `ln` of the `k`-dimensional volume of the ellipsoid (`k = rank()`):
    /// `ln V_k + Σ ln(s·|Kᵢᵢ|)` with `V_k` the unit-ball volume. `0` for a point.
    pub fn log_volume(&self) -> f64 {
        let k = self.rank;
        if k == 0 {
            return 0.0;
        }
        let kf = k as f64;
        let log_unit =
            0.5 * kf * std::f64::consts::PI.ln() - crate::math::special::ln_gamma(0.5 * kf + 1.0);
        log_unit
            + (0..k)
                .map(|i| (self.scale * self.factor[i * k + i].abs()).ln())
                .sum::<f64>()
    }

    /// The ellipsoidal radius `‖F⁺(x − c)‖` of `x` (1 on the boundary), measured inside the
    /// span: the offset from the span is ignored (see [`Mvee::distance_to_span`]). For a
    /// single-point ellipsoid, 0 at the point and infinity elsewhere.
    ///
    /// # Errors
    /// [`DefinitionError::Input`] with [`InputError::DimensionMismatch`],
    /// [`InputError::NonFinite`] or [`InputError::TooLarge`].
    pub fn radius(&self, x: &[f64]) -> Result<f64, DefinitionError> {
        check_query(x, self.dim)?;
        Ok(self.measure(x).0)
    }

    /// The Euclidean distance from `x` to the affine span of the data (0 when `k = d`).
    ///
    /// # Errors
    /// As [`Mvee::radius`].
    pub fn distance_to_span(&self, x: &[f64]) -> Result<f64, DefinitionError> {
        check_query(x, self.dim)?;
        Ok(self.measure(x).1 * self.scale)
    }

    /// Whether `x` is inside: radius at most `1 + τ·‖K⁻¹‖_F` (so every point within `τ·s` of
    /// the ellipsoid) and, for flat data, within `2τ·s` of the span (the rules in the module
    /// docs).
    ///
    /// # Errors
    /// As [`Mvee::radius`].
    pub fn contains(&self, x: &[f64]) -> Result<bool, DefinitionError> {
        check_query(x, self.dim)?;
        let (r, off) = self.measure(x);
        Ok(r <= 1.0 + self.radius_slack && off <= 2.0 * self.tolerance)
    }

    /// (radius, distance to the span in units of `s`) without validation.
    fn measure(&self, x: &[f64]) -> (f64, f64) {
        let (d, k) = (self.dim, self.rank);
        if k == 0 || self.scale == 0.0 {
            let same = x.iter().zip(&self.centre).all(|(a, b)| a == b);
            return if same {
                (0.0, 0.0)
            } else {
                (f64::INFINITY, f64::INFINITY)
            };
        }
        let inv_s = 1.0 / self.scale;
        // No allocation for k ≤ 64 (every figure and test size).
        let mut stack = [0.0; 64];
        let mut heap = Vec::new();
        let z: &mut [f64] = if k <= stack.len() {
            &mut stack[..k]
        } else {
            heap.resize(k, 0.0);
            &mut heap
        };
        for (row, (xi, ci)) in self.basis.chunks_exact(k).zip(x.iter().zip(&self.centre)) {
            let yi = (xi - ci) * inv_s;
            for (zl, q) in z.iter_mut().zip(row) {
                *zl += q * yi;
            }
        }
        let mut off2 = 0.0;
        if k < d {
            for (row, (xi, ci)) in self.basis.chunks_exact(k).zip(x.iter().zip(&self.centre)) {
                let r = (xi - ci) * inv_s - dot(row, z);
                off2 += r * r;
            }
        }
        solve_lower(&self.factor, k, z);
        (dot(z, z).sqrt(), off2.sqrt())
    }
}

/// The affine frame of the data: `x = origin + s·Q·z` on the span.
#[derive(Clone, Debug)]
struct Frame {
    origin: Vec<f64>,
    scale: f64,
    rank: usize,
    /// `Q`, `d × k` row-major.
    basis: Vec<f64>,
    /// `zᵢ = Qᵀ(xᵢ − origin)/s`, `N × k` row-major.
    coords: Vec<f64>,
}

/// The greedy rank-revealing Householder QR of the flat-data rule.
fn frame(dim: usize, data: &[f64], tolerance: f64) -> Frame {
    let n = data.len() / dim;
    let (mut lo, mut hi) = (data[..dim].to_vec(), data[..dim].to_vec());
    let mut mean = vec![0.0; dim];
    for row in data.chunks_exact(dim) {
        for j in 0..dim {
            lo[j] = lo[j].min(row[j]);
            hi[j] = hi[j].max(row[j]);
            mean[j] += row[j];
        }
    }
    let scale = lo.iter().zip(&hi).map(|(l, h)| h - l).fold(0.0, f64::max);
    if scale == 0.0 {
        return Frame {
            origin: data[..dim].to_vec(),
            scale,
            rank: 0,
            basis: Vec::new(),
            coords: Vec::new(),
        };
    }
    mean.iter_mut().for_each(|m| *m /= n as f64);
    let mut y: Vec<f64> = data
        .chunks_exact(dim)
        .flat_map(|row| row.iter().zip(&mean).map(|(x, m)| (x - m) / scale))
        .collect();
    let mut reflectors: Vec<(Vec<f64>, f64)> = Vec::new();
    for j in 0..dim {
        let (mut best, mut best_i) = (-1.0, 0);
        for (i, row) in y.chunks_exact(dim).enumerate() {
            let r2 = dot(&row[j..], &row[j..]);
            if r2 > best {
                best = r2;
                best_i = i;
            }
        }
        if best.sqrt() <= tolerance {
            break;
        }
        let mut v = y[best_i * dim + j..(best_i + 1) * dim].to_vec();
        let (_, vv) = householder(&mut v);
        if vv == 0.0 {
            break;
        }
        for row in y.chunks_exact_mut(dim) {
            reflect(&v, vv, &mut row[j..]);
        }
        reflectors.push((v, vv));
    }
    let k = reflectors.len();
    let mut basis = vec![0.0; dim * k];
    let mut e = vec![0.0; dim];
    for c in 0..k {
        e.iter_mut().for_each(|v| *v = 0.0);
        e[c] = 1.0;
        for (r, (v, vv)) in reflectors.iter().enumerate().rev() {
            reflect(v, *vv, &mut e[r..]);
        }
        for i in 0..dim {
            basis[i * k + c] = e[i];
        }
    }
    let coords = y
        .chunks_exact(dim)
        .flat_map(|row| row[..k].iter().copied())
        .collect();
    Frame {
        origin: mean,
        scale,
        rank: k,
        basis,
        coords,
    }
}

/// A resumable MVEE fit: [`MveeSolver::step`] until it returns true, then
/// [`MveeSolver::finish`]. The result does not depend on how the work is sliced.
///
/// ```
/// use highdim::math::definitions::mvee::{MveeOptions, MveeSolver};
/// let data = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.3, 0.3];
/// let mut s = MveeSolver::new(2, &data, 1e-9, &MveeOptions::default()).unwrap();
/// while !s.step(1).unwrap() {}
/// let e = s.finish().unwrap();
/// // The Steiner circumellipse of the triangle: centre (1/3, 1/3).
/// assert!((e.centre()[0] - 1.0 / 3.0).abs() < 1e-6);
/// ```
#[derive(Clone, Debug)]
pub struct MveeSolver {
    dim: usize,
    data: Vec<f64>,
    tolerance: f64,
    opts: MveeOptions,
    frame: Frame,
    /// `Tᵀ` (lower, `k × k`) of the whitening QR `Z = U·T`.
    whiten: Vec<f64>,
    /// Whitened lifted points `qᵢ = (wᵢ, 1)`, `N × n` row-major, `n = k + 1`.
    lifted: Vec<f64>,
    u: Vec<f64>,
    m: Vec<f64>,
    lambda_inv: Vec<f64>,
    g: Vec<f64>,
    iterations: usize,
    since_refactor: usize,
    gap: f64,
    done: bool,
}

impl MveeSolver {
    /// Validates the data, builds the working frame and the starting weights.
    ///
    /// # Errors
    /// As [`Mvee::fit`] except [`DefinitionError::NotConverged`].
    pub fn new(
        dim: usize,
        data: &[f64],
        tolerance: f64,
        opts: &MveeOptions,
    ) -> Result<Self, DefinitionError> {
        let n_pts = check_data(dim, data)?;
        if !(tolerance.is_finite() && tolerance >= 0.0) {
            return Err(DefinitionError::InvalidOption {
                name: "tolerance",
                value: tolerance,
            });
        }
        if !(opts.epsilon.is_finite() && opts.epsilon > 0.0) {
            return Err(DefinitionError::InvalidOption {
                name: "epsilon",
                value: opts.epsilon,
            });
        }
        let frame = frame(dim, data, tolerance);
        let k = frame.rank;
        let mut s = Self {
            dim,
            data: data.to_vec(),
            tolerance,
            opts: *opts,
            frame,
            whiten: Vec::new(),
            lifted: Vec::new(),
            u: vec![0.0; n_pts],
            m: vec![0.0; n_pts],
            lambda_inv: Vec::new(),
            g: vec![0.0; k + 1],
            iterations: 0,
            since_refactor: 0,
            gap: 0.0,
            done: k == 0,
        };
        if k == 0 {
            s.u.iter_mut().for_each(|u| *u = 1.0 / n_pts as f64);
            return Ok(s);
        }
        s.whiten_coordinates()?;
        let start = match opts.algorithm {
            MveeAlgorithm::ToddYildirim => s.kumar_yildirim_start(),
            MveeAlgorithm::Khachiyan => None,
        };
        match start {
            Some(support) => {
                let w = 1.0 / support.len() as f64;
                support.iter().for_each(|&i| s.u[i] = w);
                if s.refactor().is_err() {
                    s.u.iter_mut().for_each(|u| *u = 1.0 / n_pts as f64);
                    s.refactor()?;
                }
            }
            None => {
                s.u.iter_mut().for_each(|u| *u = 1.0 / n_pts as f64);
                s.refactor()?;
            }
        }
        s.gap = s.current_gap().0;
        Ok(s)
    }

    /// Whitens `zᵢ` by a Householder QR `Z = U·T` (`N × k`): `wᵢ = √N·T⁻ᵀzᵢ` has identity
    /// second moment.
    fn whiten_coordinates(&mut self) -> Result<(), DefinitionError> {
        let k = self.frame.rank;
        let n_pts = self.u.len();
        // Column-major copy of Z.
        let mut cols = vec![0.0; k * n_pts];
        for i in 0..n_pts {
            for c in 0..k {
                cols[c * n_pts + i] = self.frame.coords[i * k + c];
            }
        }
        let mut t = vec![0.0; k * k]; // Tᵀ, lower
        for c in 0..k {
            let (head, tail) = cols.split_at_mut((c + 1) * n_pts);
            let v = &mut head[c * n_pts + c..];
            let (alpha, vv) = householder(v);
            if vv == 0.0 || alpha == 0.0 {
                return Err(DefinitionError::NumericalTrouble(
                    "the data lost rank while whitening",
                ));
            }
            t[c * k + c] = alpha;
            for c2 in c + 1..k {
                let col = &mut tail[(c2 - c - 1) * n_pts..(c2 - c) * n_pts];
                reflect(v, vv, &mut col[c..]);
                t[c2 * k + c] = col[c];
            }
        }
        let n = k + 1;
        let root_n = (n_pts as f64).sqrt();
        let mut lifted = vec![0.0; n_pts * n];
        for i in 0..n_pts {
            let q = &mut lifted[i * n..(i + 1) * n];
            q[..k].copy_from_slice(&self.frame.coords[i * k..(i + 1) * k]);
            solve_lower(&t, k, &mut q[..k]);
            q[..k].iter_mut().for_each(|v| *v *= root_n);
            q[k] = 1.0;
        }
        self.whiten = t;
        self.lifted = lifted;
        Ok(())
    }

    /// Kumar–Yildirim initial core set: along `k` successively orthogonal directions, the
    /// two extreme points. `None` if it degenerates (then the uniform start is used).
    fn kumar_yildirim_start(&self) -> Option<Vec<usize>> {
        let k = self.frame.rank;
        let n = k + 1;
        let mut span: Vec<Vec<f64>> = Vec::with_capacity(k);
        let mut support: Vec<usize> = Vec::with_capacity(2 * k);
        let mut b = vec![0.0; k];
        for _ in 0..k {
            // The coordinate axis with the largest component off the span.
            let mut best = (-1.0, 0);
            for j in 0..k {
                let r = 1.0 - span.iter().map(|p| p[j] * p[j]).sum::<f64>();
                if r > best.0 {
                    best = (r, j);
                }
            }
            b.iter_mut().for_each(|v| *v = 0.0);
            b[best.1] = 1.0;
            orthogonalise(&mut b, &span);
            let (mut hi, mut lo) = ((f64::NEG_INFINITY, 0), (f64::INFINITY, 0));
            for (i, q) in self.lifted.chunks_exact(n).enumerate() {
                let p = dot(&q[..k], &b);
                if p > hi.0 {
                    hi = (p, i);
                }
                if p < lo.0 {
                    lo = (p, i);
                }
            }
            if hi.0.partial_cmp(&lo.0) != Some(std::cmp::Ordering::Greater) {
                return None;
            }
            for i in [hi.1, lo.1] {
                if !support.contains(&i) {
                    support.push(i);
                }
            }
            let mut diff: Vec<f64> = (0..k)
                .map(|j| self.lifted[hi.1 * n + j] - self.lifted[lo.1 * n + j])
                .collect();
            orthogonalise(&mut diff, &span);
            let norm = dot(&diff, &diff).sqrt();
            if norm.is_nan() || norm <= 1e-8 {
                return None;
            }
            diff.iter_mut().for_each(|v| *v /= norm);
            span.push(diff);
        }
        Some(support)
    }

    /// Recomputes `Λ⁻¹` and every `Mᵢ` from `u`.
    fn refactor(&mut self) -> Result<(), DefinitionError> {
        let n = self.frame.rank + 1;
        let mut lambda = vec![0.0; n * n];
        for (q, &u) in self.lifted.chunks_exact(n).zip(&self.u) {
            if u > 0.0 {
                for a in 0..n {
                    let ua = u * q[a];
                    for b in 0..=a {
                        lambda[a * n + b] += ua * q[b];
                    }
                }
            }
        }
        if !cholesky(&mut lambda, n) {
            return Err(DefinitionError::NumericalTrouble(
                "the lifted moment matrix is not positive definite",
            ));
        }
        self.lambda_inv = inverse_from_cholesky(&lambda, n);
        let mut t = vec![0.0; n];
        for (q, m) in self.lifted.chunks_exact(n).zip(self.m.iter_mut()) {
            t.copy_from_slice(q);
            solve_lower(&lambda, n, &mut t);
            *m = dot(&t, &t);
        }
        self.since_refactor = 0;
        Ok(())
    }

    /// (gap, argmax M, argmin M over the support).
    fn current_gap(&self) -> (f64, usize, usize) {
        let n = (self.frame.rank + 1) as f64;
        let (mut hi, mut lo) = ((f64::NEG_INFINITY, 0), (f64::INFINITY, 0));
        for (i, (&m, &u)) in self.m.iter().zip(&self.u).enumerate() {
            if m > hi.0 {
                hi = (m, i);
            }
            if u > 0.0 && m < lo.0 {
                lo = (m, i);
            }
        }
        let plus = hi.0 / n - 1.0;
        let gap = match self.opts.algorithm {
            MveeAlgorithm::Khachiyan => plus,
            MveeAlgorithm::ToddYildirim => plus.max(1.0 - lo.0 / n),
        };
        (gap, hi.1, lo.1)
    }

    /// Runs up to `max_iterations` more iterations; returns true once converged.
    ///
    /// # Errors
    /// [`DefinitionError::NotConverged`] at the cap of [`MveeOptions::max_iterations`],
    /// [`DefinitionError::NumericalTrouble`].
    pub fn step(&mut self, max_iterations: usize) -> Result<bool, DefinitionError> {
        let n = self.frame.rank + 1;
        let nf = n as f64;
        let mut budget = max_iterations;
        while !self.done {
            let (gap, j, l) = self.current_gap();
            self.gap = gap;
            if !gap.is_finite() {
                // Drift or overflow in the rank-one updates: recompute once, then give up.
                if self.since_refactor == 0 {
                    return Err(DefinitionError::NumericalTrouble(
                        "the optimality gap is not finite",
                    ));
                }
                self.refactor()?;
                continue;
            }
            if gap <= self.opts.epsilon {
                if self.since_refactor == 0 {
                    self.done = true;
                    break;
                }
                self.refactor()?;
                continue;
            }
            if budget == 0 {
                break;
            }
            if self.iterations >= self.opts.max_iterations {
                return Err(DefinitionError::NotConverged {
                    iterations: self.iterations,
                    gap,
                    epsilon: self.opts.epsilon,
                });
            }
            let (mj, ml) = (self.m[j], self.m[l]);
            let plus = mj / nf - 1.0;
            let minus = 1.0 - ml / nf;
            let away = self.opts.algorithm == MveeAlgorithm::ToddYildirim
                && minus > plus
                && self.u[l] < 1.0;
            let (idx, tau, drop) = if away {
                let cap = self.u[l] / (1.0 - self.u[l]);
                let beta = if ml > 1.0 {
                    (nf - ml) / (nf * (ml - 1.0))
                } else {
                    f64::INFINITY
                };
                if beta >= cap {
                    (l, -cap, true)
                } else {
                    (l, -beta, false)
                }
            } else {
                (j, (mj - nf) / (nf * (mj - 1.0)), false)
            };
            self.update(idx, tau, drop);
            self.iterations += 1;
            self.since_refactor += 1;
            budget -= 1;
            if self.since_refactor >= REFACTOR_EVERY {
                self.refactor()?;
            }
        }
        Ok(self.done)
    }

    /// `u ← (1 − τ)u + τ e_idx` with the rank-one updates of `Λ⁻¹` and `M`.
    fn update(&mut self, idx: usize, tau: f64, drop: bool) {
        let n = self.frame.rank + 1;
        let q = &self.lifted[idx * n..(idx + 1) * n];
        for a in 0..n {
            self.g[a] = dot(&self.lambda_inv[a * n..(a + 1) * n], q);
        }
        let m_idx = self.m[idx];
        let denom = 1.0 - tau + tau * m_idx;
        let inv_keep = 1.0 / (1.0 - tau);
        let f = tau / denom;
        for (qi, mi) in self.lifted.chunks_exact(n).zip(self.m.iter_mut()) {
            let h = dot(qi, &self.g);
            *mi = (*mi - f * h * h) * inv_keep;
        }
        for a in 0..n {
            for b in 0..n {
                let v = &mut self.lambda_inv[a * n + b];
                *v = (*v - f * self.g[a] * self.g[b]) * inv_keep;
            }
        }
        let keep = 1.0 - tau;
        self.u.iter_mut().for_each(|u| *u *= keep);
        self.u[idx] += tau;
        if drop {
            self.u[idx] = 0.0;
        }
    }

    /// Iterations so far.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// The current optimality gap (see [`Mvee::gap`]); `step` stops when it is at most `ε`.
    pub fn gap(&self) -> f64 {
        self.gap
    }

    /// Whether the stopping rule holds (on freshly recomputed `Mᵢ`).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Builds the ellipsoid from the converged weights.
    ///
    /// # Errors
    /// [`DefinitionError::NotConverged`] if called before [`MveeSolver::step`] returned
    /// true; [`DefinitionError::NumericalTrouble`].
    pub fn finish(self) -> Result<Mvee, DefinitionError> {
        if !self.done {
            return Err(DefinitionError::NotConverged {
                iterations: self.iterations,
                gap: self.gap,
                epsilon: self.opts.epsilon,
            });
        }
        let dim = self.dim;
        let k = self.frame.rank;
        let n = k + 1;
        let n_pts = self.u.len();
        let mut core_set: Vec<usize> = (0..n_pts).filter(|&i| self.u[i] > 0.0).collect();
        core_set.sort_unstable();
        let mut e = Mvee {
            dim,
            rank: k,
            centre: self.frame.origin.clone(),
            scale: self.frame.scale,
            basis: self.frame.basis.clone(),
            factor: Vec::new(),
            weights: self.u.clone(),
            core_set,
            iterations: self.iterations,
            gap: self.gap.max(0.0),
            max_radius2: 0.0,
            tolerance: self.tolerance,
            radius_slack: 0.0,
            options: self.opts,
        };
        if k == 0 {
            return Ok(e);
        }
        // Centre and spread in whitened coordinates.
        let mut cw = vec![0.0; k];
        for (q, &u) in self.lifted.chunks_exact(n).zip(&self.u) {
            cw.iter_mut().zip(q).for_each(|(c, v)| *c += u * v);
        }
        let mut sigma = vec![0.0; k * k];
        let mut r = vec![0.0; k];
        for (q, &u) in self.lifted.chunks_exact(n).zip(&self.u) {
            if u > 0.0 {
                r.iter_mut()
                    .zip(q.iter().zip(&cw))
                    .for_each(|(ri, (a, b))| *ri = a - b);
                for a in 0..k {
                    for b in 0..=a {
                        sigma[a * k + b] += u * r[a] * r[b];
                    }
                }
            }
        }
        if !cholesky(&mut sigma, k) {
            return Err(DefinitionError::NumericalTrouble(
                "the weighted covariance is not positive definite",
            ));
        }
        // Back to the frame coordinates: z = Tᵀw/√N, so c_z = Tᵀc_w/√N, K₀ = Tᵀ·L/√N.
        let inv_root_n = 1.0 / (n_pts as f64).sqrt();
        let t = &self.whiten;
        let cz: Vec<f64> = (0..k)
            .map(|a| (0..=a).map(|b| t[a * k + b] * cw[b]).sum::<f64>() * inv_root_n)
            .collect();
        let mut factor = vec![0.0; k * k];
        for a in 0..k {
            for b in 0..=a {
                factor[a * k + b] = (b..=a)
                    .map(|l| t[a * k + l] * sigma[l * k + b])
                    .sum::<f64>()
                    * inv_root_n;
            }
        }
        for i in 0..dim {
            e.centre[i] += e.scale * dot(&e.basis[i * k..(i + 1) * k], &cz);
        }
        e.factor = factor;
        // Scale so the farthest training point is exactly on the boundary, measured by the
        // same code that answers queries.
        let m = self
            .data
            .chunks_exact(dim)
            .map(|x| e.measure(x).0)
            .fold(0.0, f64::max);
        if !(m > 0.0 && m.is_finite()) {
            return Err(DefinitionError::NumericalTrouble(
                "the ellipsoid radius of the data is not positive",
            ));
        }
        e.factor.iter_mut().for_each(|v| *v *= m);
        e.max_radius2 = m * m;
        // ‖K⁻¹‖_F ≥ ‖K⁻¹‖₂ = s/σ_min(F): a displacement of τ·s raises the radius by at most
        // τ·‖K⁻¹‖_F.
        let mut inv_frob2 = 0.0;
        let mut col = vec![0.0; k];
        for j in 0..k {
            col.iter_mut().for_each(|v| *v = 0.0);
            col[j] = 1.0;
            solve_lower(&e.factor, k, &mut col);
            inv_frob2 += dot(&col, &col);
        }
        e.radius_slack = self.tolerance * inv_frob2.sqrt();
        Ok(e)
    }
}

/// Makes `v` orthogonal to the orthonormal `span` (two Gram–Schmidt passes).
fn orthogonalise(v: &mut [f64], span: &[Vec<f64>]) {
    for _ in 0..2 {
        for p in span {
            let c = dot(v, p);
            v.iter_mut().zip(p).for_each(|(a, b)| *a -= c * b);
        }
    }
}
