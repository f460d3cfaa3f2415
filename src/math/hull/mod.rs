//! Exact convex-hull membership in any dimension, with certificates.
//!
//! The paper's definition (Balestriero, Pesenti & LeCun, arXiv 2110.09485): a query `x`
//! is *interpolated* by training points `X = {x₁, …, x_N} ⊂ Rᵈ` when `x ∈ conv X`, and
//! *extrapolated* otherwise. [`Hull::classify`] decides this and returns a certificate that
//! anyone can check without trusting the solver:
//!
//! - **inside**: convex weights `λ ≥ 0`, `Σλ = 1` (sparse: at most `d + 1` points) with
//!   `‖Σ λᵢ xᵢ − x‖ ≤ τ·s` (the tolerance below);
//! - **outside**: a unit normal `a` and offset `b` with `aᵀxᵢ ≤ b < aᵀx` for every `i`, the
//!   margin `min_i aᵀ(x − xᵢ)` (a lower bound on the distance), the nearest point of the hull
//!   as a convex combination, and the Euclidean distance from `x` to it.
//!
//! # Algorithm
//! Wolfe's minimum-norm-point algorithm (P. Wolfe, "Finding the nearest point in a
//! polytope", *Mathematical Programming* 11 (1976) 128–149) applied to the translated set
//! `{xᵢ − x}`: the distance from the origin to its hull is the distance from `x` to `conv X`.
//! Wolfe keeps a *corral* (an affinely independent subset, at most `d + 1` points) and its
//! affine minimiser, maintained here by a QR factorisation updated in `O(d·k)` per change
//! (see `corral.rs`).
//!
//! Wolfe's method needs, at each major step, the point most violating the current optimality
//! condition: that is a *pass*, one scan over the contiguous row-major `N × d` data computing
//! `N` inner products. To need few passes, each pass keeps not one but a batch of the most
//! violating points (`3(d + 1)`, clamped to 8..=192); Wolfe then runs to optimality on that
//! small candidate set, which is cheap, and only then does the next pass check all `N` points
//! again (column generation). The first pass prices with the direction from `x` to the
//! centroid, known in advance, and the corral starts at the candidate nearest `x`. An inside
//! verdict needs no final pass (its certificate checks itself); an outside verdict with exact
//! distance needs one pass that finds no violator. With [`HullOptions::exact_distance`] off,
//! the search stops at the first pass that finds a hyperplane separating `x` by more than the
//! tolerance, and a query outside the bounding box by more than the tolerance is answered
//! with an axis-aligned hyperplane and no pass at all. [`Classification::passes`] reports the
//! count; `examples/hull_bench.rs` measures it.
//!
//! Two numerical details matter near the boundary. When `x` is within a small distance of
//! the hull, `p = Σ αᵢ(xᵢ − x)` is small and, being a sum of large terms, carries an absolute
//! error of order `ε·‖xᵢ − x‖`, so its *direction* is poor. In exact arithmetic `p` is
//! orthogonal to the corral's affine span, which is computed from differences of points to
//! full precision; passes with small `p` therefore price with `p` projected onto the
//! complement of that span, and the separating hyperplane uses the same projected normal.
//! Without this, every point of a flat hull looks like a violator and margins fall short of
//! the distance.
//!
//! # Tolerance policy
//! Let `s` be the *scale* of the data, the longest side of its bounding box
//! ([`Hull::scale`]), and `τ` the relative tolerance ([`HullOptions::tolerance`], default
//! [`DEFAULT_TOLERANCE`] = 10⁻⁹). A query is reported **inside** exactly when the algorithm
//! finds a point of the hull within `τ·s` of it (the certificate's residual), and **outside**
//! otherwise, always with a separating hyperplane whose margin is positive. Points at true
//! distance 0 (inside, on a facet, on an edge, at a vertex) are therefore inside, and points
//! farther than `τ·s` are outside. The computed distance has an absolute error of a few units
//! of `ε·√d·w` (ε = 2⁻⁵², `w ≤ 2s` the spread of the data seen from `x` when `x` lies in the
//! bounding box); in the test suite the exact-mode distance and margin never differ by more
//! than 10⁻¹³·`s`. So the **tolerance band**, where the verdict may legitimately differ from
//! an exact-arithmetic oracle, is the set of queries at distance `τ·s ± 10⁻¹²·s`; against a
//! floating-point LP oracle the band is widened by that oracle's own feasibility tolerance
//! (see `tests/hull_oracle.rs`). The tolerance being relative to the bounding box, the verdict
//! is invariant under translating the data and query together and under scaling them
//! together (exactly for powers of two, and outside the band for any factor). When all
//! points coincide (`s = 0`) the test is exact: inside only when `x` equals that point.
//!
//! **The resolution limit.** Very close to the boundary of a hull of many nearly collinear
//! points (thousands of samples of a smooth curve, the query on the curve between two of
//! them) the restricted affine minimisers lose the digits that would separate `x`: Wolfe's
//! test finds no improving point, or finds points that cannot move the current point any
//! more (three passes in a row leave it no nearer: every further pass would repeat them),
//! the nearest point found is a few `τ·s` away, and no hyperplane separates in double
//! precision. Such a query, within [`RESOLUTION_BAND`]`·τ·s` (10⁻⁷·`s` by default) of the
//! hull, is reported inside, its certificate carrying the residual actually reached; farther
//! away the solver reports [`HullError::NotConverged`]. Every other inside certificate has a
//! residual of at most `τ·s`. The intrinsic-dimension figure at its largest settings (curves
//! in R⁸ and R³², N up to 100,000, 3 × 500 tests per cell) met this about 70 times in 10⁵
//! queries, at 1.0 to 9.9 `τ·s`; before, each stopped the whole figure with "no
//! certificate". With a fresh training set per test point it also met the stuck case (a
//! curve in R⁸, N = 56,234, at 1.3 `τ·s`), which took `N + 8` passes (13 s) and then stopped
//! the figure.
//!
//! The hyperplane is also given in the raw form `aᵀxᵢ ≤ b < aᵀx`, with `b` halfway across the
//! gap. Evaluated in floating point that form holds whenever the margin exceeds the rounding
//! of `aᵀx` (about `10⁻¹⁵·‖x‖`); for data far from the origin compared with its spread, check
//! the difference form `aᵀ(xᵢ − x) ≤ −margin`, which the margin is computed from.
//!
//! # Input domain
//! Every coordinate must be finite with magnitude at most [`MAX_COORDINATE`] (10²⁰⁰), so that
//! differences and their products cannot overflow; violations are typed [`HullError::Input`]s
//! (checked by [`crate::math::input`]).
//! Coordinates in the subnormal range (below about 10⁻³⁰⁰) lose relative precision.
//! Duplicate points, fewer than `d + 1` points, and points on a lower-dimensional affine
//! subspace are all fine.
//!
//! ```
//! use highdim::math::hull::{Hull, HullOptions};
//! // The unit triangle in the plane.
//! let hull = Hull::from_rows(&[[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]).unwrap();
//! let opts = HullOptions::default();
//! let inside = hull.classify(&[0.25, 0.25], &opts).unwrap();
//! assert!(inside.membership.is_inside());
//! let outside = hull.classify(&[1.0, 1.0], &opts).unwrap();
//! // The nearest point is (½, ½), at distance √2/2.
//! assert!((outside.membership.distance() - 0.5f64.sqrt()).abs() < 1e-12);
//! ```

