//! The worker path: partitions too big for the main thread are computed by the page's Web
//! Worker from a snapshot of the weights ([`JobSpec::ReluPartition`]), which answers with the
//! exact counts and decision boundary and a raster of the whole partition. Meanwhile the
//! figure shows the partition after the first layers that fit, computed here.
//!
//! Everything this path holds is one [`WorkerPath`]; the figure's methods here decide when to
//! ask, what to show meanwhile, and take the answers.

use super::model::Scores;
use super::partition::{Partitioned, Partitions, MAX_REGIONS};
use super::ReluFigure;
use crate::jobs::{JobOutput, JobSpec};
use crate::math::relu::{
    region_at, tessellate, LocatedRegion, PartitionRaster, PartitionRequest, PartitionSummary,
    ReluNet, TessellateOptions, Tessellation, Window, MAX_RASTER_SIDE,
};
use std::cell::RefCell;

/// Above this many regions, play takes the worker path: the worker counts the full partition
/// and the page redraws every frame only the partition after the first layers that stay
/// within this many regions (about 20 ms of partition and drawing in wasm).
pub const LIVE_LIMIT: usize = 2500;
/// On the worker path of Play, the accuracies are recomputed every this many frames.
const METRICS_EVERY: u32 = 6;
/// The raster side asked of the worker before the figure has been drawn once.
const DEFAULT_RASTER_SIDE: u32 = 560;

/// The worker's picture of the whole partition: its raster and the snapshot of the weights it
/// was computed from (selections are described for these weights, so caption and picture
/// agree).
#[derive(Clone, Debug)]
pub(super) struct Picture {
    /// The request it answers.
    pub id: u64,
    /// The training step of the snapshot.
    pub step: u64,
    pub raster: PartitionRaster,
    pub net: ReluNet,
}

/// The worker's latest per-layer region counts and the architecture they are for: when they
/// say the partition is too big, the main thread does not even try it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct CountsHint {
    pub depth: u32,
    pub width: u32,
    /// Regions after each hidden layer.
    pub per_layer: Vec<usize>,
}

/// A raster that arrived ([`crate::figures::Figure::accept_bytes`]) just before the summary
/// it belongs to.
#[derive(Clone, Debug)]
pub(super) struct IncomingRaster {
    /// The request it answers.
    pub id: u64,
    pub raster: PartitionRaster,
}

/// What the coloured picture was made for: it is recoloured when any of these changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PictureKey {
    /// The request the picture answers.
    pub request: u64,
    /// Hidden layers shown.
    pub layers: usize,
    /// Side of the square in device pixels.
    pub side: u32,
}

/// The picture coloured for display (RGB, row-major, `side × side`).
#[derive(Clone, Debug)]
pub(super) struct ColouredPicture {
    pub key: PictureKey,
    pub rgb: Vec<u8>,
}

/// Everything the worker path holds.
#[derive(Clone, Debug)]
pub(super) struct WorkerPath {
    /// Largest full partition computed and drawn in place: [`LIVE_LIMIT`] in the browser
    /// (bigger ones go to the worker), [`MAX_REGIONS`] natively, where there is no worker.
    pub main_limit: usize,
    /// The full partition exceeded `main_limit`: the worker counts it, the page shows the
    /// first layers.
    pub offloaded: bool,
    /// The snapshot of the weights the worker is asked to partition.
    pub request: Option<PartitionRequest>,
    /// Identifier of the last request.
    pub request_id: u64,
    /// The worker's latest summary of the full partition.
    pub live: Option<PartitionSummary>,
    /// The worker's latest per-layer counts.
    pub counts_hint: Option<CountsHint>,
    /// The worker's raster of the whole partition, once one has arrived.
    pub picture: Option<Picture>,
    /// A raster waiting for its summary.
    pub incoming: Option<IncomingRaster>,
    /// The partition square's side in device pixels on the page's canvas (0 before the page
    /// said, see `Figure::set_viewport`): the raster size a job asks for.
    pub raster_side: u32,
    /// The picture coloured for the layers shown at the square's size, kept between frames
    /// (read and written by drawing only).
    pub coloured: RefCell<Option<ColouredPicture>>,
}

