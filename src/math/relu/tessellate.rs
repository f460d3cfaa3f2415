//! The exact partition of a window of the plane into the linear regions of a [`ReluNet`].
//!
//! (About a thousand lines, on purpose: the partition, the polygon clipping it is built on and
//! the invariants each step keeps belong together; the unit tests at the end check exactly
//! those steps, and `tests/relu_tessellate.rs` the whole.)
//!
//! Algorithm (the constructive view of Balestriero & Baraniuk, *A Spline Theory of Deep
//! Networks*, ICML 2018; the same subdivision SplineCam computes, Humayun et al. CVPR 2023):
//! start from the window with the identity map `h₀ = (x, y)`. On a region where layer `l`'s
//! input is the affine map `h = A·(x, y, 1)`, the pre-activation of unit `k` is the affine
//! function `z_k = W_k·A + b_k`; the region is cut by each line `z_k = 0` in turn, one side
//! getting bit `k`. On each resulting piece the layer's output is the affine map
//! `diag(pattern)·(W·A + b)`, which feeds the next layer, so deeper lines bend where they
//! cross earlier ones. The recursion is depth-first, so only one chain of per-layer scratch
//! buffers is alive at a time and the output holds just the final regions.
//!
//! ## Numerical conventions
//! - A polygon vertex is *on* a line when `|z| ≤ 1e-10 · (|a|·X + |b|·Y + |c|)`, with X, Y the
//!   window's largest coordinate magnitudes. On-line vertices go to both pieces.
//! - A cut that would leave a piece of area below `1e-15 ×` the window's area is not made:
//!   the whole polygon goes to the other side. Areas therefore always sum to the window's
//!   area, and such slivers (invisible at any zoom a browser offers) are merged into a
//!   neighbour rather than dropped.
//! - Data points are routed with the same cuts (a point with `z > 0` is on the active side,
//!   like the forward pass), so each point inside the window lies in exactly one region.
//!   Points outside the window or with non-finite coordinates are in no region.

use std::fmt;
use std::str::FromStr;

use super::net::{ActivationPattern, Affine, ReluNet};

/// Vertices within this relative distance of a line count as on it.
const ON_LINE_REL: f64 = 1e-10;
/// Pieces smaller than this fraction of the window's area are merged, not cut off.
const SLIVER_REL: f64 = 1e-15;

/// An axis-aligned rectangle `[xmin, xmax] × [ymin, ymax]` of the plane (y up), with
/// finite bounds, `xmin < xmax`, `ymin < ymax` and all magnitudes at most
/// [`Window::MAX_COORD`].
///
/// ```
/// use highdim::math::relu::Window;
/// let w: Window = "-1,1,-0.5,0.5".parse().unwrap();
/// assert_eq!(w.area(), 2.0);
/// assert!("1,0,0,1".parse::<Window>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Window {
    xmin: f64,
    xmax: f64,
    ymin: f64,
    ymax: f64,
}

/// Why a window was rejected.
#[derive(Clone, Debug, PartialEq)]
pub enum WindowError {
    /// The text did not hold four comma-separated values.
    FieldCount {
        /// How many fields there were.
        found: usize,
    },
    /// A field is not a number.
    NotANumber {
        /// Which bound (`xmin`, `xmax`, `ymin` or `ymax`).
        name: &'static str,
        /// The text found.
        text: String,
    },
    /// A bound is NaN, infinite, or larger in magnitude than [`Window::MAX_COORD`].
    OutOfRange {
        /// Which bound.
        name: &'static str,
        /// Its value.
        value: f64,
    },
    /// `xmin ≥ xmax` or `ymin ≥ ymax`.
    Empty {
        /// `'x'` or `'y'`.
        axis: char,
        /// The lower bound given.
        min: f64,
        /// The upper bound given.
        max: f64,
    },
}

impl fmt::Display for WindowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WindowError::FieldCount { found } => write!(
                f,
                "a window is four numbers \"xmin,xmax,ymin,ymax\", but {found} were given"
            ),
            WindowError::NotANumber { name, text } => {
                write!(f, "window {name} \"{text}\" is not a number")
            }
            WindowError::OutOfRange { name, value } => write!(
                f,
                "window {name} = {value} must be a finite number within ±{}",
                Window::MAX_COORD
            ),
            WindowError::Empty { axis, min, max } => write!(
                f,
                "window {axis}min = {min} must be less than {axis}max = {max}"
            ),
        }
    }
}