mod corral;
mod curve_data;
pub mod exact;
mod fresh;
mod grid;
mod monte_carlo;
mod polygon;
mod wolfe;

pub use curve_data::SmoothCurve;
pub use exact::{wendel_p_inside, ExactError, GaussianHull, MAX_EXACT_DIM, MAX_EXACT_TRAIN};
pub use grid::{
    GridCell, GridReport, GridRun, GridSpec, Series, Support, MAX_GRID_DIM, MAX_GRID_SERIES,
    MAX_GRID_SIZES, MAX_GRID_TESTS, MAX_GRID_TRAIN,
};
pub use polygon::convex_polygon;

pub use fresh::{FreshClassifier, FreshSampler, FreshVerdict};
pub use monte_carlo::{
    inside_fraction, paper_workload, wilson_interval, Distribution, InsideCount, InsideFraction,
    MonteCarloParams, Sampler,
};

use crate::math::input::{self, InputError};
use serde::{Deserialize, Serialize};
use std::fmt;
pub(crate) use wolfe::Workspace;
use wolfe::{check_options, solve};

/// The default relative tolerance `τ`: queries within `τ·s` of the hull count as inside.
pub const DEFAULT_TOLERANCE: f64 = 1e-9;

pub use crate::math::input::MAX_COORDINATE;