impl WorkerPath {
    /// Nothing asked or received yet.
    pub fn new() -> Self {
        WorkerPath {
            main_limit: if cfg!(target_arch = "wasm32") {
                LIVE_LIMIT
            } else {
                MAX_REGIONS
            },
            offloaded: false,
            request: None,
            request_id: 0,
            live: None,
            counts_hint: None,
            picture: None,
            incoming: None,
            raster_side: 0,
            coloured: RefCell::new(None),
        }
    }

    /// Forgets the request, the answers and the picture (a fresh network).
    pub fn forget(&mut self) {
        self.request = None;
        self.live = None;
        self.picture = None;
        self.incoming = None;
    }

    /// How many of the first layers stay within `limit` regions by `counts`.
    pub fn layers_within(counts: &[usize], limit: usize) -> usize {
        counts.iter().take_while(|&&n| n <= limit).count()
    }

    /// The job for the current request, with the raster at the square's size on the screen.
    pub fn job(&self) -> Option<JobSpec> {
        let mut r = self.request.clone()?;
        let side = match self.raster_side {
            0 => DEFAULT_RASTER_SIDE,
            s => s.min(MAX_RASTER_SIDE),
        };
        r.raster = Some([side, side]);
        Some(JobSpec::ReluPartition(r))
    }

    /// Keeps a raster for the current request until its summary arrives.
    pub fn accept_bytes(&mut self, bytes: &[u8]) {
        if let Ok((id, raster)) = PartitionRaster::from_bytes(bytes) {
            if self.request.as_ref().map(|r| r.id) == Some(id) {
                self.incoming = Some(IncomingRaster { id, raster });
            }
        }
    }

    /// Takes the final summary `s` of the current request: the request is answered, and
    /// with the raster that came before it (when it matches) becomes the new picture.
    /// Returns whether a picture was taken.
    fn answer(&mut self, s: &PartitionSummary) -> bool {
        let request = self.request.take();
        match (self.incoming.take(), request) {
            (Some(inc), Some(req))
                if inc.id == s.id && s.error.is_none() && inc.raster.len() == s.regions =>
            {
                self.picture = Some(Picture {
                    id: s.id,
                    step: s.step,
                    raster: inc.raster,
                    net: req.net,
                });
                true
            }
            _ => false,
        }
    }
}

impl ReluFigure {
    /// The full partition is too big for the main thread: asks the worker for the exact counts
    /// and decision boundary of the current weights, and partitions here only the first
    /// layers shown that stay within `main_limit` regions (`hint`: how many did by the
    /// worker's latest count; without it, or when it no longer holds, layer by layer).
    pub(super) fn offload(&mut self, hint: Option<usize>) {
        self.worker.offloaded = true;
        let current = self.picture().is_some_and(|p| {
            p.step == self.steps() && self.worker.live.as_ref().is_some_and(|l| l.id == p.id)
        }) && self.play.is_none();
        if !current {
            // (A picture of these very weights shows every layer: a layer change needs no
            // new partition.)
            self.worker.request = None;
            self.ensure_request();
        }
        self.offloaded_view(hint);
    }

    /// The per-layer view of [`Self::offload`], with the metrics at the current weights.
    pub(super) fn offloaded_view(&mut self, hint: Option<usize>) {
        let Some(net) = self.model.net() else {
            return;
        };
        self.scores = Scores::of(self.model.trainer.as_ref(), &self.data, net);
        if self.picture().is_some() {
            // The worker's picture shows every layer: nothing to partition here.
            self.partition.clear();
        } else {
            let (view, prev) = self.fitting_view(net, hint);
            self.partition = Partitions {
                full: None,
                view: Some(view),
                prev,
            };
        }
        self.relocate();
    }

    /// The partition after the deepest prefix of the layers shown that stays within
    /// `main_limit` regions, and the one a layer earlier: at `hint` layers when that fits,
    /// else found layer by layer.
    fn fitting_view(
        &self,
        net: &ReluNet,
        hint: Option<usize>,
    ) -> (Partitioned, Option<Tessellation>) {
        let most = self.shown_layers().min(net.depth());
        let limit = self.worker.main_limit;
        let cut = |layers: usize, points: &[[f64; 2]]| {
            tessellate(
                net,
                &Window::DEFAULT,
                points,
                &TessellateOptions {
                    layers: Some(layers),
                    max_regions: limit,
                },
            )
        };
        if let Some(h) = hint.map(|h| h.clamp(1, most)) {
            if let Ok(v) = cut(h, &self.data.train_points) {
                let prev = (h >= 2).then(|| cut(h - 1, &[]).ok()).flatten();
                return (Ok(v), prev);
            }
        }
        // Layer by layer until the next one would pass the limit.
        let mut view = cut(1, &self.data.train_points);
        let mut prev = None;
        for k in 2..=most {
            match cut(k, &self.data.train_points) {
                Ok(t) => prev = std::mem::replace(&mut view, Ok(t)).ok(),
                Err(_) => break,
            }
        }
        (view, prev)
    }