impl std::error::Error for WindowError {}

impl Window {
    /// The default view, `[-1.2, 1.2]²`: the data sets lie in about `[-1, 1]²`.
    pub const DEFAULT: Window = Window {
        xmin: -1.2,
        xmax: 1.2,
        ymin: -1.2,
        ymax: 1.2,
    };

    /// The largest coordinate magnitude accepted (keeps areas and products finite).
    pub const MAX_COORD: f64 = 1e6;

    /// A validated window.
    ///
    /// # Errors
    /// [`WindowError::OutOfRange`] for a non-finite or huge bound, [`WindowError::Empty`]
    /// when a minimum is not below its maximum.
    pub fn new(xmin: f64, xmax: f64, ymin: f64, ymax: f64) -> Result<Self, WindowError> {
        for (name, value) in [
            ("xmin", xmin),
            ("xmax", xmax),
            ("ymin", ymin),
            ("ymax", ymax),
        ] {
            if !value.is_finite() || value.abs() > Self::MAX_COORD {
                return Err(WindowError::OutOfRange { name, value });
            }
        }
        if xmin >= xmax {
            return Err(WindowError::Empty {
                axis: 'x',
                min: xmin,
                max: xmax,
            });
        }
        if ymin >= ymax {
            return Err(WindowError::Empty {
                axis: 'y',
                min: ymin,
                max: ymax,
            });
        }
        Ok(Self {
            xmin,
            xmax,
            ymin,
            ymax,
        })
    }

    /// Left edge.
    pub fn xmin(&self) -> f64 {
        self.xmin
    }
    /// Right edge.
    pub fn xmax(&self) -> f64 {
        self.xmax
    }
    /// Bottom edge.
    pub fn ymin(&self) -> f64 {
        self.ymin
    }
    /// Top edge.
    pub fn ymax(&self) -> f64 {
        self.ymax
    }

    /// Area of the window.
    pub fn area(&self) -> f64 {
        (self.xmax - self.xmin) * (self.ymax - self.ymin)
    }

    /// The corners, counter-clockwise from `(xmin, ymin)`.
    pub fn corners(&self) -> [[f64; 2]; 4] {
        [
            [self.xmin, self.ymin],
            [self.xmax, self.ymin],
            [self.xmax, self.ymax],
            [self.xmin, self.ymax],
        ]
    }

    /// Whether `p` lies in the closed rectangle.
    pub fn contains(&self, p: [f64; 2]) -> bool {
        p[0] >= self.xmin && p[0] <= self.xmax && p[1] >= self.ymin && p[1] <= self.ymax
    }
}

impl Default for Window {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl FromStr for Window {
    type Err = WindowError;

    /// Parses `"xmin,xmax,ymin,ymax"` (spaces around numbers allowed).
    fn from_str(s: &str) -> Result<Self, WindowError> {
        let fields: Vec<&str> = s.split(',').map(str::trim).collect();
        if fields.len() != 4 {
            return Err(WindowError::FieldCount {
                found: if s.trim().is_empty() { 0 } else { fields.len() },
            });
        }
        let names = ["xmin", "xmax", "ymin", "ymax"];
        let mut v = [0.0; 4];
        for i in 0..4 {
            v[i] = fields[i]
                .parse::<f64>()
                .map_err(|_| WindowError::NotANumber {
                    name: names[i],
                    text: fields[i].to_string(),
                })?;
        }
        Window::new(v[0], v[1], v[2], v[3])
    }
}

/// How to tessellate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TessellateOptions {
    /// Use only the first `L` hidden layers (a per-layer view); `None` uses them all and
    /// gives the regions on which the network's logits are affine.
    pub layers: Option<usize>,
    /// Stop with [`TessellateError::TooManyRegions`] once any layer's partition exceeds this
    /// many regions. Memory stays proportional to it: about 250 bytes per region for a full
    /// tessellation (pattern, ~5 vertices, up to 4 logit maps, area, index ranges), up to
    /// about 1 KB for a per-layer view of a 32-wide layer (one map per unit).
    pub max_regions: usize,
}