/// How many tolerances from the hull a query may be and still be called inside at the
/// resolution limit (see the module docs' tolerance policy).
pub const RESOLUTION_BAND: f64 = 100.0;

/// Why a hull could not be built or a query not answered.
#[derive(Clone, Debug, PartialEq)]
pub enum HullError {
    /// Invalid training data or query (empty, ragged, non-finite, mismatched dimensions, …).
    /// Displays as the [`InputError`], except that an empty training set reads "the hull
    /// needs at least one point".
    Input(InputError),
    /// The tolerance is negative, NaN or infinite.
    InvalidTolerance(f64),
    /// A warm-start index does not name a training point.
    IndexOutOfRange {
        /// The index given.
        index: usize,
        /// The number of training points.
        len: usize,
    },
    /// A Monte Carlo subspace dimension larger than the ambient dimension.
    SubspaceTooLarge {
        /// The requested subspace dimension.
        subspace: usize,
        /// The ambient dimension.
        dim: usize,
    },
    /// The solver stopped without a certificate (numerical trouble; never seen in testing).
    NotConverged {
        /// Passes made before giving up.
        passes: usize,
    },
}

impl fmt::Display for HullError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The hull's own wording of the empty case, kept from before `InputError`.
            HullError::Input(InputError::Empty) => {
                write!(f, "the hull needs at least one point")
            }
            HullError::Input(e) => write!(f, "{e}"),
            HullError::InvalidTolerance(t) => {
                write!(f, "the tolerance must be finite and non-negative, not {t}")
            }
            HullError::IndexOutOfRange { index, len } => {
                write!(f, "index {index} does not name one of the {len} points")
            }
            HullError::SubspaceTooLarge { subspace, dim } => write!(
                f,
                "a {subspace}-dimensional subspace does not fit in {dim} dimensions"
            ),
            HullError::NotConverged { passes } => write!(
                f,
                "the hull solver found no certificate after {passes} passes (numerical trouble)"
            ),
        }
    }
}

impl std::error::Error for HullError {}

impl From<InputError> for HullError {
    fn from(e: InputError) -> Self {
        HullError::Input(e)
    }
}

/// Where the first pass of the next query starts looking.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarmStart {
    /// Price the first pass with the direction from the query to the centroid.
    #[default]
    Centroid,
    /// Also offer the previous query's active set (its corral) to the solver: useful when
    /// successive queries are close (a path, a slider). Only [`Classifier`] remembers it.
    PreviousActiveSet,
}

/// How [`Hull::classify`] works.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HullOptions {
    /// Relative tolerance `τ` (see the module docs): queries within `τ·s` of the hull are
    /// inside, where `s` is [`Hull::scale`].
    pub tolerance: f64,
    /// When true (the default), an outside verdict carries the exact distance and nearest
    /// point. When false, the search stops at the first hyperplane separating the query by
    /// more than the tolerance: `distance` is then only an upper bound and `margin` a lower
    /// bound. The verdict is the same either way.
    pub exact_distance: bool,
    /// Where the first pass starts.
    pub warm_start: WarmStart,
}

impl Default for HullOptions {
    fn default() -> Self {
        Self {
            tolerance: DEFAULT_TOLERANCE,
            exact_distance: true,
            warm_start: WarmStart::Centroid,
        }
    }
}