    /// One frame of the worker path: asks the worker for the full partition of the current
    /// weights if it is not busy with an earlier snapshot, and recomputes here only the
    /// partition after the first layers that stay within [`LIVE_LIMIT`] regions.
    pub(super) fn live_frame(&mut self) {
        self.ensure_request();
        let Some(t) = &self.model.trainer else {
            return;
        };
        let net = t.net();
        // Evaluating every point costs about as much as a training step: while the picture
        // stands in for the partition, or the first one is on its way, the accuracies are
        // recomputed every few frames only.
        let skip_metrics = self.play.is_some_and(|p| p.frames % METRICS_EVERY != 1)
            && self.scores.metrics.is_some();
        if self.picture().is_some() {
            // The worker's picture stands in for the partition.
            if skip_metrics {
                return;
            }
            self.scores = Scores::of(Some(t), &self.data, net);
            self.partition.clear();
            self.relocate();
            return;
        }
        if matches!(self.partition.view, Some(Ok(_))) && self.worker.picture.is_none() {
            // The worker's first picture is on its way (a fraction of a second): keep the
            // first layers already shown rather than partition them again every frame.
            if skip_metrics {
                return;
            }
            self.scores.metrics = Scores::metrics(Some(t), &self.data.set);
            return;
        }
        // The deepest prefix that fits, judged by the latest full counts.
        let counts: &[usize] = match (
            &self.worker.live,
            &self.partition.full,
            &self.partition.view,
        ) {
            (Some(l), _, _) if !l.per_layer.is_empty() => &l.per_layer,
            (_, Some(Ok(f)), _) => f.per_layer(),
            (_, _, Some(Ok(v))) => v.per_layer(),
            _ => &[],
        };
        let fit = WorkerPath::layers_within(counts, LIVE_LIMIT);
        let layers = fit.clamp(1, self.shown_layers().min(net.depth()));
        let view = tessellate(
            net,
            &Window::DEFAULT,
            &self.data.train_points,
            &TessellateOptions {
                layers: Some(layers),
                max_regions: 4 * LIVE_LIMIT,
            },
        );
        self.scores = Scores::of(Some(t), &self.data, net);
        self.partition.full = None;
        self.partition.prev = None;
        self.partition.view = Some(view);
        self.relocate();
    }

    /// Snapshots the weights for the worker unless it is still busy with an earlier snapshot.
    pub(super) fn ensure_request(&mut self) {
        let step = self.steps();
        let Some(net) = self.model.net() else {
            return;
        };
        let w = &mut self.worker;
        if w.request.is_none() {
            w.request_id += 1;
            w.request = Some(PartitionRequest {
                id: w.request_id,
                step,
                max_regions: MAX_REGIONS,
                net: net.clone(),
                raster: None,
            });
        }
    }

    /// The worker's picture of the whole partition, when it is what the figure shows: the
    /// worker path, with a raster for this architecture.
    pub(super) fn picture(&self) -> Option<&Picture> {
        self.worker.picture.as_ref().filter(|p| {
            self.worker.offloaded
                && p.raster.layers() == self.params.depth as usize
                && p.net.hidden_widths().first() == Some(&(self.params.width as usize))
                && p.net.classes() == self.data.set.classes.max(2)
        })
    }

    /// The picture's region whose pixel holds `p` (the cell shown is the one of its first
    /// layers), or `None` outside the window.
    pub(super) fn picture_index(pic: &Picture, p: [f64; 2]) -> Option<usize> {
        let w = Window::DEFAULT;
        if !w.contains(p) {
            return None;
        }
        let r = &pic.raster;
        let col = ((p[0] - w.xmin()) / (w.xmax() - w.xmin()) * r.width() as f64) as u32;
        let row = ((w.ymax() - p[1]) / (w.ymax() - w.ymin()) * r.height() as f64) as u32;
        Some(r.id(col.min(r.width() - 1), row.min(r.height() - 1)) as usize)
    }