impl TessellateOptions {
    /// The default region cap.
    pub const DEFAULT_MAX_REGIONS: usize = 200_000;
}

impl Default for TessellateOptions {
    /// All layers, at most [`TessellateOptions::DEFAULT_MAX_REGIONS`] regions.
    fn default() -> Self {
        Self {
            layers: None,
            max_regions: Self::DEFAULT_MAX_REGIONS,
        }
    }
}

/// Why a tessellation was not produced.
#[derive(Clone, Debug, PartialEq)]
pub enum TessellateError {
    /// A per-layer view asked for 0 layers or more than the network has.
    LayersOutOfRange {
        /// The number asked for.
        requested: usize,
        /// The network's hidden layer count.
        depth: usize,
    },
    /// The partition after hidden layer `layer` (0-based) has more than `limit` regions.
    TooManyRegions {
        /// The layer where the cap was passed.
        layer: usize,
        /// The cap.
        limit: usize,
    },
    /// The network has a non-finite parameter.
    NonFiniteNet,
}

impl fmt::Display for TessellateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TessellateError::LayersOutOfRange { requested, depth } => write!(
                f,
                "cannot show the partition of {requested} layers: the network has {depth} \
                 hidden layers (ask for 1 to {depth})"
            ),
            TessellateError::TooManyRegions { layer, limit } => write!(
                f,
                "hidden layer {layer} cuts the window into more than {limit} regions; use a \
                 smaller network or window, or show fewer layers"
            ),
            TessellateError::NonFiniteNet => {
                write!(
                    f,
                    "the network has a weight or bias that is not a finite number"
                )
            }
        }
    }
}

impl std::error::Error for TessellateError {}

/// A piece of the decision boundary inside one region: where the single logit is 0, or where
/// the two top logits tie.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct BoundarySegment {
    /// One end.
    pub from: [f64; 2],
    /// The other end.
    pub to: [f64; 2],
    /// The region it lies in.
    pub region: usize,
    /// The two classes it separates (lower first).
    pub classes: (usize, usize),
}

/// One linear region, borrowed from a [`Tessellation`].
#[derive(Clone, Copy, Debug)]
pub struct Region<'a> {
    /// Its index in the tessellation.
    pub index: usize,
    /// The activation pattern shared by its interior.
    pub pattern: ActivationPattern,
    /// The convex polygon, counter-clockwise.
    pub polygon: &'a [[f64; 2]],
    /// The affine maps on this region: one per logit for a full tessellation, or one per
    /// unit of the last hidden layer used (after the ReLU) for a per-layer view.
    pub maps: &'a [Affine],
    /// Its area.
    pub area: f64,
    /// Indices of the given points that lie in it.
    pub points: &'a [usize],
}

impl Region<'_> {
    /// The area centroid of the polygon.
    pub fn centroid(&self) -> [f64; 2] {
        centroid(self.polygon)
    }

    /// Whether `p` is inside the polygon or within `tol` (a distance) of it.
    pub fn contains(&self, p: [f64; 2], tol: f64) -> bool {
        let n = self.polygon.len();
        (0..n).all(|i| {
            let a = self.polygon[i];
            let b = self.polygon[(i + 1) % n];
            let e = [b[0] - a[0], b[1] - a[1]];
            let len = e[0].hypot(e[1]);
            let cross = e[0] * (p[1] - a[1]) - e[1] * (p[0] - a[0]);
            len == 0.0 || cross >= -tol * len
        })
    }
}