impl HullOptions {
    /// Options for verdicts only (Monte Carlo): `exact_distance` off.
    ///
    /// ```
    /// use highdim::math::hull::{Hull, HullOptions, Membership};
    /// let hull = Hull::from_rows(&[[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]).unwrap();
    /// // Far outside the bounding box: answered without a single pass over the data.
    /// let c = hull.classify(&[5.0, 0.5], &HullOptions::verdict_only()).unwrap();
    /// assert_eq!(c.passes, 0);
    /// match c.membership {
    ///     Membership::Outside(o) => {
    ///         assert!(!o.distance_is_exact);
    ///         assert!(o.margin <= 4.0 && 4.0 <= o.distance); // the true distance is 4
    ///     }
    ///     Membership::Inside(_) => unreachable!(),
    /// }
    /// ```
    pub fn verdict_only() -> Self {
        Self {
            exact_distance: false,
            ..Self::default()
        }
    }
}

/// A point of the hull as a sparse convex combination of training points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConvexCombination {
    /// Indices of the training points used (distinct).
    pub indices: Vec<usize>,
    /// Their weights: positive, summing to 1 up to rounding.
    pub weights: Vec<f64>,
}

impl ConvexCombination {
    /// The point `Σ wᵢ x_{indices[i]}`.
    ///
    /// ```
    /// use highdim::math::hull::{ConvexCombination, Hull};
    /// let hull = Hull::from_rows(&[[0.0], [4.0]]).unwrap();
    /// let c = ConvexCombination { indices: vec![0, 1], weights: vec![0.75, 0.25] };
    /// assert_eq!(c.point(&hull), vec![1.0]);
    /// ```
    pub fn point(&self, hull: &Hull) -> Vec<f64> {
        let mut out = vec![0.0; hull.dim];
        for (&i, &w) in self.indices.iter().zip(&self.weights) {
            if let Some(row) = hull.point(i) {
                for (o, v) in out.iter_mut().zip(row) {
                    *o += w * v;
                }
            }
        }
        out
    }
}

/// Certificate that a query is in the hull.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InsideCertificate {
    /// Convex weights reproducing the query within `residual`.
    pub combination: ConvexCombination,
    /// `‖Σ λᵢ xᵢ − x‖` as computed: at most `τ·s`, or at most [`RESOLUTION_BAND`]`·τ·s` at
    /// the resolution limit (module docs).
    pub residual: f64,
}

/// Certificate that a query is outside the hull.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutsideCertificate {
    /// Unit normal `a` of a separating hyperplane, pointing from the hull towards the query.
    pub normal: Vec<f64>,
    /// Offset `b`, halfway in the gap: `aᵀxᵢ ≤ b − margin/2` for all `i` and
    /// `b = aᵀx − margin/2`.
    pub offset: f64,
    /// `min_i aᵀ(x − xᵢ) > 0`: a lower bound on the distance.
    pub margin: f64,
    /// A point of the hull: the nearest one when `distance_is_exact`.
    pub nearest: ConvexCombination,
    /// `‖x − nearest‖`: the distance from `x` to the hull when `distance_is_exact`, else an
    /// upper bound on it.
    pub distance: f64,
    /// Whether `nearest`/`distance` are the true nearest point and distance (up to rounding).
    pub distance_is_exact: bool,
}

/// Whether a query is in the hull, with its certificate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Membership {
    /// Within the tolerance of the hull: interpolation.
    Inside(InsideCertificate),
    /// Separated from the hull: extrapolation.
    Outside(OutsideCertificate),
}

impl Membership {
    /// True for [`Membership::Inside`].
    pub fn is_inside(&self) -> bool {
        matches!(self, Membership::Inside(_))
    }

    /// 0 inside; the reported distance (exact or an upper bound) outside.
    pub fn distance(&self) -> f64 {
        match self {
            Membership::Inside(_) => 0.0,
            Membership::Outside(o) => o.distance,
        }
    }
}

/// The answer to one query, with the work it took.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The verdict and its certificate.
    pub membership: Membership,
    /// Full scans over the `N` training points (each computes `N` inner products).
    pub passes: usize,
    /// Points that entered Wolfe's corral (major cycles).
    pub iterations: usize,
}

/// A validated training set, stored contiguously row-major (`N × d`), ready for many queries.
///
/// Invariants: at least one point, dimension at least 1, every coordinate finite with
/// magnitude at most [`MAX_COORDINATE`].
#[derive(Clone, Debug)]
pub struct Hull {
    dim: usize,
    data: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
    lo_at: Vec<usize>,
    hi_at: Vec<usize>,
    centroid: Vec<f64>,
    scale: f64,
}

