//! Figure "relu": a small ReLU network training on a toy data set in the plane, drawn as the
//! exact partition of the plane into its linear regions.
//!
//! Left panel: the window `[-1.2, 1.2]²` cut into convex regions (each lightly tinted by its
//! activation pattern, edges thin), the decision boundary in bold, training points filled and
//! test points hollow (class by shape and colour), the selected region highlighted. The
//! layer slider shows the partition after the first L hidden layers, so the reader watches
//! each layer subdivide the previous one. Right panel: the number of linear regions against
//! the training step, the per-layer counts and the Serra–Tjandraatmadja–Ramalingam bound.
//!
//! ## Data
//! Five generated data sets, or the reader's own points: click or tap adds a point of the
//! chosen class (on a point, removes it); from the keyboard, arrows move a cross, Enter adds,
//! Delete removes the nearest point, 1–4 choose the class. Own points live in the link as
//! `nn.pts=a0.12_-0.5b0.3_0.7` (at most [`MAX_OWN_POINTS`], on a 0.01 grid; see
//! [`parse_points`]); every fifth is a test point. A CSV file `x,y,class` (class 0–3 or the
//! letters A–D, as the CSV export writes them; the export's `point` column is ignored; points
//! inside the window, at most [`MAX_OWN_POINTS`]) or a saved state with
//! `"points": [[x, y, class], …]` replaces them; a file with any bad row changes nothing.
//!
//! ## Extrapolation is not failure
//! The test points are split by membership in the convex hull of the training points (the
//! exact hull core), the hull is drawn dashed, and the caption and the right panel give the
//! accuracy inside and outside it.
//!
//! ## Cost and responsiveness
//! Pointing at a region (hover) describes it, as a click or tap does; the page sends hover at
//! most once per frame. Partitions of up to [`LIVE_LIMIT`] regions (a 2-16-16-16 network has
//! about a thousand) are recomputed and redrawn every frame of Play on the main thread. Above
//! that (6 × 32 reaches 30,000 regions: about 250 ms to partition and 235 ms to draw as
//! polygons in wasm), the figure takes the worker path, in Play and after every other change
//! in the browser (load, pause, Step, a slider, Play under reduced motion): the page's Web
//! Worker partitions a snapshot of the weights exactly, counts it, finds the decision boundary
//! ([`crate::math::relu::summarize`]) and rasterises the whole partition at the square's size
//! in device pixels ([`PartitionRaster`]: one region per pixel, each region's pattern), sent
//! as bytes beside the summary. The page colours that raster for the layers shown (every
//! layer's cells follow from the patterns, so the layer slider needs no new job), draws it in
//! one `putImageData` with the exact boundary, and describes a selected region exactly from
//! the snapshot's weights ([`region_at`]: pattern, affine map, area, points). The caption says
//! the picture comes from the worker, at which step, and while Play runs how many steps it is
//! behind; a newer snapshot supersedes an older one. Until the first picture arrives, the
//! figure shows the first layers that stay within the limit, partitioned in place. A frame of
//! Play trains at most [`STEPS_PER_FRAME`] steps, fewer while frames come late, and
//! recomputes the accuracies every few frames. Natively (the `render` command, tests), where
//! there is no worker, the full partition is drawn.
//! Beyond [`MAX_REGIONS`] the figure says so instead of drawing.

use super::theme::{self, Theme};
use super::{
    Action, DrawResult, Figure, PointColumn, PointImport, Pointer, PointerPhase, Response, Table,
};
use crate::format::{number, percent, short, thousands};
use crate::jobs::{JobOutput, JobSpec};
use crate::math::hull::convex_polygon;
use crate::math::relu::{
    hull_membership, region_at, serra_bound, split_accuracy, tessellate, Affine, Dataset,
    DatasetSpec, Divergence, DivergenceCause, HullSplit, Metrics, PartitionRaster, ReluNet, Sample,
    TessellateError, TessellateOptions, Tessellation, TrainConfig, TrainError, Trainer, Window,
};
use crate::params::{query_pairs, Note, ParamSet};
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendCoord, DrawingErrorKind};

mod params;
#[cfg(test)]
mod test_support;
mod worker;

use params::{Change, CLASS_GLYPHS, CLASS_NAMES, CLASS_SHAPES};
pub use params::{
    DataChoice, L2Penalty, OptimizerChoice, ReluParams, CLASS_CHOICES, DATASETS, L2_CHOICES,
    OPTIMIZERS,
};
pub use worker::LIVE_LIMIT;
use worker::{ColouredPicture, Picture, PictureKey, WorkerPath};

/// Most points a reader can add (they live in the link, about 11 characters each).
pub const MAX_OWN_POINTS: usize = 200;
/// Own points are stored on a grid of this step, so links stay short and exact.
pub const OWN_GRID: f64 = 0.01;
/// Half the side of the window own points live in ([`Window::DEFAULT`], `[-1.2, 1.2]²`); an
/// imported point outside it is refused, not moved.
pub const OWN_WINDOW: f64 = 1.2;
/// The columns of a points file (CSV `x,y,class`, class 0–3 or A–D), in the order
/// [`Figure::import_points`] receives them.
const IMPORT_COLUMNS: &[PointColumn] = &[
    PointColumn {
        name: "x",
        min: -OWN_WINDOW,
        max: OWN_WINDOW,
        integer: false,
    },
    PointColumn {
        name: "y",
        min: -OWN_WINDOW,
        max: OWN_WINDOW,
        integer: false,
    },
    PointColumn {
        name: "class",
        min: 0.0,
        max: 3.0,
        integer: true,
    },
];
/// Every `OWN_TEST_EVERY`-th point a reader adds is held out for testing.
pub const OWN_TEST_EVERY: usize = 5;
/// How far the keyboard cursor moves per arrow key (world units).
pub const CURSOR_STEP: f64 = 0.1;

/// Points per data set, train and test together (fixed so the picture stays legible).
pub const POINTS: usize = 300;
/// Share of the points held out for testing.
pub const TEST_FRACTION: f64 = 0.2;
/// Mini-batch size.
const BATCH: usize = 32;
/// Optimizer steps per animation frame (≈ 240 steps per second at 60 frames per second).
pub const STEPS_PER_FRAME: u64 = 4;
/// A frame that starts this long after the previous one (ms) halves the steps per frame.
const LATE_FRAME_MS: f64 = 24.0;
/// A frame this close to the previous one (ms) adds a step per frame, up to
/// [`STEPS_PER_FRAME`].
const ON_TIME_FRAME_MS: f64 = 19.0;
/// Steps done by the Step button.
pub const STEP_BATCH: u64 = 25;
/// Steps one press of Play trains at most before stopping by itself.
pub const PLAY_STEPS: u64 = 2000;
/// Steps done at once by Play under reduced motion (the end state, no animation).
pub const REDUCED_MOTION_STEPS: u64 = 500;
/// Steps per frame of Play under reduced motion for a big network (training a 6 × 32 network
/// takes about half a millisecond a step in wasm).
const QUIET_STEPS_PER_FRAME: u64 = 25;
/// Largest partition whose regions are filled; bigger ones are drawn as edges only.
const FILL_LIMIT: usize = 6000;
/// Largest partition drawn; beyond it the figure says so instead.
pub const MAX_REGIONS: usize = 60_000;
/// Regions that can be re-partitioned every frame; above this, play re-partitions every k-th
/// frame with k ≈ regions / this.
const REGIONS_PER_FRAME: usize = 4000;
/// Most history entries kept (older ones are thinned).
const HISTORY_MAX: usize = 1000;
/// Share of the width (or height, when stacked) taken by the partition panel.
const SHARE: f64 = 0.56;

/// Colour of the cuts the last shown layer adds (a dark reddish purple, apart from the class
/// colours).
const NEW_CUT: RGBColor = RGBColor(150, 50, 120);
/// Class colours (with [`CLASS_GLYPHS`]' shapes: class by shape and colour, never colour
/// alone).
const CLASS_COLORS: [RGBColor; 4] = [theme::BLUE, theme::VERMILLION, theme::GREEN, theme::PURPLE];

/// An animation of training in progress.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Play {
    /// Steps left before it stops by itself.
    remaining: u64,
    /// Frames since the last partition.
    frames: u32,
    /// The full partition is too big to recompute and draw every frame: the Web Worker counts
    /// it (a [`JobSpec::ReluPartition`]) while the main thread draws a coarser per-layer view.
    worker: bool,
    /// Play under reduced motion for a big network: the steps are spread over frames (so no
    /// task is long) and the picture is not redrawn until the end state.
    quiet: bool,
    /// Time of the last frame (the page's animation clock, ms; 0 before the first).
    last_ms: f64,
    /// Optimizer steps per frame now, 1..=[`STEPS_PER_FRAME`]: fewer while frames come late.
    per_frame: u64,
}

/// The ReLU-spline figure.
#[derive(Clone, Debug)]
pub struct ReluFigure {
    params: ReluParams,
    data: Dataset,
    /// Training points, as the partition wants them.
    train_points: Vec<[f64; 2]>,
    /// Why the data or the network could not be set up (never with in-range parameters).
    setup_error: Option<String>,
    trainer: Option<Trainer>,
    /// Steps done by earlier trainers (the optimizer settings changed mid-way).
    steps_before: u64,
    divergence: Option<Divergence>,
    /// Loss of the last batch.
    batch_loss: Option<f64>,
    /// Train and test metrics at the last partition.
    metrics: Option<(Metrics, Metrics)>,
    /// The partition by the whole network.
    full: Option<Result<Tessellation, TessellateError>>,
    /// The partition by the first `layer` hidden layers, when fewer than all.
    view: Option<Result<Tessellation, TessellateError>>,
    /// The partition by one layer fewer than shown (when at least 2 are shown): its edges are
    /// drawn dark, so the cuts the last shown layer adds stand out.
    prev: Option<Tessellation>,
    /// (step, regions) at each partition.
    history: Vec<(u64, usize)>,
    /// The point the reader selected (world coordinates) and the region holding it.
    selected: Option<[f64; 2]>,
    selected_index: Option<usize>,
    play: Option<Play>,
    /// A layer the reader asked for beyond the depth (clamped), for the caption.
    layer_clamped: Option<u32>,
    /// The reader's own points (used when the data set is "your own points").
    own: Vec<Sample>,
    /// The keyboard cursor for adding points (world coordinates).
    cursor: Option<[f64; 2]>,
    /// Where the pointer hovers (no button down) and the region under it: shown in place of
    /// the selection while it lasts.
    hover: Option<[f64; 2]>,
    hover_index: Option<usize>,
    /// The network while there is nothing to train on (no own points yet).
    idle_net: Option<ReluNet>,
    /// For each test point, whether it lies in the hull of the training points (or why that
    /// could not be decided).
    inside_hull: Result<Vec<bool>, String>,
    /// The training hull's outline, counter-clockwise.
    hull_outline: Vec<[f64; 2]>,
    /// Accuracy inside and outside the training hull at the last partition.
    hull_split: Option<HullSplit>,
    /// What the last edit of own points did, for the caption.
    edit_note: Option<String>,
    /// The worker path: requests, answers and the worker's picture.
    worker: WorkerPath,
}

/// An RGB bitmap placed at a point of a drawing area (plotters' own `BitMapElement` needs its
/// bitmap backend, which the page does not otherwise use).
struct Bitmap<'a> {
    at: BackendCoord,
    size: (u32, u32),
    rgb: &'a [u8],
}

impl<'a> PointCollection<'a, BackendCoord> for &'a Bitmap<'_> {
    type Point = &'a BackendCoord;
    type IntoIter = std::iter::Once<&'a BackendCoord>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Bitmap<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(p) => backend.blit_bitmap(p, self.size, self.rgb),
            None => Ok(()),
        }
    }
}

/// Colours a raster for display at `side × side` pixels (nearest pixel): each cell of the
/// partition by the first `layers` layers in its pale tint, pixels where the cell changes to
/// the right or below as edges — in `new_cut` where only layer `layers` separates the two
/// cells, in `old_cut` where earlier layers do. RGB, row-major.
fn colour_raster(
    raster: &PartitionRaster,
    layers: usize,
    side: u32,
    new_cut: RGBColor,
    old_cut: RGBColor,
) -> Vec<u8> {
    let n = raster.len();
    // Cell ids after `l` layers: the regions come depth first (those cut from one cell are
    // adjacent), so a cell is a run of regions sharing the first `l` words; one pass, no sort.
    let cells = |l: usize| -> Vec<u32> {
        let mut next = 0u32;
        (0..n)
            .map(|i| {
                if i > 0 && (0..l).any(|j| raster.word(i, j) != raster.word(i - 1, j)) {
                    next += 1;
                }
                next
            })
            .collect::<Vec<u32>>()
    };
    let cell = cells(layers);
    let older = if layers >= 2 {
        cells(layers - 1)
    } else {
        vec![0; n]
    };
    let fill: Vec<RGBColor> = (0..n)
        .map(|i| tint(&raster.pattern(i).truncated(layers)))
        .collect();
    let (rw, rh) = (raster.width() as usize, raster.height() as usize);
    let s = side.max(1) as usize;
    let cols: Vec<usize> = (0..s).map(|x| x * rw / s).collect();
    let ids = raster.ids();
    let mut out = vec![0u8; 3 * s * s];
    for y in 0..s {
        let row = (y * rh / s) * rw;
        let below = if y + 1 < s {
            Some(((y + 1) * rh / s) * rw)
        } else {
            None
        };
        for x in 0..s {
            let a = ids[row + cols[x]] as usize;
            let mut c = fill[a];
            let mut edge = |b: usize| {
                if cell[a] != cell[b] {
                    c = if older[a] != older[b] {
                        old_cut
                    } else {
                        new_cut
                    };
                }
            };
            if x + 1 < s {
                edge(ids[row + cols[x + 1]] as usize);
            }
            if let Some(b) = below {
                edge(ids[b + cols[x]] as usize);
            }
            out[3 * (y * s + x)..3 * (y * s + x) + 3].copy_from_slice(&[c.0, c.1, c.2]);
        }
    }
    out
}