/// The linear regions of a network inside a window.
///
/// ```
/// use highdim::math::relu::{tessellate, LayerSpec, NetSpec, ReluNet, TessellateOptions,
///                           Window};
/// // Two units: ReLU(x) and ReLU(y); the logit is their sum minus 0.5.
/// let net = ReluNet::from_spec(&NetSpec { layers: vec![
///     LayerSpec { weights: vec![vec![1.0, 0.0], vec![0.0, 1.0]], biases: vec![0.0, 0.0] },
///     LayerSpec { weights: vec![vec![1.0, 1.0]], biases: vec![-0.5] },
/// ]}).unwrap();
/// let t = tessellate(&net, &Window::DEFAULT, &[[0.5, 0.5]], &TessellateOptions::default())
///     .unwrap();
/// assert_eq!(t.len(), 4); // the four quadrants
/// let q = t.regions().find(|r| r.points == [0]).unwrap();
/// assert_eq!(q.pattern.layer(0), 0b11);
/// assert_eq!((q.maps[0].a, q.maps[0].b, q.maps[0].c), (1.0, 1.0, -0.5));
/// // The boundary: x + y = 0.5 in the first quadrant, x = 0.5 and y = 0.5 in two others.
/// assert_eq!(t.boundary().len(), 3);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Tessellation {
    window: Option<Window>,
    layers: usize,
    complete: bool,
    per_layer: Vec<usize>,
    patterns: Vec<ActivationPattern>,
    vertex_start: Vec<usize>,
    vertices: Vec<[f64; 2]>,
    maps_per_region: usize,
    maps: Vec<Affine>,
    areas: Vec<f64>,
    point_start: Vec<usize>,
    point_index: Vec<usize>,
    boundary: Vec<BoundarySegment>,
}

impl Tessellation {
    /// Number of regions.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether there is no region (never, for a successful tessellation).
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The window partitioned.
    pub fn window(&self) -> Window {
        self.window.unwrap_or_default()
    }

    /// The number of hidden layers used.
    pub fn layers(&self) -> usize {
        self.layers
    }

    /// Whether all hidden layers were used (so the maps are the logits').
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// `per_layer[l]`: the number of regions of the partition by the first `l + 1` hidden
    /// layers. Non-decreasing; the last entry equals [`Tessellation::len`].
    pub fn per_layer(&self) -> &[usize] {
        &self.per_layer
    }

    /// Region `i`.
    ///
    /// # Panics
    /// If `i >= self.len()`.
    pub fn region(&self, i: usize) -> Region<'_> {
        let m = self.maps_per_region;
        Region {
            index: i,
            pattern: self.patterns[i],
            polygon: &self.vertices[self.vertex_start[i]..self.vertex_start[i + 1]],
            maps: &self.maps[i * m..(i + 1) * m],
            area: self.areas[i],
            points: &self.point_index[self.point_start[i]..self.point_start[i + 1]],
        }
    }

    /// All regions in order.
    pub fn regions(&self) -> impl ExactSizeIterator<Item = Region<'_>> + '_ {
        (0..self.len()).map(move |i| self.region(i))
    }

    /// The decision boundary, as exact segments inside each region (empty for a per-layer
    /// view). For one logit it is `z = 0`; for a softmax, where the two largest logits tie.
    pub fn boundary(&self) -> &[BoundarySegment] {
        &self.boundary
    }

    /// The index of a region containing `p` (with boundary tolerance 1e-12 of the window's
    /// size), by a linear scan; `None` outside the window.
    pub fn locate(&self, p: [f64; 2]) -> Option<usize> {
        let w = self.window();
        if !w.contains(p) {
            return None;
        }
        let tol = 1e-12 * (w.xmax - w.xmin).max(w.ymax - w.ymin);
        self.regions().find(|r| r.contains(p, tol)).map(|r| r.index)
    }
}

/// The exact partition of `window` into the linear regions of `net` (or of its first
/// `options.layers` hidden layers), with the indices of `points` in each region.
///
/// Regions come in depth-first order (regions cut from the same parent are adjacent).
///
/// # Errors
/// [`TessellateError::LayersOutOfRange`], [`TessellateError::TooManyRegions`],
/// [`TessellateError::NonFiniteNet`].
pub fn tessellate(
    net: &ReluNet,
    window: &Window,
    points: &[[f64; 2]],
    options: &TessellateOptions,
) -> Result<Tessellation, TessellateError> {
    let depth = net.depth();
    let layers = options.layers.unwrap_or(depth);
    if layers == 0 || layers > depth {
        return Err(TessellateError::LayersOutOfRange {
            requested: layers,
            depth,
        });
    }
    if !net.is_finite() {
        return Err(TessellateError::NonFiniteNet);
    }
    let complete = layers == depth;
    let maps_per_region = if complete {
        net.output_units()
    } else {
        net.sizes()[layers]
    };
    let mut engine = Engine {
        net,
        layers,
        points,
        scale: [
            window.xmin.abs().max(window.xmax.abs()),
            window.ymin.abs().max(window.ymax.abs()),
        ],
        area_tol: SLIVER_REL * window.area(),
        max_regions: options.max_regions,
        levels: (0..layers).map(|_| Level::default()).collect(),
        out: Tessellation {
            window: Some(*window),
            layers,
            complete,
            per_layer: vec![0; layers],
            maps_per_region,
            vertex_start: vec![0],
            point_start: vec![0],
            ..Tessellation::default()
        },
    };
    let inside: Vec<usize> = (0..points.len())
        .filter(|&i| points[i].iter().all(|v| v.is_finite()) && window.contains(points[i]))
        .collect();
    let identity = Affine::INPUTS;
    engine.descend(
        0,
        &window.corners(),
        &inside,
        &identity,
        ActivationPattern::default(),
    )?;
    let mut out = engine.out;
    if complete {
        out.boundary = decision_boundary(&out);
    }
    Ok(out)
}