impl Hull {
    /// Builds the hull of the points stored row-major in `data` (`len / dim` points).
    ///
    /// # Errors
    /// [`HullError::Input`] with [`InputError::ZeroDimension`], [`InputError::DataLength`],
    /// [`InputError::Empty`], [`InputError::NonFinite`] or [`InputError::TooLarge`].
    ///
    /// ```
    /// use highdim::math::hull::{Hull, HullError};
    /// use highdim::math::input::InputError;
    /// let hull = Hull::new(2, vec![0.0, 0.0, 2.0, 1.0]).unwrap();
    /// assert_eq!((hull.len(), hull.dim(), hull.scale()), (2, 2, 2.0));
    /// assert_eq!(Hull::new(2, vec![]).unwrap_err(), HullError::Input(InputError::Empty));
    /// ```
    pub fn new(dim: usize, data: Vec<f64>) -> Result<Self, HullError> {
        input::check_data(dim, &data)?;
        let mut hull = Self {
            dim,
            data,
            lo: Vec::new(),
            hi: Vec::new(),
            lo_at: Vec::new(),
            hi_at: Vec::new(),
            centroid: Vec::new(),
            scale: 0.0,
        };
        hull.summarise();
        Ok(hull)
    }

    /// Replaces the points by those `fill` appends to an empty buffer (row-major, `dim`
    /// coordinates each), reusing this hull's allocations: the resampled Monte Carlo builds
    /// one hull per test point this way without allocating. On an error (as for
    /// [`Hull::new`]) the hull is left holding the single point `0 ∈ R^dim` (or its old
    /// dimension when `dim` is 0), so its invariants hold either way.
    pub(crate) fn refill(
        &mut self,
        dim: usize,
        fill: impl FnOnce(&mut Vec<f64>),
    ) -> Result<(), HullError> {
        self.data.clear();
        fill(&mut self.data);
        // A fast test first (NaN and infinities fail `≤`); the full check names the problem.
        let in_domain = dim != 0
            && !self.data.is_empty()
            && self.data.len() % dim == 0
            && self.data.iter().all(|v| v.abs() <= MAX_COORDINATE);
        let checked = if in_domain {
            Ok(self.data.len() / dim)
        } else {
            input::check_data(dim, &self.data)
        };
        if dim != 0 {
            self.dim = dim;
        }
        if checked.is_err() {
            self.data.clear();
            self.data.resize(self.dim, 0.0);
        }
        self.summarise();
        checked.map(|_| ()).map_err(HullError::from)
    }

    /// Recomputes the bounding box (with the points attaining it), the centroid and the
    /// scale from `data`, which holds at least one point of `dim ≥ 1` coordinates.
    fn summarise(&mut self) {
        let dim = self.dim;
        let data = &self.data;
        let n = data.len() / dim;
        self.lo.clear();
        self.lo.extend_from_slice(&data[..dim]);
        self.hi.clear();
        self.hi.extend_from_slice(&data[..dim]);
        self.lo_at.clear();
        self.lo_at.resize(dim, 0);
        self.hi_at.clear();
        self.hi_at.resize(dim, 0);
        self.centroid.clear();
        self.centroid.resize(dim, 0.0);
        let (lo, hi, lo_at, hi_at, centroid) = (
            &mut self.lo,
            &mut self.hi,
            &mut self.lo_at,
            &mut self.hi_at,
            &mut self.centroid,
        );
        for (i, row) in data.chunks_exact(dim).enumerate() {
            // Zipped slices of one length: no bounds checks in the inner loop.
            let at = lo_at.iter_mut().zip(hi_at.iter_mut());
            let bounds = lo.iter_mut().zip(hi.iter_mut());
            for (((&v, (l, h)), (la, ha)), c) in
                row.iter().zip(bounds).zip(at).zip(centroid.iter_mut())
            {
                if v < *l {
                    *l = v;
                    *la = i;
                }
                if v > *h {
                    *h = v;
                    *ha = i;
                }
                *c += v;
            }
        }
        centroid.iter_mut().for_each(|c| *c /= n as f64);
        self.scale = lo
            .iter()
            .zip(hi.iter())
            .map(|(l, h)| h - l)
            .fold(0.0, f64::max);
    }