/// Where the partition's square sits: `(x0, y0, side)` in the root's pixels.
pub(super) fn square_frame(root_w: f64, root_h: f64, scale: f64) -> (f64, f64, f64) {
    let (pw, ph) = if theme::stacked(root_w / scale) {
        (root_w, (root_h * SHARE).floor())
    } else {
        ((root_w * SHARE).floor(), root_h)
    };
    let top = 30.0 * scale;
    let bottom = 44.0 * scale;
    let side = (ph - top - bottom).min(pw - 16.0 * scale).max(10.0 * scale);
    (((pw - side) / 2.0).floor(), top, side.floor())
}

/// A pale tint for a region, stable across frames for the same pattern.
fn tint(pattern: &crate::math::relu::ActivationPattern) -> RGBColor {
    const BASE: [RGBColor; 6] = [
        theme::SKY,
        theme::ORANGE,
        theme::GREEN,
        theme::PURPLE,
        RGBColor(240, 228, 66),
        theme::BLUE,
    ];
    // FNV-1a over the pattern's words.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for l in 0..pattern.layers() {
        for b in pattern.layer(l).to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let c = BASE[(h % BASE.len() as u64) as usize];
    let pale = |v: u8| (255.0 - (255.0 - v as f64) * 0.2).round() as u8;
    RGBColor(pale(c.0), pale(c.1), pale(c.2))
}

/// `a·x + b·y + c` with signs written out: `1.2·x − 0.45·y + 0.1`.
pub(super) fn affine_text(f: &Affine) -> String {
    let term = |v: f64, first: bool| {
        let s = short(v.abs(), 3);
        match (first, v < 0.0) {
            (true, false) => s,
            (true, true) => format!("−{s}"),
            (false, false) => format!(" + {s}"),
            (false, true) => format!(" − {s}"),
        }
    };
    format!(
        "{}·x{}·y{}",
        term(f.a, true),
        term(f.b, false),
        term(f.c, false)
    )
}

/// The architecture as `2-16-16-16-1`.
fn architecture(depth: u32, width: u32, outputs: usize) -> String {
    let mut s = "2".to_string();
    for _ in 0..depth {
        s.push_str(&format!("-{width}"));
    }
    s.push_str(&format!("-{outputs}"));
    s
}

/// A point on the own-points grid, inside the window.
fn snap(p: [f64; 2]) -> [f64; 2] {
    let w = Window::DEFAULT;
    let q =
        |v: f64, lo: f64, hi: f64| ((v.clamp(lo, hi) / OWN_GRID).round() * OWN_GRID).clamp(lo, hi);
    [q(p[0], w.xmin(), w.xmax()), q(p[1], w.ymin(), w.ymax())]
}

/// Writes own points for a link: `a0.12_-0.5b0.3_0.7` (class letter, x, `_`, y; the class
/// letter starts each point; every character is one a URL keeps as it is).
pub fn format_points(points: &[Sample]) -> String {
    points
        .iter()
        .map(|s| {
            let letter = CLASS_CHOICES[s.class.min(3)].0;
            format!("{letter}{}_{}", s.point[0], s.point[1])
        })
        .collect::<Vec<_>>()
        .join("")
}

/// Splits a point list into one token per point: at separators (`~ * , ;` and spaces, which
/// hand-written lists may use) and before every class letter.
fn point_tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    for piece in text.split(['~', '*', ',', ';', ' ']) {
        let mut start = 0;
        for (i, c) in piece.char_indices() {
            if i > start && matches!(c.to_ascii_lowercase(), 'a'..='d') {
                tokens.push(&piece[start..i]);
                start = i;
            }
        }
        tokens.push(&piece[start..]);
    }
    tokens.retain(|t| !t.is_empty());
    tokens
}