/// A convex piece inside a level's buffers.
#[derive(Clone, Copy, Debug)]
struct Piece {
    v0: usize,
    vn: usize,
    p0: usize,
    pn: usize,
    bits: u32,
}

/// Scratch buffers for one hidden layer: pieces are cut neuron by neuron, ping-ponging
/// between the `a` and `b` buffers.
#[derive(Default)]
struct Level {
    va: Vec<[f64; 2]>,
    pa: Vec<Piece>,
    ia: Vec<usize>,
    vb: Vec<[f64; 2]>,
    pb: Vec<Piece>,
    ib: Vec<usize>,
    z: Vec<Affine>,
    maps: Vec<Affine>,
    s: Vec<f64>,
    pos: Vec<[f64; 2]>,
    neg: Vec<[f64; 2]>,
}

struct Engine<'a> {
    net: &'a ReluNet,
    layers: usize,
    points: &'a [[f64; 2]],
    scale: [f64; 2],
    area_tol: f64,
    max_regions: usize,
    levels: Vec<Level>,
    out: Tessellation,
}

impl Engine<'_> {
    fn descend(
        &mut self,
        l: usize,
        poly: &[[f64; 2]],
        pts: &[usize],
        input: &[Affine],
        pattern: ActivationPattern,
    ) -> Result<(), TessellateError> {
        let mut lv = std::mem::take(&mut self.levels[l]);
        let r = self.descend_with(&mut lv, l, poly, pts, input, pattern);
        self.levels[l] = lv;
        r
    }

    fn descend_with(
        &mut self,
        lv: &mut Level,
        l: usize,
        poly: &[[f64; 2]],
        pts: &[usize],
        input: &[Affine],
        pattern: ActivationPattern,
    ) -> Result<(), TessellateError> {
        let net = self.net;
        let n_out = net.sizes()[l + 1];
        lv.z.clear();
        lv.z.extend((0..n_out).map(|j| net.unit_map(l, j, input)));
        lv.va.clear();
        lv.va.extend_from_slice(poly);
        lv.ia.clear();
        lv.ia.extend_from_slice(pts);
        lv.pa.clear();
        lv.pa.push(Piece {
            v0: 0,
            vn: poly.len(),
            p0: 0,
            pn: pts.len(),
            bits: 0,
        });
        for k in 0..n_out {
            let f = lv.z[k];
            lv.vb.clear();
            lv.pb.clear();
            lv.ib.clear();
            for pi in 0..lv.pa.len() {
                self.cut(lv, pi, f, k);
            }
            std::mem::swap(&mut lv.va, &mut lv.vb);
            std::mem::swap(&mut lv.pa, &mut lv.pb);
            std::mem::swap(&mut lv.ia, &mut lv.ib);
        }
        self.out.per_layer[l] += lv.pa.len();
        if self.out.per_layer[l] > self.max_regions {
            return Err(TessellateError::TooManyRegions {
                layer: l,
                limit: self.max_regions,
            });
        }
        let zero = Affine::default();
        for pi in 0..lv.pa.len() {
            let piece = lv.pa[pi];
            let pat = pattern.with_layer(l, piece.bits);
            lv.maps.clear();
            for (j, f) in lv.z.iter().enumerate() {
                lv.maps
                    .push(if (piece.bits >> j) & 1 == 1 { *f } else { zero });
            }
            let verts = &lv.va[piece.v0..piece.v0 + piece.vn];
            let ids = &lv.ia[piece.p0..piece.p0 + piece.pn];
            if l + 1 == self.layers {
                self.emit(verts, ids, &lv.maps, pat);
            } else {
                self.descend(l + 1, verts, ids, &lv.maps, pat)?;
            }
        }
        Ok(())
    }

    /// Cuts piece `pi` of the `a` buffers by the line `f = 0`, appending the result(s) to
    /// the `b` buffers; the side `f > 0` gets bit `k`.
    fn cut(&self, lv: &mut Level, pi: usize, f: Affine, k: usize) {
        let piece = lv.pa[pi];
        let poly = &lv.va[piece.v0..piece.v0 + piece.vn];
        let ids = &lv.ia[piece.p0..piece.p0 + piece.pn];
        let tol = ON_LINE_REL * (f.a.abs() * self.scale[0] + f.b.abs() * self.scale[1] + f.c.abs());
        lv.s.clear();
        let (mut any_pos, mut any_neg) = (false, false);
        for &v in poly {
            let s = f.eval(v);
            any_pos |= s > tol;
            any_neg |= s < -tol;
            lv.s.push(s);
        }
        let bit = 1u32 << k;
        let whole = |lv_vb: &mut Vec<[f64; 2]>,
                     lv_pb: &mut Vec<Piece>,
                     lv_ib: &mut Vec<usize>,
                     bits: u32| {
            let v0 = lv_vb.len();
            lv_vb.extend_from_slice(poly);
            let p0 = lv_ib.len();
            lv_ib.extend_from_slice(ids);
            lv_pb.push(Piece {
                v0,
                vn: poly.len(),
                p0,
                pn: ids.len(),
                bits,
            });
        };
        if !any_neg || !any_pos {
            // Entirely on one side (or on the line: inactive, as z ≤ 0 in the forward pass).
            let bits = if any_pos {
                piece.bits | bit
            } else {
                piece.bits
            };
            whole(&mut lv.vb, &mut lv.pb, &mut lv.ib, bits);
            return;
        }
        lv.pos.clear();
        lv.neg.clear();
        let n = poly.len();
        let sign = |s: f64| {
            if s > tol {
                1
            } else if s < -tol {
                -1
            } else {
                0
            }
        };
        for i in 0..n {
            let j = if i + 1 == n { 0 } else { i + 1 };
            let (si, sj) = (lv.s[i], lv.s[j]);
            let (ci, cj) = (sign(si), sign(sj));
            if ci >= 0 {
                lv.pos.push(poly[i]);
            }
            if ci <= 0 {
                lv.neg.push(poly[i]);
            }
            if ci * cj < 0 {
                let t = si / (si - sj);
                let p = [
                    poly[i][0] + t * (poly[j][0] - poly[i][0]),
                    poly[i][1] + t * (poly[j][1] - poly[i][1]),
                ];
                lv.pos.push(p);
                lv.neg.push(p);
            }
        }
        if area(&lv.pos) < self.area_tol {
            whole(&mut lv.vb, &mut lv.pb, &mut lv.ib, piece.bits);
            return;
        }
        if area(&lv.neg) < self.area_tol {
            whole(&mut lv.vb, &mut lv.pb, &mut lv.ib, piece.bits | bit);
            return;
        }
        // Points: active side first, then inactive, each piece a contiguous range.
        let p0 = lv.ib.len();
        lv.ib.extend(
            ids.iter()
                .copied()
                .filter(|&i| f.eval(self.points[i]) > 0.0),
        );
        let n_pos = lv.ib.len() - p0;
        lv.ib.extend(
            ids.iter()
                .copied()
                .filter(|&i| f.eval(self.points[i]) <= 0.0),
        );
        let v0 = lv.vb.len();
        lv.vb.extend_from_slice(&lv.pos);
        lv.vb.extend_from_slice(&lv.neg);
        lv.pb.push(Piece {
            v0,
            vn: lv.pos.len(),
            p0,
            pn: n_pos,
            bits: piece.bits | bit,
        });
        lv.pb.push(Piece {
            v0: v0 + lv.pos.len(),
            vn: lv.neg.len(),
            p0: p0 + n_pos,
            pn: ids.len() - n_pos,
            bits: piece.bits,
        });
    }

    /// Stores a final region with its maps (the logits' for a complete tessellation).
    fn emit(
        &mut self,
        verts: &[[f64; 2]],
        ids: &[usize],
        hidden: &[Affine],
        pattern: ActivationPattern,
    ) {
        let out = &mut self.out;
        out.patterns.push(pattern);
        out.vertices.extend_from_slice(verts);
        out.vertex_start.push(out.vertices.len());
        out.point_index.extend_from_slice(ids);
        out.point_start.push(out.point_index.len());
        out.areas.push(area(verts));
        if out.complete {
            let net = self.net;
            let last = net.depth();
            out.maps
                .extend((0..net.output_units()).map(|j| net.unit_map(last, j, hidden)));
        } else {
            out.maps.extend_from_slice(hidden);
        }
    }
}