    /// Builds the hull of a list of points.
    ///
    /// # Errors
    /// As [`Hull::new`], plus [`HullError::Input`] with [`InputError::RaggedPoint`] when the points differ in length.
    pub fn from_rows<R: AsRef<[f64]>>(rows: &[R]) -> Result<Self, HullError> {
        let (dim, data) = input::flatten_rows(rows)?;
        Self::new(dim, data)
    }

    /// The dimension `d` of the points.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The number `N` of points (at least 1).
    pub fn len(&self) -> usize {
        self.data.len() / self.dim
    }

    /// Always false: a hull has at least one point.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Point `i`, if it exists.
    pub fn point(&self, i: usize) -> Option<&[f64]> {
        self.data.get(i * self.dim..(i + 1) * self.dim)
    }

    /// All points, row-major.
    pub fn data(&self) -> &[f64] {
        &self.data
    }

    /// The scale `s` of the tolerance policy: the longest side of the bounding box.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// The bounding box as (lower corner, upper corner).
    pub fn bounding_box(&self) -> (&[f64], &[f64]) {
        (&self.lo, &self.hi)
    }

    /// Decides whether `x` is in the hull and returns the certificate (see the module docs).
    ///
    /// # Errors
    /// [`HullError::Input`] with [`InputError::DimensionMismatch`], [`InputError::NonFinite`]
    /// or [`InputError::TooLarge`] for a bad query, [`HullError::InvalidTolerance`], and [`HullError::NotConverged`] if
    /// the arithmetic defeats the solver.
    ///
    /// ```
    /// use highdim::math::hull::{Hull, HullOptions, Membership};
    /// let hull = Hull::from_rows(&[[0.0, 0.0], [2.0, 0.0], [0.0, 2.0]]).unwrap();
    /// let c = hull.classify(&[3.0, 0.0], &HullOptions::default()).unwrap();
    /// match c.membership {
    ///     Membership::Outside(o) => {
    ///         assert!((o.distance - 1.0).abs() < 1e-12);
    ///         assert!((o.normal[0] - 1.0).abs() < 1e-12);
    ///     }
    ///     Membership::Inside(_) => panic!("(3, 0) is outside"),
    /// }
    /// ```
    pub fn classify(&self, x: &[f64], opts: &HullOptions) -> Result<Classification, HullError> {
        let mut ws = Workspace::default();
        solve(self, x, opts, &mut ws)
    }

    /// Just the verdict, by the fastest route (`exact_distance` off).
    ///
    /// # Errors
    /// As [`Hull::classify`].
    ///
    /// ```
    /// use highdim::math::hull::Hull;
    /// let hull = Hull::from_rows(&[[-1.0], [1.0]]).unwrap();
    /// assert!(hull.contains(&[0.5]).unwrap());
    /// assert!(!hull.contains(&[1.5]).unwrap());
    /// ```
    pub fn contains(&self, x: &[f64]) -> Result<bool, HullError> {
        Ok(self
            .classify(x, &HullOptions::verdict_only())?
            .membership
            .is_inside())
    }
}

/// Answers many queries against one hull, reusing its scratch buffers (and, with
/// [`WarmStart::PreviousActiveSet`], the previous query's active set).
///
/// ```
/// use highdim::math::hull::{Classifier, Hull, HullOptions, WarmStart};
/// let hull = Hull::from_rows(&[[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]).unwrap();
/// let opts = HullOptions { warm_start: WarmStart::PreviousActiveSet, ..HullOptions::default() };
/// let mut c = Classifier::new(&hull, opts).unwrap();
/// for t in 0..10 {
///     let x = [0.1 * t as f64, 0.5];
///     assert!(c.classify(&x).unwrap().membership.is_inside());
/// }
/// ```
#[derive(Debug)]
pub struct Classifier<'h> {
    hull: &'h Hull,
    opts: HullOptions,
    ws: Workspace,
}