    /// The exact region (of the layers shown) holding the focused point of the picture.
    pub(super) fn picture_focus(&self) -> Option<(&Picture, LocatedRegion, [f64; 2])> {
        let pic = self.picture()?;
        self.focus()?;
        let p = self.focus_point()?;
        let r = region_at(&pic.net, &Window::DEFAULT, self.shown_layers(), p)?;
        Some((pic, r, p))
    }

    /// The job the figure needs: the current snapshot, while Play runs on the worker path or
    /// the partition is offloaded.
    pub(super) fn worker_job(&self) -> Option<JobSpec> {
        match (&self.play, &self.worker.request) {
            (Some(p), Some(_)) if p.worker => self.worker.job(),
            (None, Some(_)) if self.worker.offloaded => self.worker.job(),
            _ => None,
        }
    }

    /// Takes the worker's report: a final one answers the current request (with the raster
    /// that came before it, the new picture), updates the counts and the history, and may
    /// bring the partition back to the main thread or choose another per-layer view.
    pub(super) fn accept_partition(&mut self, output: &JobOutput) {
        let JobOutput::ReluPartition(s) = output else {
            return;
        };
        if self.worker.request.as_ref().map(|r| r.id) != Some(s.id) || s.partial {
            // Another request's, or this one's counts before its raster: the answer is the
            // final report, which comes with the raster.
            return;
        }
        if self.worker.answer(s) && self.picture().is_some() {
            // The picture replaces the per-layer view partitioned here.
            self.partition.clear();
            self.relocate();
        }
        if s.error.is_none() {
            self.worker.counts_hint = Some(CountsHint {
                depth: self.params.depth,
                width: self.params.width,
                per_layer: s.per_layer.clone(),
            });
            self.history.record_counted(s.step, s.regions);
        }
        self.worker.live = Some(s.clone());
        if self.worker.offloaded && self.play.is_none() && s.error.is_none() {
            let fit = WorkerPath::layers_within(&s.per_layer, self.worker.main_limit);
            if s.regions <= self.worker.main_limit {
                // Small enough again: the whole partition, in place.
                self.repartition();
            } else if self.shown().map(|t| t.layers()) != Some(fit.clamp(1, self.shown_layers())) {
                // The view was chosen by older counts: the deepest prefix that fits now.
                self.offloaded_view(Some(fit));
            }
        }
        // The next snapshot at once, so the worker never idles (and the page's progress row
        // does not flicker between jobs).
        if self.play.is_some_and(|p| p.worker) {
            self.ensure_request();
        }
    }