/// Shoelace area (positive for counter-clockwise polygons).
pub(super) fn area(poly: &[[f64; 2]]) -> f64 {
    let n = poly.len();
    if n < 3 {
        return 0.0;
    }
    // Relative to the first vertex, for accuracy far from the origin.
    let o = poly[0];
    let mut s = 0.0;
    for i in 1..n - 1 {
        let (p, q) = (poly[i], poly[i + 1]);
        s += (p[0] - o[0]) * (q[1] - o[1]) - (q[0] - o[0]) * (p[1] - o[1]);
    }
    0.5 * s
}

/// The area centroid (the vertex mean for a degenerate polygon).
pub(super) fn centroid(poly: &[[f64; 2]]) -> [f64; 2] {
    let n = poly.len();
    let o = poly.first().copied().unwrap_or([0.0, 0.0]);
    let (mut cx, mut cy, mut a2) = (0.0, 0.0, 0.0);
    for i in 1..n.saturating_sub(1) {
        let p = [poly[i][0] - o[0], poly[i][1] - o[1]];
        let q = [poly[i + 1][0] - o[0], poly[i + 1][1] - o[1]];
        let cr = p[0] * q[1] - q[0] * p[1];
        a2 += cr;
        cx += cr * (p[0] + q[0]);
        cy += cr * (p[1] + q[1]);
    }
    if a2 == 0.0 {
        // Degenerate: the vertex mean.
        let k = n.max(1) as f64;
        let sx: f64 = poly.iter().map(|p| p[0]).sum();
        let sy: f64 = poly.iter().map(|p| p[1]).sum();
        return [sx / k, sy / k];
    }
    [o[0] + cx / (3.0 * a2), o[1] + cy / (3.0 * a2)]
}