impl<'h> Classifier<'h> {
    /// A classifier for `hull` with fixed options.
    ///
    /// # Errors
    /// [`HullError::InvalidTolerance`].
    pub fn new(hull: &'h Hull, opts: HullOptions) -> Result<Self, HullError> {
        check_options(&opts)?;
        Ok(Self {
            hull,
            opts,
            ws: Workspace::default(),
        })
    }

    /// As [`Hull::classify`].
    ///
    /// # Errors
    /// As [`Hull::classify`].
    pub fn classify(&mut self, x: &[f64]) -> Result<Classification, HullError> {
        solve(self.hull, x, &self.opts, &mut self.ws)
    }

    /// Offers these training points to the next query's first candidate set (for example
    /// the active set of a related query).
    ///
    /// # Errors
    /// [`HullError::IndexOutOfRange`].
    pub fn set_hint(&mut self, indices: &[usize]) -> Result<(), HullError> {
        let len = self.hull.len();
        if let Some(&index) = indices.iter().find(|&&i| i >= len) {
            return Err(HullError::IndexOutOfRange { index, len });
        }
        self.ws.hint.clear();
        self.ws.hint.extend_from_slice(indices);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::corral::dot;
    use super::*;
    use crate::math::rng::Rng;

    fn gaussian(rng: &mut Rng, n: usize, d: usize) -> Vec<f64> {
        (0..n * d).map(|_| rng.normal()).collect()
    }

    /// Checks a classification's certificate against the hull, with relative slack `eps`.
    fn check(hull: &Hull, x: &[f64], c: &Classification, tol: f64) {
        let s = hull.scale().max(1e-300);
        match &c.membership {
            Membership::Inside(cert) => {
                let w = &cert.combination.weights;
                assert!(w.iter().all(|&v| v >= 0.0));
                assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
                let p = cert.combination.point(hull);
                let r = p
                    .iter()
                    .zip(x)
                    .map(|(a, b)| ((a - b) / s).powi(2))
                    .sum::<f64>()
                    .sqrt();
                assert!(r <= tol * 1.01 + 1e-13, "residual {r}");
            }
            Membership::Outside(o) => {
                let ax = dot(&o.normal, x);
                assert!(ax > o.offset);
                for i in 0..hull.len() {
                    let row = hull.point(i).unwrap();
                    assert!(dot(&o.normal, row) <= o.offset, "point {i} not separated");
                }
                assert!(o.margin > 0.0 && o.margin <= o.distance * (1.0 + 1e-9) + 1e-12 * s);
            }
        }
    }

    #[test]
    fn square_inside_outside_boundary() {
        let hull = Hull::from_rows(&[[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]).unwrap();
        let opts = HullOptions::default();
        for (x, inside) in [
            ([0.5, 0.5], true),
            ([1.0, 0.5], true),
            ([1.0, 1.0], true),
            ([1.0 + 1e-6, 0.5], false),
            ([2.0, 3.0], false),
        ] {
            let c = hull.classify(&x, &opts).unwrap();
            assert_eq!(c.membership.is_inside(), inside, "{x:?}");
            check(&hull, &x, &c, DEFAULT_TOLERANCE);
        }
        let c = hull.classify(&[2.0, 3.0], &opts).unwrap();
        assert!((c.membership.distance() - 5f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn random_gaussian_queries_have_valid_certificates() {
        let mut rng = Rng::new(11);
        for &(n, d) in &[(5, 2), (50, 3), (30, 8), (200, 5), (100, 16), (40, 40)] {
            let hull = Hull::new(d, gaussian(&mut rng, n, d)).unwrap();
            for _ in 0..30 {
                let x: Vec<f64> = (0..d).map(|_| 0.7 * rng.normal()).collect();
                let exact = hull.classify(&x, &HullOptions::default()).unwrap();
                check(&hull, &x, &exact, DEFAULT_TOLERANCE);
                let fast = hull.classify(&x, &HullOptions::verdict_only()).unwrap();
                check(&hull, &x, &fast, DEFAULT_TOLERANCE);
                assert_eq!(exact.membership.is_inside(), fast.membership.is_inside());
            }
        }
    }
}