    /// How many of the first layers fit the main thread by the worker's latest counts for
    /// this architecture, when those counts say the whole network does not.
    pub(super) fn hinted_fit(&self) -> Option<usize> {
        let hint = self.worker.counts_hint.as_ref()?;
        let limit = self.worker.main_limit;
        ((hint.depth, hint.width) == (self.params.depth, self.params.width)
            && hint.per_layer.last().is_some_and(|&n| n > limit))
        .then(|| WorkerPath::layers_within(&hint.per_layer, limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::relu::model::HistoryPoint;
    use crate::figures::relu::play::{
        QUIET_STEPS_PER_FRAME, REDUCED_MOTION_STEPS, STEPS_PER_FRAME, STEP_BATCH,
    };
    use crate::figures::relu::test_support::{click, fig, web_fig};
    use crate::figures::relu::text::affine_text;
    use crate::figures::{render_svg, AnyFigure, Figure, Response};
    use crate::format::{number, thousands};

    #[test]
    fn big_networks_train_through_the_worker_path() {
        let mut f = fig("nn.depth=6&nn.width=32&nn.data=spirals");
        let n0 = f.partition.full.as_ref().unwrap().as_ref().unwrap().len();
        assert!(n0 > LIVE_LIMIT, "{n0}");
        f.action("play", false);
        assert!(f.play.unwrap().worker);
        let Some(JobSpec::ReluPartition(req)) = f.job() else {
            panic!("a partition request")
        };
        assert_eq!(req.step, 0);
        // The main thread only holds a small per-layer view.
        assert!(f.partition.full.is_none());
        let v = f.shown().unwrap();
        assert!(v.layers() < 6 && v.len() <= 4 * LIVE_LIMIT, "{}", v.len());
        assert!(v.per_layer().iter().all(|&n| n <= 4 * LIVE_LIMIT));
        // Training goes on while the worker is busy; the request stays the same snapshot.
        assert!(f.tick(0.0));
        assert_eq!(f.steps(), STEPS_PER_FRAME);
        assert_eq!(f.job(), Some(JobSpec::ReluPartition(req.clone())));
        // The worker's answer: the exact count of the snapshot, cross-checked here.
        let out = crate::jobs::run_to_end(&JobSpec::ReluPartition(req.clone())).unwrap();
        f.accept(&out);
        // The worker gets the next snapshot at once.
        let Some(JobSpec::ReluPartition(next)) = f.job() else {
            panic!("the next request")
        };
        assert_eq!((next.id, next.step), (req.id + 1, STEPS_PER_FRAME));
        let direct = tessellate(
            &req.net,
            &Window::DEFAULT,
            &[],
            &TessellateOptions {
                layers: None,
                max_regions: MAX_REGIONS,
            },
        )
        .unwrap();
        assert_eq!(
            f.history.points.last(),
            Some(&HistoryPoint {
                step: 0,
                regions: direct.len()
            })
        );
        let s = f.summary();
        assert!(s.contains("counted in the background"), "{s}");
        assert!(s.contains(&thousands(direct.len() as i64)), "{s}");
        // A stale answer (another id) is ignored.
        f.tick(16.0);
        assert_eq!(f.job(), Some(JobSpec::ReluPartition(next.clone())));
        f.accept(&out);
        assert_eq!(f.job(), Some(JobSpec::ReluPartition(next)));
        render_svg(&AnyFigure::Relu(f.clone()), 900, 460).unwrap();
        // Pause: the full partition again, on the main thread.
        f.action("play", false);
        assert!(f.job().is_none());
        assert!(f.partition.full.as_ref().unwrap().is_ok());
        // Small networks never use the worker.
        let mut g = fig("nn.depth=2&nn.width=8");
        g.action("play", false);
        assert!(!g.play.unwrap().worker);
        g.tick(0.0);
        assert!(g.job().is_none());
    }

    /// Checks that `f` holds no partition bigger than the main thread may draw, asks the
    /// worker (here: runs its job natively), and checks the caption's count against a direct
    /// partition of the same weights.
    fn offloaded_and_answered(f: &mut ReluFigure, what: &str, deepest: bool) {
        assert!(f.worker.offloaded, "{what}");
        assert!(
            f.partition.full.is_none(),
            "{what}: no full partition on the main thread"
        );
        let v = f.shown().expect("a per-layer view");
        assert!(
            v.len() <= 4 * LIVE_LIMIT && v.layers() < 6,
            "{what}: {}",
            v.len()
        );
        let view_counts = v.per_layer().to_vec();
        let Some(JobSpec::ReluPartition(req)) = f.job() else {
            panic!("{what}: a partition request")
        };
        assert_eq!(
            req.step,
            f.steps(),
            "{what}: the request is the current weights"
        );
        assert!(f.summary().contains("in the background"), "{what}");
        let out = crate::jobs::run_to_end(&JobSpec::ReluPartition(req.clone())).unwrap();
        f.accept(&out);
        assert!(f.job().is_none(), "{what}: nothing more to do when paused");
        let direct = tessellate(
            &req.net,
            &Window::DEFAULT,
            &[],
            &TessellateOptions {
                layers: None,
                max_regions: MAX_REGIONS,
            },
        )
        .unwrap();
        assert!(direct.len() > LIVE_LIMIT, "{what}");
        // The view is the exact partition of the first layers: its counts are the full
        // partition's. Without a hint it is the deepest prefix shown that fits the limit; with
        // one (older counts) it may be shallower until the worker's answer corrects it.
        let fit = direct
            .per_layer()
            .iter()
            .take_while(|&&n| n <= LIVE_LIMIT)
            .count()
            .clamp(1, f.shown_layers());
        let l = view_counts.len();
        assert_eq!(view_counts[..], direct.per_layer()[..l], "{what}");
        if deepest {
            assert_eq!(l, fit, "{what}: {view_counts:?}");
        }
        let after = f.shown().unwrap().per_layer().to_vec();
        assert_eq!(after.len(), fit, "{what}: after the answer {after:?}");
        assert_eq!(after[..], direct.per_layer()[..fit], "{what}");
        let s = f.summary();
        assert!(
            s.contains(&format!(
                "At step {} the network cut the window into {} linear regions",
                thousands(req.step as i64),
                thousands(direct.len() as i64)
            )),
            "{what}: {s}"
        );
        assert!(
            s.contains("too many to draw without freezing the page"),
            "{s}"
        );
        render_svg(&AnyFigure::Relu(f.clone()), 900, 460).unwrap();
    }

    /// Runs the figure's partition job as the worker does, bytes and all.
    fn answer_with_picture(f: &mut ReluFigure) -> PartitionRequest {
        let Some(JobSpec::ReluPartition(req)) = f.job() else {
            panic!("a partition request")
        };
        let mut r = crate::jobs::Runner::new(&JobSpec::ReluPartition(req.clone())).unwrap();
        // As the worker does: a report after every slice, the bytes with the last.
        while !r.step(1) {
            f.accept(&r.output());
            assert!(
                f.worker.request.is_some(),
                "a partial report does not answer the request"
            );
        }
        f.accept_bytes(r.bytes().expect("a raster"));
        f.accept(&r.output());
        req
    }

    /// The worker path with its picture: the whole partition arrives as a raster, the caption
    /// says so, the layer slider shows every layer's cells without a new job, and a selected
    /// region is described exactly (pattern, map, area of the direct partition's region).
    #[test]
    fn the_workers_picture_shows_the_whole_partition_at_every_layer() {
        let mut f = web_fig("nn.depth=6&nn.width=32&nn.data=spirals");
        assert!(f.worker.offloaded && f.picture().is_none());
        f.worker.raster_side = 150;
        let req = answer_with_picture(&mut f);
        assert_eq!(req.raster, Some([150, 150]));
        let direct = tessellate(
            &req.net,
            &Window::DEFAULT,
            &f.data.train_points,
            &TessellateOptions {
                layers: None,
                max_regions: MAX_REGIONS,
            },
        )
        .unwrap();
        assert!(direct.len() > LIVE_LIMIT);
        let pic = f.picture().expect("the picture");
        assert_eq!((pic.raster.len(), pic.step), (direct.len(), f.steps()));
        assert!(f.shown().is_none(), "no partition on the main thread");
        assert!(f.job().is_none(), "nothing more to do");
        let s = f.summary();
        assert!(
            s.contains(&format!(
                "the network cut the window into {} linear regions",
                thousands(direct.len() as i64)
            )) && s.contains("computed by the background worker and drawn as 150 × 150 pixels"),
            "{s}"
        );
        let svg = render_svg(&AnyFigure::Relu(f.clone()), 420, 300).unwrap();
        assert!(svg.contains("<rect"), "the raster is drawn");
        // Select a region by key: the description is the direct partition's region.
        assert_eq!(f.key("n"), Response::PARAMS);
        let p = f.selection.selected.unwrap();
        let i = direct.locate(p).unwrap();
        let reg = direct.region(i);
        let s = f.summary();
        assert!(s.starts_with("Selected region"), "{s}");
        assert!(s.contains(&format!("{}", reg.pattern)), "{s}");
        assert!(s.contains(&affine_text(&reg.maps[0])), "{s}");
        assert!(s.contains(&format!("Area {}", number(reg.area, 3))), "{s}");
        assert!(
            s.contains(&format!("it holds {} training point", reg.points.len())),
            "{s}"
        );
        // Arrows cross to a neighbouring region.
        assert_eq!(f.key("ArrowRight"), Response::PARAMS);
        let q = f.selection.selected.unwrap();
        assert!(q[0] > p[0] - 1e-9);
        assert_ne!(direct.locate(q), Some(i));
        // The layer slider: the cells after two layers, from the same picture, no new job.
        let mut params = f.params().clone();
        params.layer = 2;
        f.set_params(params);
        assert!(f.job().is_none(), "a layer change needs no new partition");
        assert!(f.picture().is_some());
        assert_eq!(
            f.picture().unwrap().raster.cells_after(2),
            direct.per_layer()[1]
        );
        let two = tessellate(
            &req.net,
            &Window::DEFAULT,
            &[],
            &TessellateOptions {
                layers: Some(2),
                max_regions: MAX_REGIONS,
            },
        )
        .unwrap();
        let q = f.selection.selected.unwrap();
        let cell = two.region(two.locate(q).unwrap());
        let s = f.summary();
        assert!(s.contains(&format!("{}", cell.pattern)), "{s}");
        assert!(s.contains(&format!("Area {}", number(cell.area, 3))), "{s}");
        assert_eq!(f.key("Escape"), Response::PARAMS);
        let s = f.summary();
        assert!(
            s.contains(&format!(
                "Shown: the partition after the first 2 of 6 layers ({} regions)",
                thousands(direct.per_layer()[1] as i64)
            )),
            "{s}"
        );
        // Training moves on: the picture stays, marked as behind, and a new one is asked for.
        assert_eq!(f.action("step", false), Response::PARAMS);
        assert!(f.picture().is_some());
        assert!(f.summary().contains("25 steps since"), "{}", f.summary());
        let req2 = answer_with_picture(&mut f);
        assert_eq!(req2.step, 25);
        assert_eq!(f.picture().unwrap().step, 25);
        // Reset weights: the old picture goes.
        f.action("reset", false);
        assert!(f.picture().is_none());
    }

    #[test]
    fn big_partitions_never_run_on_the_main_thread_in_the_browser() {
        // Load.
        let mut f = web_fig("nn.depth=6&nn.width=32&nn.data=spirals");
        offloaded_and_answered(&mut f, "load", true);
        // Step ×25.
        f.action("step", false);
        assert_eq!(f.steps(), STEP_BATCH);
        offloaded_and_answered(&mut f, "step", false);
        // Play, then pause: the pause does not partition the whole network here either.
        f.action("play", false);
        assert!(f.play.unwrap().worker);
        for _ in 0..3 {
            f.tick(0.0);
        }
        f.action("play", false);
        assert!(f.play.is_none());
        offloaded_and_answered(&mut f, "pause", false);
        // A slider: the learning rate (same weights, new trainer), then the noise (new data
        // and weights), then the layer slider.
        let mut p = f.params().clone();
        p.learning_rate = 0.02;
        f.set_params(p.clone());
        offloaded_and_answered(&mut f, "learning rate", false);
        p.noise = 0.1;
        f.set_params(p.clone());
        assert_eq!(f.steps(), 0);
        offloaded_and_answered(&mut f, "noise", false);
        p.layer = 2;
        f.set_params(p.clone());
        assert_eq!(
            f.shown().unwrap().layers(),
            2,
            "the layer slider is exact when it fits"
        );
        offloaded_and_answered(&mut f, "layer slider", true);
        // Play under reduced motion: the end state, trained over frames without redrawing the
        // partition in between, then partitioned by the worker.
        f.action("play", true);
        let picture = |f: &ReluFigure| {
            f.shown()
                .map(|t| t.regions().map(|r| r.polygon.to_vec()).collect::<Vec<_>>())
        };
        let before = picture(&f);
        let mut frames = 0;
        while f.tick(0.0) {
            frames += 1;
            assert!(
                f.steps() <= QUIET_STEPS_PER_FRAME * frames,
                "no frame trains more"
            );
            assert!(picture(&f) == before, "no motion in between");
            assert!(f.job().is_none());
        }
        assert_eq!(frames + 1, REDUCED_MOTION_STEPS / QUIET_STEPS_PER_FRAME);
        assert_eq!(f.steps(), REDUCED_MOTION_STEPS);
        offloaded_and_answered(&mut f, "reduced motion", false);
        // Selection still names a region of the shown (exact, per-layer) partition.
        click(&mut f, [0.3, 0.2]);
        let i = f.selection.selected_index.expect("selected");
        assert!(f.shown().unwrap().region(i).contains([0.3, 0.2], 1e-9));
        // When the worker's count says the partition fits again, it is drawn in place.
        f.action("step", false);
        let Some(job) = f.job() else {
            panic!("a request")
        };
        f.worker.main_limit = MAX_REGIONS - 1;
        f.accept(&crate::jobs::run_to_end(&job).unwrap());
        assert!(!f.worker.offloaded && f.job().is_none());
        assert!(f.partition.full.as_ref().unwrap().is_ok());
        // Small networks stay exactly as they were: the full partition, in place, no job.
        let mut g = web_fig("nn.depth=3&nn.width=16&nn.data=spirals");
        assert!(!g.worker.offloaded && g.job().is_none());
        assert!(g.partition.full.as_ref().unwrap().as_ref().unwrap().len() <= LIVE_LIMIT);
        g.action("step", false);
        assert!(!g.worker.offloaded && g.job().is_none() && g.partition.full.is_some());
    }
}