/// The part of the line `f = 0` inside the convex CCW polygon and satisfying `g ≥ 0` for
/// every `g` in `extra` (Cyrus–Beck clipping), if it has positive length.
fn clip_line(
    poly: &[[f64; 2]],
    f: Affine,
    extra: &[Affine],
    min_len: f64,
) -> Option<([f64; 2], [f64; 2])> {
    let nn = f.a * f.a + f.b * f.b;
    if nn <= f64::MIN_POSITIVE || !nn.is_finite() {
        return None;
    }
    let inv = 1.0 / nn.sqrt();
    let d = [-f.b * inv, f.a * inv];
    // Start from the point of the line nearest the polygon's centroid (well conditioned).
    let c = centroid(poly);
    let fc = f.eval(c) / nn;
    let p0 = [c[0] - fc * f.a, c[1] - fc * f.b];
    let (mut t0, mut t1) = (f64::NEG_INFINITY, f64::INFINITY);
    let mut clip = |alpha: f64, beta: f64| -> bool {
        // Keep alpha + beta·t ≥ 0.
        if beta == 0.0 {
            return alpha >= 0.0;
        }
        let t = -alpha / beta;
        if beta > 0.0 {
            t0 = t0.max(t);
        } else {
            t1 = t1.min(t);
        }
        true
    };
    let n = poly.len();
    for i in 0..n {
        let a = poly[i];
        let b = poly[(i + 1) % n];
        let e = [b[0] - a[0], b[1] - a[1]];
        let alpha = e[0] * (p0[1] - a[1]) - e[1] * (p0[0] - a[0]);
        let beta = e[0] * d[1] - e[1] * d[0];
        if !clip(alpha, beta) {
            return None;
        }
    }
    for g in extra {
        if !clip(g.eval(p0), g.a * d[0] + g.b * d[1]) {
            return None;
        }
    }
    if t1 - t0 > min_len {
        Some((
            [p0[0] + t0 * d[0], p0[1] + t0 * d[1]],
            [p0[0] + t1 * d[0], p0[1] + t1 * d[1]],
        ))
    } else {
        None
    }
}

