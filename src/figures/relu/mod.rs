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
//! in device pixels ([`crate::math::relu::PartitionRaster`]: one region per pixel, each region's pattern), sent
//! as bytes beside the summary. The page colours that raster for the layers shown (every
//! layer's cells follow from the patterns, so the layer slider needs no new job), draws it in
//! one `putImageData` with the exact boundary, and describes a selected region exactly from
//! the snapshot's weights ([`crate::math::relu::region_at`]: pattern, affine map, area, points). The caption says
//! the picture comes from the worker, at which step, and while Play runs how many steps it is
//! behind; a newer snapshot supersedes an older one. Until the first picture arrives, the
//! figure shows the first layers that stay within the limit, partitioned in place. A frame of
//! Play trains at most [`STEPS_PER_FRAME`] steps, fewer while frames come late, and
//! recomputes the accuracies every few frames. Natively (the `render` command, tests), where
//! there is no worker, the full partition is drawn.
//! Beyond [`MAX_REGIONS`] the figure says so instead of drawing.
//!
//! ## Where things are
//! - `params`: the parameters by name, and the choices (data set, L2 penalty, optimizer) as
//!   enums read from and written to the link;
//! - `model`: the data (with its training hull) and the network, its trainer and history;
//! - `partition`: the partitions made on the main thread, and when to make them;
//! - `worker`: the worker path, all its state in one `WorkerPath`;
//! - `play`: the buttons and the animation of Play;
//! - `own`: the reader's own points (link, file, clicks, keys);
//! - `interaction`: selection, hover, pointer and keys;
//! - `text`: the caption, the canvas's description and the data table;
//! - `draw`: both panels, and the square's layout (the data↔pixel mapping) that drawing
//!   gives back; `picture`: the worker's raster on the screen.

mod draw;
mod interaction;
mod model;
mod own;
mod params;
mod partition;
mod picture;
mod play;
#[cfg(test)]
mod test_support;
mod text;
mod worker;

use super::{Action, DrawResult, Figure, PointImport, Pointer, Response, Table, Viewport};
use crate::jobs::{JobOutput, JobSpec};
use crate::params::Note;
use interaction::Selection;
use model::{Data, History, Model, Scores};
use own::OwnPoints;
use params::Change;
use partition::Partitions;
use play::Play;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use worker::WorkerPath;

pub use model::{POINTS, TEST_FRACTION};
pub use own::{
    format_points, parse_points, CURSOR_STEP, MAX_OWN_POINTS, OWN_GRID, OWN_TEST_EVERY, OWN_WINDOW,
};
pub use params::{
    DataChoice, L2Penalty, OptimizerChoice, ReluParams, CLASS_CHOICES, DATASETS, L2_CHOICES,
    OPTIMIZERS,
};
pub use partition::MAX_REGIONS;
pub use play::{PLAY_STEPS, REDUCED_MOTION_STEPS, STEPS_PER_FRAME, STEP_BATCH};
pub use worker::LIVE_LIMIT;

/// The ReLU-spline figure.
#[derive(Clone, Debug)]
pub struct ReluFigure {
    params: ReluParams,
    /// A layer the reader asked for beyond the depth (clamped), for the caption.
    layer_clamped: Option<u32>,
    /// The data, with the training hull.
    data: Data,
    /// The reader's own points (the data when the data set is "your own points").
    own: OwnPoints,
    /// The network and its training.
    model: Model,
    /// The network's accuracies at the last partition.
    scores: Scores,
    /// Regions against the training step.
    history: History,
    /// The partitions made on the main thread.
    partition: Partitions,
    /// The selected and hovered regions, the keyboard cursor.
    selection: Selection,
    /// Play, while it runs.
    play: Option<Play>,
    /// The worker path: requests, answers and the worker's picture.
    worker: WorkerPath,
}

impl Figure for ReluFigure {
    type Params = ReluParams;
    const KIND: &'static str = "relu";
    const TITLE: &'static str = "A ReLU network cuts the plane into linear regions";

    fn new(params: ReluParams) -> Self {
        let mut f = Self {
            params,
            layer_clamped: None,
            data: Data::empty(),
            own: OwnPoints::default(),
            model: Model::default(),
            scores: Scores::default(),
            history: History::default(),
            partition: Partitions::default(),
            selection: Selection::default(),
            play: None,
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
        self.caption()
    }

    fn description(&self) -> String {
        self.canvas_description()
    }

    fn height_for(&self, width: f64) -> f64 {
        self.height(width)
    }

    /// Draws both panels. The square's layout that drawing gives back is dropped here: the
    /// trait's `draw` returns no value (see the `draw` module).
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        self.draw_panels(root, scale).map(|_| ())
    }

    fn set_viewport(&mut self, v: Viewport) {
        self.worker.raster_side = draw::SquareLayout::new(v.width, v.height, v.scale).side_px();
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
        self.point_at(p)
    }

    fn key(&mut self, key: &str) -> Response {
        self.press(key)
    }

    fn hovers(&self) -> bool {
        true
    }

    fn read_extra(&mut self, query: &str) -> Vec<Note> {
        self.read_points(query)
    }

    fn extra_query(&self) -> String {
        self.points_query()
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
        self.buttons()
    }

    fn action(&mut self, id: &str, reduced_motion: bool) -> Response {
        self.press_button(id, reduced_motion)
    }

    fn tick(&mut self, now_ms: f64) -> bool {
        self.frame(now_ms)
    }

    fn keyboard_help(&self) -> &'static str {
        "On the figure: point at a region to see its formula; click or tap a region to select \
         it (again to clear); ← → ↑ ↓ move to the neighbouring region, n / p step through \
         regions, Esc clears the selection. With Your own points: click or tap to add a point \
         of the chosen class (on a point: remove it); or ← → ↑ ↓ move a cross, Enter adds a \
         point there, Delete removes the nearest one, 1–4 choose the class."
    }

    fn point_import(&self) -> Option<PointImport> {
        Some(Self::points_file())
    }

    /// Replaces the own points with `rows` (`[x, y, class]`, already checked against the
    /// window, the classes and [`MAX_OWN_POINTS`]), snapped to the link's grid, and switches
    /// to "your own points" with a fresh network: the same state a link with these points
    /// loads.
    fn import_points(&mut self, rows: Vec<Vec<f64>>) -> Response {
        self.load_points(rows)
    }

    /// The own points as `[x, y, class]` while they are the data (none when there are none:
    /// a points file needs at least one).
    fn own_points(&self) -> Option<Vec<Vec<f64>>> {
        self.own_rows()
    }

    fn table(&self) -> Option<Table> {
        self.points_table()
    }
}

#[cfg(test)]
mod tests {
    use crate::figures::relu::test_support::fig;
    use crate::figures::{render_svg, AnyFigure, Figure};

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
}