/// Reads own points from a link, never failing: tokens that do not parse are skipped,
/// coordinates are snapped into the window, and at most [`MAX_OWN_POINTS`] are kept. Returns
/// the points and, when anything was adjusted, a message saying what.
pub fn parse_points(text: &str) -> (Vec<Sample>, Option<String>) {
    let mut points = Vec::new();
    let (mut bad, mut moved, mut extra) = (0usize, 0usize, 0usize);
    let w = Window::DEFAULT;
    for token in point_tokens(text) {
        let mut chars = token.chars();
        let class = chars.next().and_then(|c| {
            CLASS_CHOICES
                .iter()
                .position(|(k, _)| k.starts_with(c.to_ascii_lowercase()))
        });
        let coords: Vec<Option<f64>> = chars
            .as_str()
            .split('_')
            .map(|v| v.parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect();
        match (class, coords.as_slice()) {
            (Some(class), [Some(x), Some(y)]) => {
                if points.len() >= MAX_OWN_POINTS {
                    extra += 1;
                    continue;
                }
                let p = snap([*x, *y]);
                if !w.contains([*x, *y]) {
                    moved += 1;
                }
                points.push(Sample { point: p, class });
            }
            _ => bad += 1,
        }
    }
    let mut notes = Vec::new();
    if bad > 0 {
        notes.push(format!(
            "{bad} point{} could not be read (write each as a class letter a–d, then x, \
             _, y) and {} skipped",
            if bad == 1 { "" } else { "s" },
            if bad == 1 { "was" } else { "were" }
        ));
    }
    if moved > 0 {
        notes.push(format!(
            "{moved} point{} outside the square [−1.2, 1.2]² {} moved to its edge",
            if moved == 1 { "" } else { "s" },
            if moved == 1 { "was" } else { "were" }
        ));
    }
    if extra > 0 {
        notes.push(format!(
            "only the first {MAX_OWN_POINTS} points are kept; {extra} more were dropped"
        ));
    }
    (points, (!notes.is_empty()).then(|| notes.join("; ")))
}

/// Own points as a data set: every [`OWN_TEST_EVERY`]-th point added is a test point, so a
/// point stays train or test however many are added after it.
fn own_dataset(points: &[Sample]) -> Dataset {
    let mut d = Dataset {
        train: Vec::new(),
        test: Vec::new(),
        classes: 2,
    };
    for (i, s) in points.iter().enumerate() {
        d.classes = d.classes.max(s.class.min(3) + 1);
        if i % OWN_TEST_EVERY == OWN_TEST_EVERY - 1 {
            d.test.push(*s);
        } else {
            d.train.push(*s);
        }
    }
    d
}

impl ReluFigure {
    fn train_config(&self) -> TrainConfig {
        let lr = self.params.learning_rate;
        TrainConfig {
            optimizer: self.params.optimizer.optimizer(lr),
            batch_size: BATCH,
            l2: self.params.l2.coefficient(),
            seed: self.params.seed as u64,
        }
    }

    /// A fresh network from the seed (a different stream from the data's).
    fn fresh_net(&self) -> Result<ReluNet, String> {
        let hidden = vec![self.params.width as usize; self.params.depth as usize];
        ReluNet::random(
            &hidden,
            self.data.classes,
            (self.params.seed as u64).wrapping_add(0x9e37_79b9),
        )
        .map_err(|e| e.to_string())
    }

    /// Regenerates the data and the network (data set, noise, seed or architecture changed).
    fn rebuild(&mut self) {
        let Some(kind) = self.params.dataset.kind() else {
            self.data = own_dataset(&self.own);
            self.setup_error = None;
            self.after_data_change();
            self.reinitialise();
            return;
        };
        let spec = DatasetSpec {
            kind,
            points: POINTS,
            noise: self.params.noise,
            test_fraction: TEST_FRACTION,
            seed: self.params.seed as u64,
        };
        match Dataset::generate(&spec) {
            Ok(d) => {
                self.data = d;
                self.setup_error = None;
            }
            Err(e) => {
                self.data = Dataset {
                    train: Vec::new(),
                    test: Vec::new(),
                    classes: 2,
                };
                self.setup_error = Some(e.to_string());
            }
        }
        self.after_data_change();
        self.reinitialise();
    }

    /// Whether the data are the reader's own points.
    fn is_own(&self) -> bool {
        self.params.dataset == DataChoice::Own
    }

    /// Derived data: the points for the partition, and the training hull and which test
    /// points lie in it.
    fn after_data_change(&mut self) {
        self.train_points = self.data.train.iter().map(|s| s.point).collect();
        self.hull_outline = convex_polygon(&self.train_points);
        self.inside_hull = if self.data.train.is_empty() {
            Ok(Vec::new())
        } else {
            hull_membership(&self.data.train, &self.data.test).map_err(|e| e.to_string())
        };
        self.hull_split = None;
    }

    /// The own points changed: new data; training goes on from the current weights when the
    /// number of classes is unchanged, else starts from a fresh network.
    fn own_points_changed(&mut self) {
        self.data = own_dataset(&self.own);
        self.after_data_change();
        let classes = self.data.classes;
        let net = match self.trainer.take() {
            Some(t) => {
                self.steps_before += t.steps();
                Some(t.into_net())
            }
            None => self.idle_net.take(),
        };
        match net.filter(|n| n.classes() == classes && self.divergence.is_none()) {
            Some(net) if self.data.train.is_empty() => {
                self.idle_net = Some(net);
                self.play = None;
                self.repartition();
            }
            Some(net) => match Trainer::new(net, self.data.train.clone(), self.train_config()) {
                Ok(t) => {
                    self.trainer = Some(t);
                    self.repartition();
                }
                Err(e) => {
                    self.setup_error = Some(e.to_string());
                    self.repartition();
                }
            },
            None => self.reinitialise(),
        }
    }

    /// A fresh network and trainer on the current data (Reset).
    fn reinitialise(&mut self) {
        self.play = None;
        self.worker.forget();
        self.steps_before = 0;
        self.divergence = None;
        self.batch_loss = None;
        self.history.clear();
        self.trainer = None;
        self.idle_net = None;
        if self.setup_error.is_some() && self.data.train.is_empty() {
            self.repartition();
            return;
        }
        if self.data.train.is_empty() {
            // No points yet: show the untrained network's partition.
            match self.fresh_net() {
                Ok(net) => self.idle_net = Some(net),
                Err(e) => self.setup_error = Some(e),
            }
            self.repartition();
            return;
        }
        let made = self.fresh_net().and_then(|net| {
            Trainer::new(net, self.data.train.clone(), self.train_config())
                .map_err(|e| e.to_string())
        });
        match made {
            Ok(t) => {
                self.trainer = Some(t);
                self.setup_error = None;
            }
            Err(e) => self.setup_error = Some(e),
        }
        self.repartition();
    }

    /// A new trainer with the current weights (optimizer, learning rate or L2 changed).
    fn retrain_config(&mut self) {
        let Some(old) = self.trainer.take() else {
            self.reinitialise();
            return;
        };
        let done = old.steps();
        let net = old.into_net();
        match Trainer::new(net, self.data.train.clone(), self.train_config()) {
            Ok(t) => {
                self.steps_before += done;
                self.trainer = Some(t);
                self.divergence = None;
                self.play = None;
            }
            Err(e) => {
                self.setup_error = Some(e.to_string());
            }
        }
        self.repartition();
    }

    /// Optimizer steps done so far.
    fn steps(&self) -> u64 {
        self.steps_before + self.trainer.as_ref().map_or(0, |t| t.steps())
    }

    /// Trains up to `n` steps; returns false when training diverged (now or before).
    fn train(&mut self, n: u64) -> bool {
        let Some(t) = self.trainer.as_mut() else {
            return false;
        };
        for _ in 0..n {
            match t.step() {
                Ok(r) => self.batch_loss = Some(r.loss),
                Err(TrainError::Diverged(d)) => {
                    self.divergence = Some(d);
                    self.play = None;
                    return false;
                }
                Err(e) => {
                    self.setup_error = Some(e.to_string());
                    self.play = None;
                    return false;
                }
            }
        }
        true
    }

    /// The number of hidden layers whose partition is shown.
    fn shown_layers(&self) -> usize {
        (self.params.layer.clamp(1, self.params.depth.max(1))) as usize
    }

    /// Recomputes the partitions, the metrics and the selection for the current network.
    fn repartition(&mut self) {
        // Field by field (not `self.net()`), so the other fields stay assignable.
        let net = match (&self.trainer, &self.idle_net) {
            (Some(t), _) => t.net(),
            (None, Some(n)) => n,
            (None, None) => {
                self.worker.offloaded = false;
                self.full = None;
                self.view = None;
                self.metrics = None;
                self.selected_index = None;
                self.hover_index = None;
                self.hull_split = None;
                return;
            }
        };
        // Too big by the worker's latest count for this architecture: skip the attempt (the
        // weights, or the data, changed since, but the counts change slowly).
        if let Some(fit) = self.hinted_fit() {
            self.offload(Some(fit));
            return;
        }
        let full = tessellate(
            net,
            &Window::DEFAULT,
            &self.train_points,
            &TessellateOptions {
                layers: None,
                max_regions: self.worker.main_limit.min(MAX_REGIONS),
            },
        );
        if self.worker.main_limit < MAX_REGIONS {
            if let Err(TessellateError::TooManyRegions { .. }) = &full {
                // Too big to partition and draw within a frame: the worker counts it. (The
                // error's layer is not the last one that fits: the partition is built depth
                // first, so the deepest layer usually overflows first.)
                self.offload(None);
                return;
            }
        }
        self.worker.offloaded = false;
        let shown = self.shown_layers();
        self.view = (shown < net.depth()).then(|| {
            tessellate(
                net,
                &Window::DEFAULT,
                &self.train_points,
                &TessellateOptions {
                    layers: Some(shown),
                    max_regions: MAX_REGIONS,
                },
            )
        });
        // The earlier layers' edges are drawn grey only where the cells are big enough to see
        // them; above FILL_LIMIT that partition is not worth its cost (up to half the time).
        let shown_len = match (&self.view, &full) {
            (Some(Ok(v)), _) => v.len(),
            (None, Ok(f)) => f.len(),
            _ => usize::MAX,
        };
        self.prev = (shown >= 2 && shown_len <= FILL_LIMIT)
            .then(|| {
                tessellate(
                    net,
                    &Window::DEFAULT,
                    &[],
                    &TessellateOptions {
                        layers: Some(shown - 1),
                        max_regions: MAX_REGIONS,
                    },
                )
                .ok()
            })
            .flatten();
        let split = match &self.inside_hull {
            Ok(inside) if !self.data.test.is_empty() && !self.data.train.is_empty() => {
                Some(split_accuracy(net, &self.data.test, inside))
            }
            _ => None,
        };
        self.metrics = self
            .trainer
            .as_ref()
            .map(|t| (t.evaluate(&self.data.train), t.evaluate(&self.data.test)));
        self.hull_split = split;
        let step = self.steps();
        if let Ok(f) = &full {
            match self.history.last_mut() {
                Some(last) if last.0 == step => last.1 = f.len(),
                _ => self.history.push((step, f.len())),
            }
            if self.history.len() > HISTORY_MAX {
                // Keep the first entry and every other one after it.
                let thinned: Vec<(u64, usize)> = self
                    .history
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % 2 == 0 || *i == self.history.len() - 1)
                    .map(|(_, &h)| h)
                    .collect();
                self.history = thinned;
            }
        }
        self.full = Some(full);
        self.relocate();
    }

    /// The partition drawn: the per-layer view when fewer layers are shown, else the full one.
    fn shown(&self) -> Option<&Tessellation> {
        match (&self.view, &self.full) {
            (Some(v), _) => v.as_ref().ok(),
            (None, Some(f)) => f.as_ref().ok(),
            _ => None,
        }
    }

    /// The error of the shown partition, if it failed.
    fn shown_error(&self) -> Option<&TessellateError> {
        match (&self.view, &self.full) {
            (Some(Err(e)), _) | (None, Some(Err(e))) => Some(e),
            _ => None,
        }
    }

    fn relocate(&mut self) {
        if let Some(pic) = self.picture() {
            let selected = self.selected.and_then(|p| Self::picture_index(pic, p));
            let hover = self.hover.and_then(|p| Self::picture_index(pic, p));
            self.selected_index = selected;
            self.hover_index = hover;
            return;
        }
        self.selected_index = match (self.selected, self.shown()) {
            (Some(p), Some(t)) => t.locate(p),
            _ => None,
        };
        self.hover_index = match (self.hover, self.shown()) {
            (Some(p), Some(t)) => t.locate(p),
            _ => None,
        };
    }

    /// The region the caption describes: the hovered one, else the selected one.
    fn focus(&self) -> Option<usize> {
        self.hover_index.or(self.selected_index)
    }

    /// World coordinates of a pointer position, if it is on the square.
    fn world_of(p: &Pointer) -> Option<[f64; 2]> {
        let (x0, y0, side) = square_frame(p.width, p.height, 1.0);
        let (u, v) = ((p.x - x0) / side, (p.y - y0) / side);
        if !(0.0..=1.0).contains(&u) || !(0.0..=1.0).contains(&v) {
            return None;
        }
        let w = Window::DEFAULT;
        Some([
            w.xmin() + u * (w.xmax() - w.xmin()),
            w.ymax() - v * (w.ymax() - w.ymin()),
        ])
    }

    /// Adds an own point of the selected class at `p` (snapped to the grid).
    fn add_point(&mut self, p: [f64; 2]) -> Response {
        if self.own.len() >= MAX_OWN_POINTS {
            self.edit_note = Some(format!(
                "There are already {MAX_OWN_POINTS} points, the most a link can carry; \
                 remove some first."
            ));
            return Response::PARAMS;
        }
        let class = self.params.class.min(3);
        let q = snap(p);
        self.own.push(Sample { point: q, class });
        let test = self.own.len() % OWN_TEST_EVERY == 0;
        self.edit_note = Some(format!(
            "Added a {} point of class {} at ({}, {}); {} point{} now.",
            if test { "test" } else { "training" },
            self.class_word(class),
            short(q[0], 2),
            short(q[1], 2),
            self.own.len(),
            if self.own.len() == 1 { "" } else { "s" }
        ));
        self.own_points_changed();
        Response::PARAMS
    }

    /// Removes own point `i`.
    fn remove_point(&mut self, i: usize) -> Response {
        if i >= self.own.len() {
            return Response::NONE;
        }
        let s = self.own.remove(i);
        self.edit_note = Some(format!(
            "Removed the class {} point at ({}, {}); {} point{} left.",
            self.class_word(s.class),
            short(s.point[0], 2),
            short(s.point[1], 2),
            self.own.len(),
            if self.own.len() == 1 { "" } else { "s" }
        ));
        self.own_points_changed();
        Response::PARAMS
    }

    /// The own point nearest to `p` within `radius`.
    fn nearest_point(&self, p: [f64; 2], radius: f64) -> Option<usize> {
        self.own
            .iter()
            .enumerate()
            .map(|(i, s)| (i, (s.point[0] - p[0]).hypot(s.point[1] - p[1])))
            .filter(|&(_, d)| d <= radius)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// The keyboard path for own points: arrows move a cursor, Enter adds, Delete removes,
    /// 1–4 pick the class. `None` for keys it does not handle.
    fn own_key(&mut self, key: &str) -> Option<Response> {
        let w = Window::DEFAULT;
        let mv = |d: [f64; 2], c: Option<[f64; 2]>| {
            let c = c.unwrap_or([0.0, 0.0]);
            snap([c[0] + d[0] * CURSOR_STEP, c[1] + d[1] * CURSOR_STEP])
        };
        let moved = match key {
            "ArrowLeft" => Some([-1.0, 0.0]),
            "ArrowRight" => Some([1.0, 0.0]),
            "ArrowUp" => Some([0.0, 1.0]),
            "ArrowDown" => Some([0.0, -1.0]),
            _ => None,
        };
        if let Some(d) = moved {
            let next = if self.cursor.is_none() {
                [0.0, 0.0]
            } else {
                mv(d, self.cursor)
            };
            if !w.contains(next) || self.cursor == Some(next) {
                return Some(Response::NONE);
            }
            self.cursor = Some(next);
            self.select_point(Some(next));
            return Some(Response::PARAMS);
        }
        match key {
            "Enter" | " " => {
                let at = *self.cursor.get_or_insert([0.0, 0.0]);
                let r = self.add_point(at);
                self.select_point(Some(at));
                Some(r)
            }
            "Delete" | "Backspace" => {
                let at = self.cursor.unwrap_or([0.0, 0.0]);
                match self.nearest_point(at, 0.25) {
                    Some(i) => Some(self.remove_point(i)),
                    None => {
                        self.edit_note = Some(if self.own.is_empty() {
                            "There are no points to remove.".to_string()
                        } else {
                            "No point within 0.25 of the cursor; move it next to the point \
                             to remove."
                                .to_string()
                        });
                        Some(Response::PARAMS)
                    }
                }
            }
            "1" | "2" | "3" | "4" => {
                let k = key.parse::<usize>().unwrap_or(1) - 1;
                if k == self.params.class {
                    return Some(Response::NONE);
                }
                self.params.class = k;
                Some(Response::PARAMS)
            }
            _ => None,
        }
    }

    /// Keys on the worker's picture: arrows cross to the neighbouring cell of the layers
    /// shown (past the exact region's edge), n / p step through the cells in the worker's
    /// order.
    fn picture_key(&mut self, key: &str, dir: Option<[f64; 2]>) -> Response {
        let Some(pic) = self.picture() else {
            return Response::NONE;
        };
        let layers = self.shown_layers();
        let same = |a: usize, b: usize| {
            (0..layers).all(|l| pic.raster.word(a, l) == pic.raster.word(b, l))
        };
        if let Some(d) = dir {
            let Some(p) = self.selected.filter(|_| self.selected_index.is_some()) else {
                return self.select_point(Some([0.0, 0.0]));
            };
            let Some(r) = region_at(&pic.net, &Window::DEFAULT, layers, p) else {
                return Response::NONE;
            };
            let c = r.centroid();
            let n = r.polygon.len();
            let mut exit = f64::INFINITY;
            for k in 0..n {
                let (a, b) = (r.polygon[k], r.polygon[(k + 1) % n]);
                let nrm = [b[1] - a[1], a[0] - b[0]];
                let along = nrm[0] * d[0] + nrm[1] * d[1];
                if along > 0.0 {
                    let t = (nrm[0] * (a[0] - c[0]) + nrm[1] * (a[1] - c[1])) / along;
                    exit = exit.min(t.max(0.0));
                }
            }
            let w = Window::DEFAULT;
            let eps = 1e-6 * (w.xmax() - w.xmin());
            let q = [c[0] + d[0] * (exit + eps), c[1] + d[1] * (exit + eps)];
            if !exit.is_finite() || !w.contains(q) {
                return Response::NONE;
            }
            return self.select_point(Some(q));
        }
        let count = pic.raster.len();
        let step_to = |from: Option<usize>, forward: bool| -> usize {
            let start = from.unwrap_or(if forward { count - 1 } else { 0 });
            let mut j = start;
            for _ in 0..count {
                j = if forward {
                    (j + 1) % count
                } else {
                    (j + count - 1) % count
                };
                if from.is_none() || !same(j, start) {
                    // The first region of the cell in this direction's order.
                    break;
                }
            }
            j
        };
        let target = match key {
            "n" | "N" => step_to(self.selected_index, true),
            "p" | "P" => step_to(self.selected_index, false),
            "Escape" => {
                self.cursor = None;
                return self.select_point(None);
            }
            _ => return Response::NONE,
        };
        let c = pic.raster.centroid(target);
        self.select_point(Some(c))
    }

    /// The selection text on the worker's picture: the exact region rebuilt from the
    /// snapshot's weights.
    fn picture_selection_text(&self) -> Option<String> {
        let (pic, r, _) = self.picture_focus()?;
        let layers = self.shown_layers();
        let width = self.params.width;
        let cells = self
            .worker
            .live
            .as_ref()
            .filter(|l| l.id == pic.id)
            .and_then(|l| l.per_layer.get(layers - 1).copied())
            .unwrap_or_else(|| pic.raster.cells_after(layers));
        let on: Vec<String> = (0..layers)
            .map(|l| format!("{}/{}", r.pattern.layer(l).count_ones(), width))
            .collect();
        let c = r.centroid();
        let mut s = format!(
            "{} region (around x = {}, y = {}), one of {} after layer {} of {} at step {} \
             (the worker's picture): activation pattern {} (units on per layer: {}).",
            if self.hover_index.is_some() {
                "Hovered"
            } else {
                "Selected"
            },
            short(c[0], 2),
            short(c[1], 2),
            thousands(cells as i64),
            layers,
            self.params.depth,
            thousands(pic.step as i64),
            r.pattern,
            on.join(", ")
        );
        if layers == self.params.depth as usize {
            s.push_str(&self.maps_text(&r.maps));
        } else {
            let pieces = (0..pic.raster.len())
                .filter(|&i| (0..layers).all(|l| pic.raster.word(i, l) == r.pattern.layer(l)))
                .count();
            s.push_str(&format!(
                " Here the first {layers} layers are one affine map; the remaining layers cut \
                 this cell into {} final regions.",
                thousands(pieces as i64)
            ));
        }
        let w = Window::DEFAULT;
        let tol = 1e-12 * (w.xmax() - w.xmin());
        let mut per_class = [0usize; 4];
        let mut inside = 0usize;
        for sample in &self.data.train {
            if r.contains(sample.point, tol) {
                per_class[sample.class.min(3)] += 1;
                inside += 1;
            }
        }
        s.push_str(&self.area_points_text(r.area, inside, &per_class));
        Some(s)
    }

    /// The affine map(s) of a complete region, as a sentence.
    fn maps_text(&self, maps: &[Affine]) -> String {
        if maps.len() == 1 {
            format!(
                " On it the network is one affine map: logit z = {} (class {} where z > 0, {} \
                 where z < 0).",
                affine_text(&maps[0]),
                CLASS_NAMES[1],
                CLASS_NAMES[0]
            )
        } else {
            let maps: Vec<String> = maps
                .iter()
                .enumerate()
                .map(|(k, m)| format!("z{} = {}", CLASS_NAMES[k.min(3)], affine_text(m)))
                .collect();
            format!(
                " On it the network is one affine map per class: {} (the largest wins).",
                maps.join("; ")
            )
        }
    }

    /// A region's area and the training points in it, as a sentence.
    fn area_points_text(&self, area: f64, points: usize, per_class: &[usize; 4]) -> String {
        let counts: Vec<String> = (0..self.classes())
            .filter(|&k| per_class[k] > 0)
            .map(|k| format!("{} {}", per_class[k], CLASS_NAMES[k]))
            .collect();
        format!(
            " Area {} ({} of the window); it holds {} training point{}{}.",
            number(area, 3),
            percent(area / Window::DEFAULT.area()),
            points,
            if points == 1 { "" } else { "s" },
            if counts.is_empty() {
                String::new()
            } else {
                format!(" ({})", counts.join(", "))
            }
        )
    }

    /// Where the picture of the whole partition comes from and how fresh it is, for the
    /// caption (the end of a sentence).
    fn picture_text(&self, pic: &Picture, playing: bool) -> String {
        let behind = self.steps().saturating_sub(pic.step);
        let r = &pic.raster;
        let mut s = format!(
            "the picture is that exact partition at step {}, computed by the background \
             worker and drawn as {} × {} pixels (counts, areas, maps and the decision \
             boundary are exact; the pixels are for display)",
            thousands(pic.step as i64),
            r.width(),
            r.height()
        );
        if playing {
            s.push_str(&format!(
                "; while the network trains it is redrawn as each snapshot arrives, now {} \
                 step{} behind the training.",
                thousands(behind as i64),
                if behind == 1 { "" } else { "s" }
            ));
        } else if behind > 0 {
            s.push_str(&format!(
                "; the weights have moved on {} step{} since, and the worker is redrawing it.",
                thousands(behind as i64),
                if behind == 1 { "" } else { "s" }
            ));
        } else {
            s.push('.');
        }
        s
    }

    fn select_point(&mut self, p: Option<[f64; 2]>) -> Response {
        let before = (self.selected, self.selected_index);
        self.selected = p;
        self.relocate();
        if self.selected_index.is_none() {
            self.selected = None;
        }
        if (self.selected, self.selected_index) == before {
            Response::NONE
        } else {
            // The caption changes with the selection; PARAMS makes the page rewrite it.
            Response::PARAMS
        }
    }

    fn select_index(&mut self, i: usize) -> Response {
        let Some(c) = self
            .shown()
            .filter(|t| i < t.len())
            .map(|t| t.region(i).centroid())
        else {
            return Response::NONE;
        };
        self.select_point(Some(c))
    }

    /// The region across the edge of the selected one in direction `dir`.
    fn neighbour(&self, dir: [f64; 2]) -> Option<usize> {
        let t = self.shown()?;
        let i = self.selected_index?;
        let r = t.region(i);
        let c = r.centroid();
        let n = r.polygon.len();
        let mut exit = f64::INFINITY;
        for k in 0..n {
            let a = r.polygon[k];
            let b = r.polygon[(k + 1) % n];
            // Outward normal of a counter-clockwise polygon's edge.
            let nrm = [b[1] - a[1], a[0] - b[0]];
            let along = nrm[0] * dir[0] + nrm[1] * dir[1];
            if along > 0.0 {
                let d = (nrm[0] * (a[0] - c[0]) + nrm[1] * (a[1] - c[1])) / along;
                exit = exit.min(d.max(0.0));
            }
        }
        if !exit.is_finite() {
            return None;
        }
        let w = t.window();
        let eps = 1e-6 * (w.xmax() - w.xmin());
        let p = [c[0] + dir[0] * (exit + eps), c[1] + dir[1] * (exit + eps)];
        t.locate(p).filter(|&j| j != i)
    }

    fn classes(&self) -> usize {
        self.data.classes.clamp(2, 4)
    }

    fn class_word(&self, k: usize) -> String {
        let k = k.min(3);
        format!("{} ({})", CLASS_NAMES[k], CLASS_SHAPES[k])
    }

    fn layer_counts_text(&self, f: &Tessellation) -> String {
        f.per_layer()
            .iter()
            .enumerate()
            .map(|(l, n)| format!("{} after layer {}", thousands(*n as i64), l + 1))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Data set, noise and optimizer in a few words.
    fn settings_text(&self) -> String {
        self.settings_lines().join("; ")
    }

    /// The settings as two short lines: data, then training.
    fn settings_lines(&self) -> [String; 2] {
        let data = self.params.dataset.label();
        let opt = match self.params.optimizer {
            OptimizerChoice::Adam => "Adam",
            OptimizerChoice::Sgd => "SGD with momentum",
        };
        let l2 = match self.params.l2 {
            L2Penalty::Off => "no L2 penalty".to_string(),
            l2 => format!("L2 penalty {}", l2.label()),
        };
        [
            if self.is_own() {
                format!(
                    "{data}: {} training, {} test",
                    self.data.train.len(),
                    self.data.test.len()
                )
            } else {
                format!("{data}, noise {}", short(self.params.noise, 2))
            },
            format!(
                "{opt}, learning rate {}, {l2}",
                short(self.params.learning_rate, 3)
            ),
        ]
    }

    fn bound(&self) -> f64 {
        let hidden = vec![self.params.width as usize; self.params.depth as usize];
        serra_bound(&hidden, 2)
    }

    /// The number of linear regions of the window after each hidden layer of the current
    /// network (the caption's counts), when the partition is known.
    pub fn regions_per_layer(&self) -> Option<Vec<usize>> {
        match (&self.full, &self.worker.live) {
            (Some(Ok(f)), _) => Some(f.per_layer().to_vec()),
            (None, Some(l)) if l.error.is_none() => Some(l.per_layer.clone()),
            _ => None,
        }
    }

    /// How many test points lie inside and how many outside the convex hull of the training
    /// points (independent of the network), when that could be decided.
    pub fn test_hull_split(&self) -> Option<(usize, usize)> {
        let inside = self.inside_hull.as_ref().ok()?;
        let n = inside.iter().filter(|&&b| b).count();
        Some((n, inside.len() - n))
    }

    fn divergence_text(&self, d: &Divergence) -> String {
        let cause = match d.cause {
            DivergenceCause::LossExploded(l) => {
                format!("the loss exploded to {}", number(l, 2))
            }
            DivergenceCause::LossInfinite => "the loss became infinite".to_string(),
            DivergenceCause::LossNan => "the loss became NaN (not a number)".to_string(),
            DivergenceCause::WeightsNotFinite => {
                "an update made a weight infinite or NaN".to_string()
            }
        };
        format!(
            "Training diverged at step {}: {cause}. The steps were too large for this \
             network (learning rate {}); the picture shows the network just before. Lower the \
             learning rate or press Reset weights.",
            thousands(d.step as i64),
            short(self.params.learning_rate, 3)
        )
    }

    /// Test accuracy as a percentage, or why there is none.
    fn test_accuracy_text(&self, accuracy: f64) -> String {
        if self.data.test.is_empty() {
            "– (no test points yet)".to_string()
        } else {
            percent(accuracy)
        }
    }

    /// What the reader's own points allow, when they are the data.
    fn own_status(&self) -> Option<String> {
        if !self.is_own() {
            return None;
        }
        let class = self.class_word(self.params.class);
        if self.own.is_empty() {
            return Some(format!(
                "No points yet: click or tap the square to add a point of class {class} (or \
                 focus the figure, move the cursor with the arrow keys and press Enter). \
                 Every {OWN_TEST_EVERY}th point is held out as a test point."
            ));
        }
        let mut present = [false; 4];
        for p in &self.data.train {
            present[p.class.min(3)] = true;
        }
        let kinds = present.iter().filter(|&&b| b).count();
        if kinds < 2 {
            let only = present.iter().position(|&b| b).unwrap_or(0);
            return Some(if self.data.train.is_empty() {
                format!(
                    "The only point is a test point; add more (class {class} is selected) to \
                     give the network something to train on."
                )
            } else {
                format!(
                    "All training points are class {}: there is nothing to separate, so the \
                     network learns to answer {} everywhere. Add points of another class \
                     (choose it under Class of new points, or press 1–4).",
                    CLASS_NAMES[only], CLASS_NAMES[only]
                )
            });
        }
        None
    }

    /// Accuracy inside vs outside the training hull, in a sentence.
    fn hull_text(&self) -> Option<String> {
        if let Err(e) = &self.inside_hull {
            return Some(format!("The training hull could not be computed: {e}."));
        }
        let h = self.hull_split?;
        let total = h.inside + h.outside;
        let part = |n: usize, acc: Option<f64>| match acc {
            Some(a) => format!("{} (the network is right on {})", n, percent(a)),
            None => "none".to_string(),
        };
        Some(format!(
            "Of the {total} test points, inside the convex hull of the training points: {}; \
             outside it: {}.",
            part(h.inside, h.inside_accuracy()),
            part(h.outside, h.outside_accuracy())
        ))
    }

    fn selection_text(&self) -> Option<String> {
        if self.picture().is_some() {
            return self.picture_selection_text();
        }
        let t = self.shown()?;
        let i = self.focus()?;
        let r = t.region(i);
        let layers = t.layers();
        let width = self.params.width;
        let on: Vec<String> = (0..layers)
            .map(|l| format!("{}/{}", r.pattern.layer(l).count_ones(), width))
            .collect();
        let mut s = format!(
            "{} region (around x = {}, y = {}), one of {} after layer {} of {}: \
             activation pattern {} (units on per layer: {}).",
            if self.hover_index.is_some() {
                "Hovered"
            } else {
                "Selected"
            },
            short(r.centroid()[0], 2),
            short(r.centroid()[1], 2),
            thousands(t.len() as i64),
            layers,
            self.params.depth,
            r.pattern,
            on.join(", ")
        );
        if t.is_complete() {
            if r.maps.len() == 1 {
                s.push_str(&format!(
                    " On it the network is one affine map: logit z = {} (class {} where \
                     z > 0, {} where z < 0).",
                    affine_text(&r.maps[0]),
                    CLASS_NAMES[1],
                    CLASS_NAMES[0]
                ));
            } else {
                let maps: Vec<String> = r
                    .maps
                    .iter()
                    .enumerate()
                    .map(|(k, m)| format!("z{} = {}", CLASS_NAMES[k.min(3)], affine_text(m)))
                    .collect();
                s.push_str(&format!(
                    " On it the network is one affine map per class: {} (the largest wins).",
                    maps.join("; ")
                ));
            }
        } else {
            // How many final regions the deeper layers cut this cell into.
            let pieces = match &self.full {
                Some(Ok(f)) => f
                    .regions()
                    .filter(|q| r.contains(q.centroid(), 1e-12))
                    .count(),
                _ => 0,
            };
            s.push_str(&format!(
                " Here the first {layers} layers are one affine map; the remaining layers cut \
                 this cell into {} final regions.",
                thousands(pieces as i64)
            ));
        }
        let mut per_class = [0usize; 4];
        for &k in r.points {
            if let Some(sample) = self.data.train.get(k) {
                per_class[sample.class.min(3)] += 1;
            }
        }
        let counts: Vec<String> = (0..self.classes())
            .filter(|&k| per_class[k] > 0)
            .map(|k| format!("{} {}", per_class[k], CLASS_NAMES[k]))
            .collect();
        s.push_str(&format!(
            " Area {} ({} of the window); it holds {} training point{}{}.",
            number(r.area, 3),
            percent(r.area / Window::DEFAULT.area()),
            r.points.len(),
            if r.points.len() == 1 { "" } else { "s" },
            if counts.is_empty() {
                String::new()
            } else {
                format!(" ({})", counts.join(", "))
            }
        ));
        Some(s)
    }

    fn draw_partition<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        root_dim: (u32, u32),
        th: &Theme,
    ) -> DrawResult {
        let outputs = if self.classes() == 2 {
            1
        } else {
            self.classes()
        };
        let arch = architecture(self.params.depth, self.params.width, outputs);
        let pic = self.picture();
        let title = match (self.shown(), &self.view) {
            _ if pic.is_some() => {
                let l = self.shown_layers();
                let cells = self
                    .worker
                    .live
                    .as_ref()
                    .and_then(|s| s.per_layer.get(l - 1).copied())
                    .unwrap_or(0);
                let step = pic.map_or(0, |p| p.step);
                if l < self.params.depth as usize {
                    format!(
                        "{arch}: after layer {l} of {}, {} regions (step {})",
                        self.params.depth,
                        thousands(cells as i64),
                        thousands(step as i64)
                    )
                } else {
                    format!(
                        "{arch}: {} linear regions (step {})",
                        thousands(cells as i64),
                        thousands(step as i64)
                    )
                }
            }
            (Some(t), Some(_)) => format!(
                "{arch}: after layer {} of {}, {} regions",
                t.layers(),
                self.params.depth,
                thousands(t.len() as i64)
            ),
            (Some(t), None) => format!("{arch}: {} linear regions", thousands(t.len() as i64)),
            _ => arch,
        };
        theme::panel_title(area, th, &title)?;
        let (x0, y0, side) = square_frame(root_dim.0 as f64, root_dim.1 as f64, th.scale);
        let sq = area.clone().shrink(
            (x0 as i32, y0 as i32),
            (side.max(1.0) as u32, side.max(1.0) as u32),
        );
        let w = Window::DEFAULT;
        let mut chart =
            ChartBuilder::on(&sq).build_cartesian_2d(w.xmin()..w.xmax(), w.ymin()..w.ymax())?;
        let poly = |p: &[[f64; 2]]| p.iter().map(|v| (v[0], v[1])).collect::<Vec<_>>();
        let closed = |p: &[[f64; 2]]| {
            let mut v = poly(p);
            if let Some(&first) = v.first() {
                v.push(first);
            }
            v
        };
        let mut message: Option<String> = None;
        self.worker.drawn_side.set(side.max(1.0) as u32);
        match self.shown() {
            _ if pic.is_some() => {
                // The worker's raster of the whole partition, coloured for the layers shown
                // (cached: recoloured only when the picture, the layer or the size changes).
                let pic = pic.expect("guarded");
                let px = side.max(1.0) as u32;
                let key = PictureKey {
                    request: pic.id,
                    layers: self.shown_layers(),
                    side: px,
                };
                let mut cache = self.worker.coloured.borrow_mut();
                if cache.as_ref().map(|c| c.key) != Some(key) {
                    let many = self
                        .worker
                        .live
                        .as_ref()
                        .and_then(|s| s.per_layer.get(self.shown_layers() - 1))
                        .is_some_and(|&n| n > FILL_LIMIT);
                    let (new_cut, old_cut) = if many {
                        (RGBColor(200, 140, 185), RGBColor(185, 185, 185))
                    } else {
                        (NEW_CUT, RGBColor(135, 135, 135))
                    };
                    let rgb = colour_raster(&pic.raster, self.shown_layers(), px, new_cut, old_cut);
                    *cache = Some(ColouredPicture { key, rgb });
                }
                if let Some(c) = cache.as_ref() {
                    sq.draw(&Bitmap {
                        at: (0, 0),
                        size: (px, px),
                        rgb: &c.rgb,
                    })?;
                }
            }
            Some(t) => {
                // Thousands of tiny cells read as texture: above FILL_LIMIT only the edges
                // are drawn (half the canvas calls).
                if t.len() <= FILL_LIMIT {
                    chart.draw_series(
                        t.regions()
                            .map(|r| Polygon::new(poly(r.polygon), tint(&r.pattern).filled())),
                    )?;
                }
                // Every edge in the colour of the last shown layer's cuts, then the edges of
                // the partition one layer earlier over them in grey: what stays coloured is
                // what that layer added, straight inside each earlier cell and bent at its
                // edges.
                let (new_cut, old_cut) = if t.len() <= FILL_LIMIT {
                    (
                        th.stroke(NEW_CUT, 1.0),
                        th.stroke(RGBColor(135, 135, 135), 0.8),
                    )
                } else {
                    (
                        th.stroke(RGBColor(195, 125, 175), 0.6),
                        th.stroke(RGBColor(170, 170, 170), 0.6),
                    )
                };
                chart.draw_series(
                    t.regions()
                        .map(|r| PathElement::new(closed(r.polygon), new_cut)),
                )?;
                if let Some(prev) = &self.prev {
                    chart.draw_series(
                        prev.regions()
                            .map(|r| PathElement::new(closed(r.polygon), old_cut)),
                    )?;
                }
            }
            None => {
                sq.fill(&RGBColor(245, 245, 245))?;
                message = Some(match (self.shown_error(), &self.setup_error) {
                    (_, Some(e)) => format!("cannot set up the network: {e}"),
                    (Some(TessellateError::TooManyRegions { layer, limit }), _) => format!(
                        "more than {} regions after layer {}: too many to draw; use fewer \
                         units or layers",
                        thousands(*limit as i64),
                        layer + 1
                    ),
                    (Some(e), _) => e.to_string(),
                    (None, None) => "no partition".to_string(),
                });
            }
        }
        if let Some(Ok(f)) = &self.full {
            chart.draw_series(f.boundary().iter().map(|s| {
                PathElement::new(
                    vec![(s.from[0], s.from[1]), (s.to[0], s.to[1])],
                    th.stroke(theme::INK, 2.6),
                )
            }))?;
        } else if let Some(l) = &self.worker.live {
            // The worker path: the boundary of the last full partition the worker counted.
            chart.draw_series(l.boundary.iter().map(|b| {
                PathElement::new(vec![(b[0], b[1]), (b[2], b[3])], th.stroke(theme::INK, 2.6))
            }))?;
        }
        if let Some((_, r, p)) = self.picture_focus() {
            chart.draw_series(std::iter::once(Polygon::new(
                poly(&r.polygon),
                theme::ORANGE.mix(0.45).filled(),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                closed(&r.polygon),
                th.stroke(RGBColor(150, 90, 0), 2.5),
            )))?;
            chart.draw_series(std::iter::once(Circle::new(
                (p[0], p[1]),
                th.upx(8.0),
                th.stroke(RGBColor(150, 90, 0), 2.0),
            )))?;
        } else if let (Some(t), Some(i)) = (self.shown(), self.focus()) {
            if i < t.len() {
                let r = t.region(i);
                chart.draw_series(std::iter::once(Polygon::new(
                    poly(r.polygon),
                    theme::ORANGE.mix(0.45).filled(),
                )))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    closed(r.polygon),
                    th.stroke(RGBColor(150, 90, 0), 2.5),
                )))?;
                // A ring at the selection, visible however small the region is.
                if let Some(p) = self
                    .hover
                    .filter(|_| self.hover_index.is_some())
                    .or(self.selected)
                {
                    chart.draw_series(std::iter::once(Circle::new(
                        (p[0], p[1]),
                        th.upx(8.0),
                        th.stroke(RGBColor(150, 90, 0), 2.0),
                    )))?;
                }
            }
        }
        // The training hull, dashed: test points beyond it are extrapolation.
        if self.hull_outline.len() >= 2 {
            let mut ring = self.hull_outline.clone();
            if ring.len() > 2 {
                ring.push(ring[0]);
            }
            let seg = 0.04;
            let mut dashes = Vec::new();
            for e in ring.windows(2) {
                let (a, b) = (e[0], e[1]);
                let len = (b[0] - a[0]).hypot(b[1] - a[1]);
                let n = (len / seg).ceil().max(1.0) as usize;
                for k in (0..n).step_by(2) {
                    let t0 = k as f64 / n as f64;
                    let t1 = ((k + 1) as f64 / n as f64).min(1.0);
                    let at = |t: f64| (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
                    dashes.push(vec![at(t0), at(t1)]);
                }
            }
            chart.draw_series(
                dashes
                    .into_iter()
                    .map(|d| PathElement::new(d, th.stroke(RGBColor(60, 60, 60), 1.4))),
            )?;
        }
        // Points: training filled, test hollow, each on a white backing for contrast; smaller
        // markers on a small square so the data stay legible on phones.
        let k = (side / th.scale / 420.0).clamp(0.65, 1.0);
        let m = |css: f64| th.px(css * k);
        let mut draw_points = |samples: &[Sample], hollow: bool| -> DrawResult {
            for s in samples {
                if !w.contains(s.point) {
                    continue;
                }
                let k = s.class.min(3);
                let color = CLASS_COLORS[k];
                let style = if hollow {
                    th.stroke(color, 1.6)
                } else {
                    color.filled()
                };
                let at = (s.point[0], s.point[1]);
                let r = m(3.6);
                let halo = WHITE.filled();
                match k {
                    0 => {
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Circle::new((0, 0), r + m(1.2), halo),
                        ))?;
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Circle::new((0, 0), r, style),
                        ))?;
                    }
                    1 => {
                        let t = m(5.0);
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + TriangleMarker::new((0, 0), t + m(2.0), halo),
                        ))?;
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + TriangleMarker::new((0, 0), t, style),
                        ))?;
                    }
                    2 => {
                        let q = m(3.3);
                        let h = q + m(1.2);
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Rectangle::new([(-h, -h), (h, h)], halo),
                        ))?;
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Rectangle::new([(-q, -q), (q, q)], style),
                        ))?;
                    }
                    _ => {
                        let q = m(4.2);
                        let h = q + m(1.4);
                        let diamond = |q: i32| vec![(0, -q), (q, 0), (0, q), (-q, 0)];
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Polygon::new(diamond(h), halo),
                        ))?;
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Polygon::new(diamond(q), style),
                        ))?;
                    }
                }
            }
            Ok(())
        };
        draw_points(&self.data.train, false)?;
        draw_points(&self.data.test, true)?;
        // The keyboard cursor for adding points: a cross.
        if let (true, Some(c)) = (self.is_own(), self.cursor) {
            let r = 0.06;
            for seg in [
                [(c[0] - r, c[1]), (c[0] + r, c[1])],
                [(c[0], c[1] - r), (c[0], c[1] + r)],
            ] {
                chart.draw_series(std::iter::once(PathElement::new(
                    seg.to_vec(),
                    th.stroke(theme::INK, 2.0),
                )))?;
            }
        }
        chart.draw_series(std::iter::once(Rectangle::new(
            [(w.xmin(), w.ymin()), (w.xmax(), w.ymax())],
            th.stroke(theme::MUTED, 1.0),
        )))?;
        let banner = self
            .divergence
            .map(|d| format!("training diverged at step {}", thousands(d.step as i64)))
            .or(message);
        if let Some(text) = banner {
            let (sw, _) = sq.dim_in_pixel();
            sq.draw(&Rectangle::new(
                [(0, 0), (sw as i32, th.px(26.0))],
                RGBColor(255, 236, 204).filled(),
            ))?;
            sq.draw(&Text::new(
                text,
                (sw as i32 / 2, th.px(13.0)),
                th.text(13.0).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        let mut legend: Vec<String> = (0..self.classes())
            .map(|k| format!("{} {}", CLASS_GLYPHS[k], CLASS_NAMES[k]))
            .collect();
        legend.push("filled: train, hollow: test".to_string());
        let mut lines = vec![legend.join(" · ")];
        let mut marks = Vec::new();
        if self.hull_outline.len() >= 2 {
            marks.push("dashed: training hull");
        }
        marks.push("bold: decision boundary");
        let (aw, _) = area.dim_in_pixel();
        let one = format!("{} · {}", lines[0], marks.join(" · "));
        // One line when it fits the panel, else two (a phone), in the same band under the
        // square. The width is estimated (0.55 em a character, DejaVu Sans' average) rather
        // than measured: the canvas backend measures text through an inline-styled element,
        // which the page's Content-Security-Policy refuses.
        let fits = one.chars().count() as f64 * 0.55 * 12.0 + 8.0 <= aw as f64 / th.scale;
        if fits {
            lines = vec![one];
        } else {
            lines.push(marks.join(" · "));
        }
        let (size, top, step) = if fits {
            (12.0, 6.0, 17.0)
        } else {
            (11.0, 3.0, 13.0)
        };
        for (i, line) in lines.iter().enumerate() {
            area.draw(&Text::new(
                line.as_str(),
                (
                    aw as i32 / 2,
                    (y0 + side) as i32 + th.px(top + step * i as f64),
                ),
                th.text(size).pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
        let cuts_at = top + step * lines.len() as f64;
        let shown_layers = match (pic, self.shown()) {
            (Some(_), _) => Some(self.shown_layers()),
            (None, Some(t)) => Some(t.layers()),
            _ => None,
        };
        if let Some(l) = shown_layers {
            let cuts = if l >= 2 && self.prev.is_none() && pic.is_none() {
                format!("the cuts of layers 1–{l}")
            } else if l >= 3 {
                format!(
                    "grey: cuts of layers 1–{} · purple: cuts added by layer {l}",
                    l - 1
                )
            } else if l == 2 {
                "grey: the lines of layer 1 · purple: cuts added by layer 2".to_string()
            } else {
                "purple: the lines of layer 1".to_string()
            };
            area.draw(&Text::new(
                cuts,
                (aw as i32 / 2, (y0 + side) as i32 + th.px(cuts_at)),
                th.colored(size, NEW_CUT)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
        Ok(())
    }

    fn draw_history<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        th: &Theme,
    ) -> DrawResult {
        theme::panel_title(area, th, "Linear regions during training")?;
        let mut lines: Vec<String> = Vec::new();
        let per_layer: Option<&[usize]> = match (&self.full, &self.worker.live) {
            (Some(Ok(f)), _) => Some(f.per_layer()),
            (None, Some(l)) if l.error.is_none() => Some(&l.per_layer),
            _ => None,
        };
        if let Some(per_layer) = per_layer {
            let counts: Vec<String> = per_layer
                .iter()
                .enumerate()
                .map(|(l, n)| format!("{}: {}", l + 1, thousands(*n as i64)))
                .collect();
            // Three layers per line, so six layers of 32 units still fit.
            for (i, chunk) in counts.chunks(3).enumerate() {
                let lead = if i == 0 {
                    "regions after layer "
                } else {
                    "then "
                };
                lines.push(format!("{lead}{}", chunk.join(" · ")));
            }
        }
        lines.push(format!(
            "upper bound (Serra et al. 2018): {} regions",
            number(self.bound(), 2)
        ));
        // The settings, so a screenshot (or a printed page) says what it shows.
        lines.extend(self.settings_lines());
        if let Some(h) = &self.hull_split {
            let part = |n: usize, acc: Option<f64>| match acc {
                Some(a) => format!("{n} ({} right)", percent(a)),
                None => "0".to_string(),
            };
            // Two short lines rather than one that a phone-width panel would clip.
            lines.push(format!(
                "test points inside the training hull: {}",
                part(h.inside, h.inside_accuracy())
            ));
            lines.push(format!(
                "outside it: {}",
                part(h.outside, h.outside_accuracy())
            ));
        }
        if let Some((tr, te)) = self.metrics {
            lines.push(format!(
                "step {} · accuracy: train {}, test {}",
                thousands(self.steps() as i64),
                percent(tr.accuracy),
                self.test_accuracy_text(te.accuracy)
            ));
        }
        // The text block takes what its lines need; the chart gets the rest.
        let (_, ah) = area.dim_in_pixel();
        let text_h = th.px(14.0 + 19.0 * lines.len() as f64).max(0) as u32;
        let (top, bottom) = area.split_vertically(ah.saturating_sub(text_h).max(ah / 3));
        let max_step = self.history.last().map_or(0, |h| h.0).max(10) as f64;
        let max_count = self.history.iter().map(|h| h.1).max().unwrap_or(1).max(1) as f64;
        let mut chart = ChartBuilder::on(&top)
            .margin(th.upx(10.0))
            .margin_top(th.upx(30.0))
            .margin_right(th.upx(18.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(56.0))
            .build_cartesian_2d(0f64..max_step, 0f64..max_count * 1.15)?;
        theme::mesh(&mut chart, th)
            .x_desc("training step")
            .y_desc("regions")
            .x_label_formatter(&|v| thousands(v.round() as i64))
            .y_label_formatter(&|v| thousands(v.round() as i64))
            .x_labels(5)
            .y_labels(5)
            .draw()?;
        let pts: Vec<(f64, f64)> = self
            .history
            .iter()
            .map(|&(s, n)| (s as f64, n as f64))
            .collect();
        chart.draw_series(LineSeries::new(pts.clone(), th.stroke(theme::BLUE, 2.0)))?;
        if let Some(&last) = pts.last() {
            chart.draw_series(std::iter::once(Circle::new(
                last,
                th.upx(4.0),
                theme::BLUE.filled(),
            )))?;
        }
        for (i, line) in lines.iter().enumerate() {
            bottom.draw(&Text::new(
                line.clone(),
                (th.px(12.0), th.px(8.0 + 19.0 * i as f64)),
                th.text(12.5).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        Ok(())
    }
}

impl Figure for ReluFigure {
    type Params = ReluParams;
    const KIND: &'static str = "relu";
    const TITLE: &'static str = "A ReLU network cuts the plane into linear regions";

    fn new(params: ReluParams) -> Self {
        let mut f = Self {
            params,
            data: Dataset {
                train: Vec::new(),
                test: Vec::new(),
                classes: 2,
            },
            train_points: Vec::new(),
            setup_error: None,
            trainer: None,
            steps_before: 0,
            divergence: None,
            batch_loss: None,
            metrics: None,
            full: None,
            view: None,
            prev: None,
            history: Vec::new(),
            selected: None,
            selected_index: None,
            play: None,
            layer_clamped: None,
            own: Vec::new(),
            cursor: None,
            hover: None,
            hover_index: None,
            idle_net: None,
            inside_hull: Ok(Vec::new()),
            hull_outline: Vec::new(),
            hull_split: None,
            edit_note: None,
            worker: WorkerPath::new(),
        };
        // The default layer (6, "all") is clamped silently; a link asking for more is noted.
        f.layer_clamped = f.params.clamp_layer_on_load();
        f.rebuild();
        f
    }

    fn params(&self) -> &ReluParams {
        &self.params
    }

    fn set_params(&mut self, params: ReluParams) {
        let mut params = params;
        // The layer slider follows the depth when it was showing every layer, and never
        // passes it (the spec's range is fixed; the caption notes a clamp).
        self.layer_clamped = params.clamp_layer_after(&self.params);
        let old = std::mem::replace(&mut self.params, params);
        match self.params.change_from(&old) {
            Change::Rebuild => self.rebuild(),
            Change::Retrain => self.retrain_config(),
            Change::Repartition => self.repartition(),
            Change::Nothing => {}
        }
    }

    fn summary(&self) -> String {
        if let Some(e) = &self.setup_error {
            return format!("The network could not be set up: {e}.");
        }
        let mut s = String::new();
        if let Some(n) = &self.edit_note {
            s.push_str(n);
            s.push(' ');
        }
        if let Some(o) = self.own_status() {
            s.push_str(&o);
            s.push(' ');
        }
        if let Some(d) = &self.divergence {
            s.push_str(&self.divergence_text(d));
            s.push(' ');
        }
        if let Some(sel) = self.selection_text() {
            s.push_str(&sel);
            return s;
        }
        let step = self.steps();
        if step == 0 {
            s.push_str("Untrained (step 0)");
        } else {
            s.push_str(&format!("Step {}", thousands(step as i64)));
            if let Some(l) = self.batch_loss {
                s.push_str(&format!(", batch loss {}", short(l, 3)));
            }
        }
        if let Some((tr, te)) = self.metrics {
            s.push_str(&format!(
                ": train accuracy {}, test accuracy {}.",
                percent(tr.accuracy),
                self.test_accuracy_text(te.accuracy)
            ));
        } else {
            s.push('.');
        }
        match &self.full {
            Some(Ok(f)) => s.push_str(&format!(
                " The network cuts the window into {} linear regions ({}); on each one it is a \
                 single affine map. The Serra–Tjandraatmadja–Ramalingam bound for {} hidden \
                 layers of {} units is {} regions in the whole plane.",
                thousands(f.len() as i64),
                self.layer_counts_text(f),
                self.params.depth,
                self.params.width,
                number(self.bound(), 2)
            )),
            Some(Err(e)) => s.push_str(&format!(" No partition: {e}.")),
            None => {
                let playing = self.play.is_some();
                match self.worker.live.as_ref() {
                    Some(l) if l.error.is_none() => s.push_str(&format!(
                        " At step {} the network cut the window into {} linear regions ({}), \
                         counted in the background: {}",
                        thousands(l.step as i64),
                        thousands(l.regions as i64),
                        l.per_layer
                            .iter()
                            .enumerate()
                            .map(|(i, n)| format!("{} after layer {}", thousands(*n as i64), i + 1))
                            .collect::<Vec<_>>()
                            .join(", "),
                        if let Some(pic) = self.picture() {
                            self.picture_text(pic, playing)
                        } else if playing {
                            "too many to redraw every frame, so while it trains the picture \
                             shows the first layers only."
                                .to_string()
                        } else {
                            "too many to draw without freezing the page, so the picture shows \
                             the first layers, with the exact decision boundary of the whole \
                             network; the picture of the whole partition follows from the \
                             background worker."
                                .to_string()
                        }
                    )),
                    Some(l) => {
                        if let Some(e) = &l.error {
                            s.push_str(&format!(" No full partition: {e}."));
                        }
                    }
                    None if self.worker.offloaded => s.push_str(
                        " Counting the linear regions of the whole network in the background; \
                         the picture shows the first layers meanwhile.",
                    ),
                    None => {}
                }
                if self.worker.offloaded
                    && self.worker.request.is_some()
                    && self.worker.live.is_some()
                    && !playing
                    && self.picture().is_none()
                {
                    s.push_str(" Recounting for the current weights.");
                }
            }
        }
        let shown_cells = self.picture().and(self.worker.live.as_ref()).and_then(|l| {
            let k = self.shown_layers();
            (k < self.params.depth as usize)
                .then(|| l.per_layer.get(k - 1).copied())
                .flatten()
        });
        if let Some(n) = shown_cells {
            s.push_str(&format!(
                " Shown: the partition after the first {} of {} layers ({} regions).",
                self.shown_layers(),
                self.params.depth,
                thousands(n as i64)
            ));
        } else if let Some(t) = self.view.as_ref().and_then(|v| v.as_ref().ok()) {
            s.push_str(&format!(
                " Shown: the partition after the first {} of {} layers ({} regions).",
                t.layers(),
                self.params.depth,
                thousands(t.len() as i64)
            ));
        }
        if let Some(h) = self.hull_text() {
            s.push(' ');
            s.push_str(&h);
        }
        if let Some(asked) = self.layer_clamped {
            s.push_str(&format!(
                " The layer slider asked for {asked} layers, but the network has {} hidden \
                 layer{}: it stops there, showing them all.",
                self.params.depth,
                if self.params.depth == 1 { "" } else { "s" }
            ));
        }
        s.push_str(&format!(" Settings: {}.", self.settings_text()));
        s
    }

    fn description(&self) -> String {
        let regions = match (self.picture(), &self.worker.live) {
            (Some(_), Some(l)) => l
                .per_layer
                .get(self.shown_layers() - 1)
                .copied()
                .unwrap_or(0),
            _ => self.shown().map_or(0, |t| t.len()),
        };
        let shapes: Vec<String> = (0..self.classes()).map(|k| self.class_word(k)).collect();
        format!(
            "Two panels. Left: the square [-1.2, 1.2]² cut by a ReLU network with {} hidden \
             layers of {} units into {} convex regions, shown after layer {}, each lightly \
             tinted, with the cuts added by that layer in purple and earlier ones in grey; \
             the decision boundary in bold; training points filled and \
             test points hollow, classes {}; the convex hull of the training points dashed. \
             Right: the number of linear regions against the training step.",
            self.params.depth,
            self.params.width,
            thousands(regions as i64),
            self.shown_layers(),
            shapes.join(", ")
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        if theme::stacked(width) {
            // Stacked: the square, then the chart and its eight lines of text (at 1.8 × the
            // width the chart was left about 60 px tall on a phone).
            (width * 2.2).clamp(380.0, 1000.0)
        } else {
            theme::two_panel_height(width, 0.52)
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let dim = root.dim_in_pixel();
        let (left, right) = theme::two_panels(root, th.scale, SHARE);
        self.draw_partition(&left, dim, &th)?;
        self.draw_history(&right, &th)?;
        root.present()?;
        Ok(())
    }

    fn job(&self) -> Option<JobSpec> {
        self.worker_job()
    }

    fn accept_bytes(&mut self, bytes: &[u8]) {
        self.worker.accept_bytes(bytes);
    }

    fn accept(&mut self, output: &JobOutput) {
        self.accept_partition(output);
    }

    fn pointer(&mut self, p: Pointer) -> Response {
        if p.phase == PointerPhase::Up {
            return Response::NONE;
        }
        let world = Self::world_of(&p);
        if p.phase == PointerPhase::Hover {
            let before = self.hover_index;
            self.hover = world;
            self.relocate();
            if self.hover_index.is_none() {
                self.hover = None;
            }
            return if self.hover_index == before {
                Response::NONE
            } else {
                // The caption describes the hovered region.
                Response::PARAMS
            };
        }
        let Some(world) = world else {
            return Response::NONE;
        };
        if self.is_own() {
            if p.phase != PointerPhase::Down {
                return Response::NONE;
            }
            // A click on one of the points removes it; anywhere else adds one.
            let (_, _, side) = square_frame(p.width, p.height, 1.0);
            let w = Window::DEFAULT;
            let radius = 9.0 / side.max(1.0) * (w.xmax() - w.xmin());
            self.cursor = Some(snap(world));
            return match self.nearest_point(world, radius) {
                Some(i) => self.remove_point(i),
                None => self.add_point(world),
            };
        }
        let hit = match self.picture() {
            Some(pic) => Self::picture_index(pic, world),
            None => self.shown().and_then(|t| t.locate(world)),
        };
        let same = match (self.picture(), hit, self.selected_index) {
            (Some(pic), Some(a), Some(b)) => {
                (0..self.shown_layers()).all(|l| pic.raster.word(a, l) == pic.raster.word(b, l))
            }
            (_, a, b) => a.is_some() && a == b,
        };
        if p.phase == PointerPhase::Down && same {
            // A second tap on the selected region clears the selection; still capture the
            // gesture so a drag can scrub.
            self.select_point(None);
            return Response::PARAMS;
        }
        match self.select_point(Some(world)) {
            r if r == Response::NONE && p.phase == PointerPhase::Down => Response::REDRAW,
            r => r,
        }
    }

    fn key(&mut self, key: &str) -> Response {
        // Keys mean the keyboard is in use: the hover gives way to the selection.
        self.hover = None;
        self.hover_index = None;
        if self.is_own() {
            if let Some(r) = self.own_key(key) {
                return r;
            }
        }
        let dir = match key {
            "ArrowLeft" => Some([-1.0, 0.0]),
            "ArrowRight" => Some([1.0, 0.0]),
            "ArrowUp" => Some([0.0, 1.0]),
            "ArrowDown" => Some([0.0, -1.0]),
            _ => None,
        };
        if self.picture().is_some() {
            return self.picture_key(key, dir);
        }
        let count = self.shown().map_or(0, |t| t.len());
        if count == 0 {
            return Response::NONE;
        }
        if let Some(d) = dir {
            return match self.selected_index {
                None => self.select_point(Some([0.0, 0.0])),
                Some(_) => match self.neighbour(d) {
                    Some(j) => self.select_index(j),
                    None => Response::NONE,
                },
            };
        }
        match key {
            "n" | "N" => {
                let j = self.selected_index.map_or(0, |i| (i + 1) % count);
                self.select_index(j)
            }
            "p" | "P" => {
                let j = self
                    .selected_index
                    .map_or(count - 1, |i| (i + count - 1) % count);
                self.select_index(j)
            }
            "Escape" => {
                self.cursor = None;
                self.select_point(None)
            }
            _ => Response::NONE,
        }
    }

    fn hovers(&self) -> bool {
        true
    }

    fn read_extra(&mut self, query: &str) -> Vec<Note> {
        let key = format!("{}.pts", ReluParams::NAMESPACE);
        let Some((_, text)) = query_pairs(query)
            .into_iter()
            .rev()
            .find(|(k, _)| *k == key)
        else {
            return Vec::new();
        };
        let (points, note) = parse_points(&text);
        self.own = points;
        if self.is_own() {
            self.rebuild();
        }
        note.map(|message| Note { key, message })
            .into_iter()
            .collect()
    }

    fn extra_query(&self) -> String {
        if self.is_own() && !self.own.is_empty() {
            format!("{}.pts={}", ReluParams::NAMESPACE, format_points(&self.own))
        } else {
            String::new()
        }
    }

    fn control_enabled(&self, key: &str) -> bool {
        match key {
            "layer" => self.params.depth > 1,
            "cls" => self.is_own(),
            "noise" => !self.is_own(),
            _ => true,
        }
    }

    fn actions(&self) -> Vec<Action> {
        let trainable = self.trainer.is_some() && self.divergence.is_none();
        vec![
            Action {
                id: "play",
                label: if self.play.is_some() { "Pause" } else { "Play" },
                enabled: trainable,
            },
            Action {
                id: "step",
                label: "Step ×25",
                enabled: trainable && self.play.is_none(),
            },
            Action {
                id: "reset",
                label: "Reset weights",
                enabled: self.setup_error.is_none() || !self.data.train.is_empty(),
            },
            Action {
                id: "clear",
                label: "Clear points",
                enabled: self.is_own() && !self.own.is_empty(),
            },
        ]
    }

    fn action(&mut self, id: &str, reduced_motion: bool) -> Response {
        match id {
            "play" => {
                if let Some(p) = self.play.take() {
                    if p.worker && self.worker.offloaded && matches!(self.view, Some(Ok(_))) {
                        // The last frame already shows these weights' first layers: only the
                        // full count is missing, and the worker does it. (Play recomputes
                        // the accuracies every few frames: bring them to these weights.)
                        self.worker.request = None;
                        self.ensure_request();
                        // Until the worker's picture arrives, the first layers shown are
                        // those of these weights (Play kept an earlier view while waiting for
                        // it), with the accuracies Play recomputes only every few frames.
                        let limit = self.worker.main_limit;
                        let hint = self
                            .worker
                            .live
                            .as_ref()
                            .filter(|l| l.error.is_none())
                            .map(|l| l.per_layer.iter().take_while(|&&n| n <= limit).count());
                        self.offloaded_view(hint);
                    } else {
                        self.repartition();
                    }
                    return Response::PARAMS;
                }
                if self.trainer.is_none() || self.divergence.is_some() {
                    return Response::NONE;
                }
                if reduced_motion && self.worker.offloaded {
                    // The end state without motion, trained over several frames.
                    self.play = Some(Play {
                        remaining: REDUCED_MOTION_STEPS,
                        frames: 0,
                        worker: false,
                        quiet: true,
                        last_ms: 0.0,
                        per_frame: STEPS_PER_FRAME,
                    });
                    return Response::PARAMS;
                }
                if reduced_motion {
                    // The end state at once, no motion.
                    self.train(REDUCED_MOTION_STEPS);
                    self.repartition();
                    return Response::PARAMS;
                }
                let big = self.worker.offloaded
                    || match &self.full {
                        Some(Ok(f)) => f.len() > LIVE_LIMIT,
                        Some(Err(_)) => true,
                        None => false,
                    };
                self.play = Some(Play {
                    remaining: PLAY_STEPS,
                    frames: 0,
                    worker: big,
                    quiet: false,
                    last_ms: 0.0,
                    per_frame: STEPS_PER_FRAME,
                });
                if big {
                    self.worker.request = None;
                    self.live_frame();
                }
                Response::PARAMS
            }
            "step" => {
                self.play = None;
                if self.trainer.is_none() || self.divergence.is_some() {
                    return Response::NONE;
                }
                self.train(STEP_BATCH);
                self.repartition();
                Response::PARAMS
            }
            "reset" => {
                self.reinitialise();
                Response::PARAMS
            }
            "clear" => {
                if self.own.is_empty() {
                    return Response::NONE;
                }
                let n = self.own.len();
                self.own.clear();
                self.edit_note = Some(format!(
                    "Cleared all {n} point{}.",
                    if n == 1 { "" } else { "s" }
                ));
                self.rebuild();
                Response::PARAMS
            }
            _ => Response::NONE,
        }
    }

    fn tick(&mut self, now_ms: f64) -> bool {
        let Some(mut play) = self.play else {
            return false;
        };
        // A step budget per frame, steered by the frame clock: a frame that came late (the
        // machine is busy, or the last frame's work was long) means fewer steps in this one,
        // down to one; frames on time earn them back.
        if now_ms > 0.0 && play.last_ms > 0.0 {
            let gap = now_ms - play.last_ms;
            if gap > LATE_FRAME_MS {
                play.per_frame = (play.per_frame / 2).max(1);
            } else if gap < ON_TIME_FRAME_MS {
                play.per_frame = (play.per_frame + 1).min(STEPS_PER_FRAME);
            }
        }
        play.last_ms = now_ms;
        if play.quiet {
            let n = QUIET_STEPS_PER_FRAME.min(play.remaining);
            let ok = self.train(n);
            play.remaining -= n;
            if ok && play.remaining > 0 {
                self.play = Some(play);
                return true;
            }
            self.play = None;
            self.repartition();
            return false;
        }
        let n = play.per_frame.min(play.remaining);
        let ok = self.train(n);
        play.remaining -= n;
        play.frames += 1;
        if play.worker && ok && play.remaining > 0 {
            self.play = Some(play);
            self.live_frame();
            return true;
        }
        let last = match &self.full {
            Some(Ok(f)) => f.len(),
            _ => MAX_REGIONS,
        };
        let every = last.div_ceil(REGIONS_PER_FRAME).clamp(1, 15) as u32;
        let finished = !ok || play.remaining == 0;
        if finished || play.frames >= every {
            play.frames = 0;
            self.repartition();
            // Grown too big for the main thread: the worker counts from now on.
            play.worker = self.worker.offloaded;
        }
        if finished {
            self.play = None;
            return false;
        }
        self.play = Some(play);
        true
    }

    fn keyboard_help(&self) -> &'static str {
        "On the figure: point at a region to see its formula; click or tap a region to select \
         it (again to clear); ← → ↑ ↓ move to the neighbouring region, n / p step through \
         regions, Esc clears the selection. With Your own points: click or tap to add a point \
         of the chosen class (on a point: remove it); or ← → ↑ ↓ move a cross, Enter adds a \
         point there, Delete removes the nearest one, 1–4 choose the class."
    }

    fn point_import(&self) -> Option<PointImport> {
        Some(PointImport {
            columns: IMPORT_COLUMNS,
            min_rows: 1,
            max_rows: MAX_OWN_POINTS,
            replaces: &["data"],
            derived: &[],
            skip_label: None,
        })
    }

    /// Replaces the own points with `rows` (`[x, y, class]`, already checked against the
    /// window, the classes and [`MAX_OWN_POINTS`]), snapped to the link's grid, and switches
    /// to "your own points" with a fresh network: the same state a link with these points
    /// loads.
    fn import_points(&mut self, rows: Vec<Vec<f64>>) -> Response {
        let mut moved = 0usize;
        self.own = rows
            .iter()
            .take(MAX_OWN_POINTS)
            .map(|r| {
                let point = snap([r[0], r[1]]);
                if (point[0] - r[0]).abs() > 1e-9 || (point[1] - r[1]).abs() > 1e-9 {
                    moved += 1;
                }
                Sample {
                    point,
                    class: (r[2].max(0.0) as usize).min(3),
                }
            })
            .collect();
        self.params.dataset = DataChoice::Own;
        self.selected = None;
        self.cursor = None;
        self.hover = None;
        let n = self.own.len();
        let tests = n / OWN_TEST_EVERY;
        self.edit_note = Some(format!(
            "Loaded {n} point{} from a file ({} training, {tests} test){}.",
            if n == 1 { "" } else { "s" },
            n - tests,
            if moved > 0 {
                format!("; {moved} rounded to the {OWN_GRID} grid the link keeps")
            } else {
                String::new()
            }
        ));
        self.rebuild();
        Response::PARAMS
    }

    /// The own points as `[x, y, class]` while they are the data (none when there are none:
    /// a points file needs at least one).
    fn own_points(&self) -> Option<Vec<Vec<f64>>> {
        (self.is_own() && !self.own.is_empty()).then(|| {
            self.own
                .iter()
                .map(|s| vec![s.point[0], s.point[1], s.class as f64])
                .collect()
        })
    }

    fn table(&self) -> Option<Table> {
        let mut t = Table::new(
            format!(
                "The {} training and {} test points of the data set",
                self.data.train.len(),
                self.data.test.len()
            ),
            &["point", "x", "y", "class"],
        );
        let row = |set: &str, s: &Sample| {
            vec![
                set.into(),
                s.point[0].into(),
                s.point[1].into(),
                CLASS_NAMES[s.class.min(3)].into(),
            ]
        };
        if self.is_own() {
            // In the order they were added, so the file loads back (import) with the same
            // points held out for testing.
            for (i, s) in self.own.iter().enumerate() {
                let test = i % OWN_TEST_EVERY == OWN_TEST_EVERY - 1;
                t.push(row(if test { "test" } else { "training" }, s));
            }
        } else {
            for (set, samples) in [("training", &self.data.train), ("test", &self.data.test)] {
                for s in samples.iter() {
                    t.push(row(set, s));
                }
            }
        }
        (!t.rows.is_empty()).then_some(t)
    }
}

/// Train and test metrics of the trainer's network, and the test accuracy inside and outside
/// the training hull (when both sets are non-empty and the hull verdicts are known).
fn scores(
    trainer: Option<&Trainer>,
    data: &Dataset,
    inside_hull: &Result<Vec<bool>, String>,
    net: &ReluNet,
) -> (Option<(Metrics, Metrics)>, Option<HullSplit>) {
    let metrics = trainer.map(|t| (t.evaluate(&data.train), t.evaluate(&data.test)));
    let split = match inside_hull {
        Ok(inside) if !data.test.is_empty() && !data.train.is_empty() => {
            Some(split_accuracy(net, &data.test, inside))
        }
        _ => None,
    };
    (metrics, split)
}

#[cfg(test)]
mod tests {
    use super::test_support::{click, fig, hover, quadrant_figure};
    use super::*;
    use crate::figures::{render_svg, AnyFigure};

    #[test]
    fn default_summary_states_counts_and_accuracy() {
        let f = fig("");
        let s = f.summary();
        assert!(s.starts_with("Untrained (step 0)"), "{s}");
        assert!(s.contains("linear regions"), "{s}");
        assert!(
            s.contains("after layer 1") && s.contains("after layer 3"),
            "{s}"
        );
        assert!(s.contains("train accuracy"), "{s}");
        assert!(s.contains("Serra"), "{s}");
        let full = f.full.as_ref().unwrap().as_ref().unwrap();
        assert_eq!(full.per_layer().len(), 3);
        assert_eq!(f.history, vec![(0, full.len())]);
    }

    #[test]
    fn training_by_step_and_reduced_motion_play() {
        let mut f = fig("nn.depth=2&nn.width=8&nn.lr=0.03");
        assert!(f.action("step", false).params_changed);
        assert_eq!(f.steps(), STEP_BATCH);
        assert!(
            f.summary().starts_with("Step 25, batch loss"),
            "{}",
            f.summary()
        );
        // Reduced motion: Play jumps to the result and does not animate.
        assert!(f.action("play", true).params_changed);
        assert_eq!(f.steps(), STEP_BATCH + REDUCED_MOTION_STEPS);
        assert!(!f.tick(0.0));
        let (tr, _) = f.metrics.unwrap();
        assert!(tr.accuracy > 0.9, "{}", tr.accuracy);
        assert_eq!(f.history.len(), 3);
        // Reset: back to the initial network.
        f.action("reset", false);
        assert_eq!(f.steps(), 0);
        assert_eq!(f.history.len(), 1);
    }

    #[test]
    fn play_animates_pauses_and_stops_by_itself() {
        let mut f = fig("nn.depth=2&nn.width=8");
        f.action("play", false);
        assert_eq!(f.actions()[0].label, "Pause");
        assert!(f.tick(0.0));
        assert_eq!(f.steps(), STEPS_PER_FRAME);
        assert!(f.action("play", false).params_changed);
        assert_eq!(f.actions()[0].label, "Play");
        assert!(!f.tick(16.0));
        f.action("play", false);
        let mut frames = 0;
        while f.tick(frames as f64 * 16.0) {
            frames += 1;
            assert!(frames < 10_000);
        }
        assert_eq!(f.steps(), STEPS_PER_FRAME + PLAY_STEPS);
        assert!(f.play.is_none());
    }

    #[test]
    fn pointer_selects_the_region_under_it() {
        let mut f = quadrant_figure();
        assert_eq!(f.full.as_ref().unwrap().as_ref().unwrap().len(), 4);
        assert!(click(&mut f, [0.6, 0.7]).params_changed);
        let t = f.shown().unwrap();
        let r = t.region(f.selected_index.unwrap());
        assert_eq!(r.pattern.layer(0), 0b11);
        let s = f.summary();
        assert!(s.contains("logit z = 1·x + 1·y − 0.5"), "{s}");
        assert!(s.contains("activation pattern 3"), "{s}");
        assert!(s.contains("Area 1.44 (25% of the window)"), "{s}");
        assert!(s.contains("training points"), "{s}");
        // Tapping it again clears the selection.
        click(&mut f, [0.6, 0.7]);
        assert!(f.selected_index.is_none());
        assert!(f.summary().contains("linear regions"));
        // Outside the square: ignored.
        let r = f.pointer(Pointer {
            phase: PointerPhase::Down,
            x: 1.0,
            y: 1.0,
            width: 800.0,
            height: f.height_for(800.0),
        });
        assert_eq!(r, Response::NONE);
    }

    #[test]
    fn keys_move_between_neighbours() {
        let mut f = quadrant_figure();
        let pattern = |f: &ReluFigure| {
            f.shown()
                .unwrap()
                .region(f.selected_index.unwrap())
                .pattern
                .layer(0)
        };
        assert!(f.key("ArrowUp").params_changed); // selects the region at the centre
        f.key("Escape");
        click(&mut f, [0.6, 0.7]);
        assert_eq!(pattern(&f), 0b11);
        assert!(f.key("ArrowLeft").params_changed);
        assert_eq!(pattern(&f), 0b10); // x < 0: only ReLU(y) on
        assert!(f.key("ArrowDown").params_changed);
        assert_eq!(pattern(&f), 0b00);
        assert_eq!(f.key("ArrowDown"), Response::NONE); // the window's edge
        assert!(f.key("ArrowRight").params_changed);
        assert_eq!(pattern(&f), 0b01);
        let seen: std::collections::HashSet<u32> = (0..4)
            .map(|_| {
                f.key("n");
                pattern(&f)
            })
            .collect();
        assert_eq!(seen.len(), 4);
        f.key("p");
        assert!(f.key("Escape").params_changed);
        assert!(f.selected_index.is_none());
        assert_eq!(f.key("Escape"), Response::NONE);
        assert_eq!(f.key("x"), Response::NONE);
    }

    #[test]
    fn divergence_is_explained_not_fatal() {
        let mut f = fig("nn.lr=10&nn.opt=sgd");
        f.action("play", true);
        let d = f.divergence.expect("SGD at learning rate 10 diverges");
        let s = f.summary();
        assert!(
            s.contains(&format!("Training diverged at step {}", d.step)),
            "{s}"
        );
        assert!(
            s.contains("Lower the learning rate or press Reset weights"),
            "{s}"
        );
        assert!(f.trainer.as_ref().unwrap().net().is_finite());
        assert!(f.shown().is_some());
        assert!(!f.actions()[0].enabled);
        assert_eq!(f.action("play", false), Response::NONE);
        assert!(!f.tick(0.0));
        let svg = render_svg(&AnyFigure::Relu(f.clone()), 800, 420).unwrap();
        assert!(svg.contains("training diverged"));
        // Lowering the learning rate resumes from the last finite weights.
        let mut p = f.params().clone();
        p.learning_rate = 0.01;
        f.set_params(p);
        assert!(f.divergence.is_none());
        assert!(f.actions()[0].enabled);
        assert!(f.steps() >= d.step);
        f.action("step", false);
        assert!(f.divergence.is_none());
    }

    #[test]
    fn layer_slider_shows_the_partition_after_layer_l() {
        let mut f = fig("nn.depth=3&nn.width=8&nn.layer=1");
        let full = f.full.as_ref().unwrap().as_ref().unwrap().clone();
        let shown = f.shown().unwrap();
        assert_eq!(shown.layers(), 1);
        assert_eq!(shown.len(), full.per_layer()[0]);
        assert!(f.prev.is_none());
        assert!(f.summary().contains("after the first 1 of 3 layers"));
        let mut p = f.params().clone();
        p.layer = 2;
        f.set_params(p.clone());
        assert_eq!(f.shown().unwrap().len(), full.per_layer()[1]);
        // The partition one layer earlier, whose edges are drawn grey under the new cuts.
        assert_eq!(f.prev.as_ref().unwrap().len(), full.per_layer()[0]);
        // Beyond the depth (a link or the slider): clamped to all layers, and the caption
        // says so.
        p.layer = 6;
        f.set_params(p.clone());
        assert!(f.view.is_none());
        assert_eq!(f.shown().unwrap().len(), full.len());
        assert_eq!(f.params().layer, 3);
        assert!(
            f.summary().contains("asked for 6 layers"),
            "{}",
            f.summary()
        );
        let f2 = fig("nn.depth=2&nn.layer=5");
        assert_eq!(f2.params().layer, 2);
        assert!(
            f2.summary().contains("asked for 5 layers"),
            "{}",
            f2.summary()
        );
        // The default ("all") is clamped silently.
        let f3 = fig("nn.depth=4");
        assert_eq!(f3.params().layer, 4);
        assert!(!f3.summary().contains("asked for"));
        p.depth = 1;
        f.set_params(p.clone());
        assert!(!f.control_enabled("layer"));
        // Showing all layers, the slider follows the depth.
        p = f.params().clone();
        p.layer = 1;
        p.depth = 4;
        f.set_params(p);
        assert_eq!(f.params().layer, 4);
        assert!(f.view.is_none());
        // A cell of a per-layer view is described with its later pieces.
        let mut f = fig("nn.depth=2&nn.width=6&nn.layer=1");
        f.key("n");
        let s = f.summary();
        assert!(s.contains("the remaining layers cut this cell into"), "{s}");
    }

    #[test]
    fn every_control_extreme_is_safe() {
        for q in [
            "nn.depth=6&nn.width=32&nn.layer=6",
            "nn.depth=1&nn.width=1&nn.layer=1",
            "nn.data=spirals&nn.noise=0.5&nn.lr=10&nn.l2=0.1",
            "nn.data=blobs&nn.noise=0&nn.lr=0.0001&nn.opt=sgd&nn.seed=4294967295",
        ] {
            let mut f = fig(q);
            f.action("step", false);
            f.key("n");
            let s = f.summary();
            assert!(!s.is_empty());
            render_svg(&AnyFigure::Relu(f), 640, 400).unwrap();
        }
    }

    #[test]
    fn svg_has_region_polygons_boundary_and_points() {
        let f = fig("nn.data=blobs");
        let regions = f.full.as_ref().unwrap().as_ref().unwrap().len();
        let svg = render_svg(&AnyFigure::Relu(f), 900, 460).unwrap();
        assert!(svg.matches("<polygon").count() >= regions, "{regions}");
        assert!(svg.contains("Linear regions during training"));
        assert!(svg.contains("upper bound (Serra et al. 2018)"));
        assert!(svg.contains("cuts added by layer 3"));
        // Narrow (stacked) layout draws too.
        let f = fig("");
        let svg = render_svg(&AnyFigure::Relu(f), 400, 600).unwrap();
        assert!(svg.contains("<polygon"));
    }

    #[test]
    fn history_is_thinned_and_selection_follows_training() {
        let mut f = fig("nn.depth=1&nn.width=2");
        for _ in 0..(HISTORY_MAX + 5) {
            f.train(1);
            f.repartition();
        }
        assert!(f.history.len() <= HISTORY_MAX, "{}", f.history.len());
        assert!(f.history.len() > HISTORY_MAX / 3);
        assert!(f.history.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(f.history.first().map(|h| h.0), Some(0));
        assert_eq!(f.history.last().map(|h| h.0), Some(f.steps()));
        // The selection is a point: after more training it names the region now under it.
        let mut f = fig("nn.depth=2&nn.width=8");
        click(&mut f, [0.5, 0.5]);
        f.action("step", false);
        let i = f.selected_index.expect("still selected");
        assert!(f.shown().unwrap().region(i).contains([0.5, 0.5], 1e-9));
    }

    #[test]
    fn the_import_window_is_the_figures_window() {
        let w = Window::DEFAULT;
        assert_eq!(
            [w.xmin(), w.xmax(), w.ymin(), w.ymax()],
            [-OWN_WINDOW, OWN_WINDOW, -OWN_WINDOW, OWN_WINDOW]
        );
        assert_eq!(IMPORT_COLUMNS[2].max as usize + 1, CLASS_CHOICES.len());
    }

    /// The CSV export of own points loads back as the same points (same order, classes and
    /// test points); class letters and numbers are both read, anything else is refused with
    /// the line and what is accepted.
    #[test]
    fn own_points_round_trip_through_the_csv_export() {
        let query = "nn.data=own&nn.depth=2&nn.width=8&nn.pts=a0.5_0.5b-0.5_0.25c0.12_-0.9\
                     d-1.2_1.2a0.3_0.3b0.01_-0.01a-0.7_0.2";
        let AnyFigure::Relu(f) = AnyFigure::from_query("relu", query).unwrap().0 else {
            panic!()
        };
        assert_eq!(f.own.len(), 7);
        let csv = f.table().unwrap().to_csv();
        assert!(csv.starts_with("point,x,y,class"), "{csv}");
        assert!(csv.contains(",C\n") || csv.contains(",C\r\n"), "{csv}");
        let mut g = AnyFigure::from_query("relu", "?v=1&nn.data=xor").unwrap().0;
        assert_eq!(g.import_csv(&csv).unwrap(), 7);
        let AnyFigure::Relu(g) = g else { panic!() };
        assert_eq!(g.own, f.own);
        assert_eq!(g.data.test, f.data.test);
        assert_eq!(g.params.dataset, DataChoice::Own);
        // Numbers 0–3 and lower-case letters too; the same points.
        let numbers = "x,y,class\n0.5,0.5,0\n-0.5,0.25,b\n0.12,-0.9,2\n-1.2,1.2,D\n";
        let mut h = AnyFigure::from_query("relu", "?v=1").unwrap().0;
        assert_eq!(h.import_csv(numbers).unwrap(), 4);
        let AnyFigure::Relu(h) = h else { panic!() };
        assert_eq!(h.own[..], f.own[..4]);
        // Anything else: refused whole, with the line and what is accepted.
        let mut k = AnyFigure::from_query("relu", "?v=1").unwrap().0;
        for (bad, says) in [
            ("x,y,class\n0.5,0.5,E\n", "class = E is outside 0…3"),
            (
                "x,y,class\n0.5,0.5,blue\n",
                "line 2: class is 'blue', not a whole number 0…3 or a letter A–D",
            ),
            ("x,y,class\n0.5,0.5,1.5\n", "must be a whole number"),
            ("x,y,colour\n0.5,0.5,1\n", "unknown column 'colour'"),
        ] {
            let e = k.import_csv(bad).unwrap_err().to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn own_points_round_trip_through_the_link() {
        let pts = vec![
            Sample {
                point: [0.12, -0.5],
                class: 0,
            },
            Sample {
                point: [-1.2, 1.2],
                class: 3,
            },
        ];
        let text = format_points(&pts);
        assert_eq!(text, "a0.12_-0.5d-1.2_1.2");
        // Separators a hand-written list may use are accepted too.
        assert_eq!(parse_points("a0.12_-0.5~d-1.2_1.2").0, pts);
        assert_eq!(parse_points(" a0.12_-0.5, D-1.2_1.2;").0, pts);
        assert_eq!(parse_points(&text), (pts.clone(), None));
        // Through the registry: the figure reads nn.pts and writes it back, unchanged.
        let q = format!("v=1&nn.data=own&nn.pts={text}");
        let (f, notes) = AnyFigure::from_query("relu", &q).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        let out = f.query();
        assert!(out.ends_with(&format!("&nn.pts={text}")), "{out}");
        let (g, _) = AnyFigure::from_query("relu", &out).unwrap();
        assert_eq!(g.query(), out);
        // Points are written only while they are the data.
        let (f, _) = AnyFigure::from_query("relu", &format!("nn.pts={text}")).unwrap();
        assert!(!f.query().contains("pts"));
    }

    #[test]
    fn hand_edited_point_lists_never_break_the_figure() {
        let (p, note) = parse_points("a0.1_0.2~zz~b5_-9~c1_x~d0.3~~e1_1~A0.5_0.5");
        assert_eq!(
            p,
            vec![
                Sample {
                    point: [0.1, 0.2],
                    class: 0
                },
                Sample {
                    point: [1.2, -1.2],
                    class: 1
                },
                Sample {
                    point: [0.5, 0.5],
                    class: 0
                },
            ]
        );
        let note = note.unwrap();
        assert!(note.contains("4 points could not be read"), "{note}");
        assert!(note.contains("1 point outside the square"), "{note}");
        // The limit.
        let many = vec!["b0_0"; MAX_OWN_POINTS + 7].join("~");
        let (p, note) = parse_points(&many);
        assert_eq!(p.len(), MAX_OWN_POINTS);
        assert!(note.unwrap().contains("7 more were dropped"));
        // Through the figure: a note, never a panic, a picture and a caption.
        for q in [
            "nn.data=own&nn.pts=%%%",
            "nn.data=own&nn.pts=",
            "nn.data=own&nn.pts=a1e308_1e308~b-0_-0",
            &format!("nn.data=own&nn.pts={many}"),
        ] {
            let (f, _) = AnyFigure::from_query("relu", q).unwrap();
            assert!(!f.summary().is_empty());
            render_svg(&f, 640, 400).unwrap();
        }
        let (_, notes) = AnyFigure::from_query("relu", "nn.data=own&nn.pts=q").unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].key, "nn.pts");
    }

    #[test]
    fn clicks_add_and_remove_own_points_and_training_follows() {
        let mut f = fig("nn.data=own&nn.depth=2&nn.width=8");
        assert!(f.summary().starts_with("No points yet"), "{}", f.summary());
        assert!(f.shown().is_some(), "the untrained partition is shown");
        assert!(!f.actions()[0].enabled, "nothing to train on");
        assert!(f.control_enabled("cls") && !f.control_enabled("noise"));
        assert!(click(&mut f, [0.5, 0.5]).params_changed);
        assert_eq!(f.own.len(), 1);
        assert_eq!(f.data.train.len(), 1);
        let s = f.summary();
        assert!(
            s.contains("Added a training point of class A (discs) at (0.5, 0.5)"),
            "{s}"
        );
        assert!(s.contains("All training points are class A"), "{s}");
        // One class still trains, without error.
        assert!(f.action("step", false).params_changed);
        assert!(f.setup_error.is_none());
        let mut p = f.params().clone();
        p.class = 1;
        f.set_params(p);
        for (i, q) in [[-0.5, -0.5], [-0.5, 0.6], [0.6, -0.4], [0.3, 0.9]]
            .iter()
            .enumerate()
        {
            click(&mut f, *q);
            assert_eq!(f.own.len(), i + 2);
        }
        // The fifth point is a test point; steps continue from the same weights.
        assert_eq!((f.data.train.len(), f.data.test.len()), (4, 1));
        assert!(f.steps() >= STEP_BATCH);
        assert!(!f.summary().contains("All training points"));
        assert!(f.hull_split.is_some());
        // Clicking on a point removes it.
        click(&mut f, [-0.5, 0.6]);
        assert_eq!(f.own.len(), 4);
        let s = f.summary();
        assert!(
            s.starts_with("Removed the class B (triangles) point at (-0.5, 0.6)"),
            "{s}"
        );
        // A third class rebuilds the network with three outputs.
        let mut p = f.params().clone();
        p.class = 2;
        f.set_params(p);
        click(&mut f, [0.0, 1.0]);
        assert_eq!(f.data.classes, 3);
        assert_eq!(f.trainer.as_ref().unwrap().net().classes(), 3);
        // Clear all.
        assert!(f.actions()[3].enabled);
        assert!(f.action("clear", false).params_changed);
        assert!(f.own.is_empty());
        assert!(
            f.summary().starts_with("Cleared all 5 points."),
            "{}",
            f.summary()
        );
        assert!(!f.actions()[3].enabled);
        render_svg(&AnyFigure::Relu(f), 800, 420).unwrap();
    }

    #[test]
    fn keyboard_adds_and_removes_own_points() {
        let mut f = fig("nn.data=own&nn.depth=1&nn.width=4");
        assert!(f.key("ArrowRight").params_changed); // the cursor appears at the centre
        assert_eq!(f.cursor, Some([0.0, 0.0]));
        f.key("ArrowRight");
        f.key("ArrowUp");
        assert_eq!(f.cursor, Some([0.1, 0.1]));
        assert!(f.key("Enter").params_changed);
        assert_eq!(
            f.own,
            vec![Sample {
                point: [0.1, 0.1],
                class: 0
            }]
        );
        assert!(f.key("2").params_changed);
        assert_eq!(f.params().class, 1);
        f.key("ArrowLeft");
        f.key("ArrowLeft");
        f.key(" ");
        assert_eq!(f.own[1].class, 1);
        assert_eq!(f.own[1].point, [-0.1, 0.1]);
        // The caption describes the region under the cursor.
        assert!(f.summary().contains("Selected region"), "{}", f.summary());
        // Delete removes the point nearest to the cursor.
        f.key("ArrowRight");
        f.key("ArrowRight");
        f.key("ArrowRight"); // at (0.2, 0.1): nearest is (0.1, 0.1)
        assert!(f.key("Delete").params_changed);
        assert_eq!(f.own.len(), 1);
        assert_eq!(f.own[0].class, 1);
        for _ in 0..10 {
            f.key("ArrowDown");
        }
        f.key("Delete");
        assert_eq!(f.own.len(), 1);
        assert!(f
            .summary()
            .starts_with("No point within 0.25 of the cursor"));
        // The cursor stops at the window's edge.
        for _ in 0..30 {
            f.key("ArrowDown");
        }
        assert_eq!(f.cursor.unwrap()[1], -1.2);
        assert_eq!(f.key("ArrowDown"), Response::NONE);
        assert!(f.key("Escape").params_changed);
        assert!(f.cursor.is_none());
        // Elsewhere the same keys keep their meaning (no points are added).
        let mut g = fig("");
        g.key("Enter");
        g.key("1");
        assert!(g.own.is_empty());
    }

    #[test]
    fn hover_shows_the_region_under_the_pointer() {
        let mut f = quadrant_figure();
        assert!(hover(&mut f, Some([0.6, 0.7])).params_changed);
        let s = f.summary();
        assert!(s.starts_with("Hovered region"), "{s}");
        assert!(s.contains("logit z = 1·x + 1·y − 0.5"), "{s}");
        assert!(s.contains("Area 1.44"), "{s}");
        // Moving within the region changes nothing; into the next one, the caption.
        assert_eq!(hover(&mut f, Some([0.5, 0.4])), Response::NONE);
        assert!(hover(&mut f, Some([-0.6, 0.7])).params_changed);
        let s = f.summary();
        // x < 0 < y: only ReLU(y) is on (pattern 2), so z = y − 0.5.
        assert!(s.contains("activation pattern 2 "), "{s}");
        assert!(s.contains("logit z = 0·x + 1·y − 0.5"), "{s}");
        // The hover wins over a selection while it lasts; leaving restores the selection.
        click(&mut f, [0.6, -0.7]);
        hover(&mut f, Some([-0.6, 0.7]));
        assert!(f.summary().starts_with("Hovered"));
        assert!(hover(&mut f, None).params_changed);
        let s = f.summary();
        assert!(s.starts_with("Selected region"), "{s}");
        // x > 0 > y: only ReLU(x) is on (pattern 1), so z = x − 0.5.
        assert!(
            s.contains("activation pattern 1 ") && s.contains("logit z = 1·x + 0·y − 0.5"),
            "{s}"
        );
        // Other figures ignore hover.
        let (mut other, _) = AnyFigure::from_query("hull2d", "").unwrap();
        let r = other.pointer(Pointer {
            phase: PointerPhase::Hover,
            x: 100.0,
            y: 100.0,
            width: 800.0,
            height: 400.0,
        });
        assert_eq!(r, Response::NONE);
    }

    #[test]
    fn affine_maps_read_naturally() {
        let f = Affine {
            a: 1.25,
            b: -0.5,
            c: 0.0,
        };
        assert_eq!(affine_text(&f), "1.25·x − 0.5·y + 0");
        let g = Affine {
            a: -2.0,
            b: 0.125,
            c: -3.0,
        };
        assert_eq!(affine_text(&g), "−2·x + 0.125·y − 3");
        assert_eq!(architecture(3, 16, 1), "2-16-16-16-1");
    }
}