/// The decision boundary of a complete tessellation, region by region.
fn decision_boundary(t: &Tessellation) -> Vec<BoundarySegment> {
    let w = t.window();
    let min_len = 1e-12 * (w.xmax - w.xmin).max(w.ymax - w.ymin);
    let mut out = Vec::new();
    let mut extra = Vec::with_capacity(4);
    for r in t.regions() {
        let z = r.maps;
        if z.len() == 1 {
            if let Some((from, to)) = clip_line(r.polygon, z[0], &[], min_len) {
                out.push(BoundarySegment {
                    from,
                    to,
                    region: r.index,
                    classes: (0, 1),
                });
            }
            continue;
        }
        for j in 0..z.len() {
            for k in j + 1..z.len() {
                let tie = Affine {
                    a: z[j].a - z[k].a,
                    b: z[j].b - z[k].b,
                    c: z[j].c - z[k].c,
                };
                extra.clear();
                for (m, zm) in z.iter().enumerate() {
                    if m != j && m != k {
                        extra.push(Affine {
                            a: z[j].a - zm.a,
                            b: z[j].b - zm.b,
                            c: z[j].c - zm.c,
                        });
                    }
                }
                if let Some((from, to)) = clip_line(r.polygon, tie, &extra, min_len) {
                    out.push(BoundarySegment {
                        from,
                        to,
                        region: r.index,
                        classes: (j, k),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_parsing() {
        assert_eq!(
            "-1, 1, -2, 2".parse::<Window>(),
            Window::new(-1.0, 1.0, -2.0, 2.0)
        );
        assert_eq!(
            "1,2,3".parse::<Window>(),
            Err(WindowError::FieldCount { found: 3 })
        );
        assert_eq!(
            "".parse::<Window>(),
            Err(WindowError::FieldCount { found: 0 })
        );
        assert!(matches!(
            "a,1,0,1".parse::<Window>(),
            Err(WindowError::NotANumber { name: "xmin", .. })
        ));
        assert!(matches!(
            "0,inf,0,1".parse::<Window>(),
            Err(WindowError::OutOfRange { name: "xmax", .. })
        ));
        assert!(matches!(
            "0,NaN,0,1".parse::<Window>(),
            Err(WindowError::OutOfRange { name: "xmax", .. })
        ));
        assert!(matches!(
            "0,1,1,1".parse::<Window>(),
            Err(WindowError::Empty { axis: 'y', .. })
        ));
    }

    #[test]
    fn area_and_centroid() {
        let sq = [[0.0, 0.0], [2.0, 0.0], [2.0, 1.0], [0.0, 1.0]];
        assert_eq!(area(&sq), 2.0);
        assert_eq!(centroid(&sq), [1.0, 0.5]);
    }

    #[test]
    fn clip_line_through_square() {
        let sq = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
        let diag = Affine {
            a: 1.0,
            b: -1.0,
            c: 0.0,
        };
        let (p, q) = clip_line(&sq, diag, &[], 1e-12).unwrap();
        let len = (p[0] - q[0]).hypot(p[1] - q[1]);
        assert!((len - 2f64.sqrt()).abs() < 1e-12);
        // Keep only x ≤ 0.25.
        let half = Affine {
            a: -1.0,
            b: 0.0,
            c: 0.25,
        };
        let (p, q) = clip_line(&sq, diag, &[half], 1e-12).unwrap();
        assert!(((p[0] - q[0]).abs() - 0.25).abs() < 1e-12);
        let miss = Affine {
            a: 1.0,
            b: 0.0,
            c: -3.0,
        };
        assert!(clip_line(&sq, miss, &[], 1e-12).is_none());
    }
}
