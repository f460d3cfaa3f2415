//! The partitions computed on the main thread: the whole network's, the one after the layers
//! shown, and the one a layer earlier (whose edges are drawn grey); and when the figure
//! computes them here or hands the whole one to the worker ([`super::worker`]).

use super::model::Scores;
use super::ReluFigure;
use crate::math::relu::{
    serra_bound, tessellate, TessellateError, TessellateOptions, Tessellation, Window,
};

/// Largest partition whose regions are filled; bigger ones are drawn as edges only.
pub(super) const FILL_LIMIT: usize = 6000;
/// Largest partition drawn; beyond it the figure says so instead.
pub const MAX_REGIONS: usize = 60_000;

/// A partition, or why there is none.
pub(super) type Partitioned = Result<Tessellation, TessellateError>;

/// The partitions the main thread holds.
#[derive(Clone, Debug, Default)]
pub(super) struct Partitions {
    /// The partition by the whole network.
    pub full: Option<Partitioned>,
    /// The partition by the first `layer` hidden layers, when fewer than all.
    pub view: Option<Partitioned>,
    /// The partition by one layer fewer than shown (when at least 2 are shown): its edges are
    /// drawn dark, so the cuts the last shown layer adds stand out.
    pub prev: Option<Tessellation>,
}

impl Partitions {
    /// The partition drawn: the per-layer view when fewer layers are shown, else the full one.
    pub fn shown(&self) -> Option<&Tessellation> {
        match (&self.view, &self.full) {
            (Some(v), _) => v.as_ref().ok(),
            (None, Some(f)) => f.as_ref().ok(),
            _ => None,
        }
    }

    /// The error of the shown partition, if it failed.
    pub fn shown_error(&self) -> Option<&TessellateError> {
        match (&self.view, &self.full) {
            (Some(Err(e)), _) | (None, Some(Err(e))) => Some(e),
            _ => None,
        }
    }

    /// None at all (the worker's picture stands in for them).
    pub fn clear(&mut self) {
        *self = Partitions::default();
    }
}

impl ReluFigure {
    /// The number of hidden layers whose partition is shown.
    pub(super) fn shown_layers(&self) -> usize {
        (self.params.layer.clamp(1, self.params.depth.max(1))) as usize
    }

    /// The partition drawn (see [`Partitions::shown`]).
    pub(super) fn shown(&self) -> Option<&Tessellation> {
        self.partition.shown()
    }

    /// Recomputes the partitions, the metrics and the selection for the current network.
    pub(super) fn repartition(&mut self) {
        // The model alone (not `self`), so the other fields stay assignable.
        let Some(net) = self.model.net() else {
            self.worker.offloaded = false;
            self.partition.full = None;
            self.partition.view = None;
            self.scores = Scores::default();
            self.selection.selected_index = None;
            self.selection.hover_index = None;
            return;
        };
        // Too big by the worker's latest count for this architecture: skip the attempt (the
        // weights, or the data, changed since, but the counts change slowly).
        if let Some(fit) = self.hinted_fit() {
            self.offload(Some(fit));
            return;
        }
        let limit = self.worker.main_limit;
        let full = tessellate(
            net,
            &Window::DEFAULT,
            &self.data.train_points,
            &TessellateOptions {
                layers: None,
                max_regions: limit.min(MAX_REGIONS),
            },
        );
        if limit < MAX_REGIONS {
            if let Err(TessellateError::TooManyRegions { .. }) = &full {
                // Too big to partition and draw within a frame: the worker counts it. (The
                // error's layer is not the last one that fits: the partition is built depth
                // first, so the deepest layer usually overflows first.)
                self.offload(None);
                return;
            }
        }
        self.worker.offloaded = false;
        let (view, prev) = self.layer_views(&full);
        self.partition.view = view;
        self.partition.prev = prev;
        self.scores = Scores::of(self.model.trainer.as_ref(), &self.data, net);
        if let Ok(f) = &full {
            self.history.record(self.model.steps(), f.len());
        }
        self.partition.full = Some(full);
        self.relocate();
    }

    /// Beside the `full` partition: the one after the layers shown (when fewer than all),
    /// and the one a layer earlier, whose edges are drawn grey only where the cells are big
    /// enough to see them (above [`FILL_LIMIT`] regions it is not worth its cost, up to half
    /// the time).
    fn layer_views(&self, full: &Partitioned) -> (Option<Partitioned>, Option<Tessellation>) {
        let Some(net) = self.model.net() else {
            return (None, None);
        };
        let shown = self.shown_layers();
        let cut = |layers: usize, points: &[[f64; 2]]| {
            tessellate(
                net,
                &Window::DEFAULT,
                points,
                &TessellateOptions {
                    layers: Some(layers),
                    max_regions: MAX_REGIONS,
                },
            )
        };
        let view = (shown < net.depth()).then(|| cut(shown, &self.data.train_points));
        let shown_len = match (&view, full) {
            (Some(Ok(v)), _) => v.len(),
            (None, Ok(f)) => f.len(),
            _ => usize::MAX,
        };
        let prev = (shown >= 2 && shown_len <= FILL_LIMIT)
            .then(|| cut(shown - 1, &[]).ok())
            .flatten();
        (view, prev)
    }

    /// The Serra–Tjandraatmadja–Ramalingam bound on the regions of this architecture.
    pub(super) fn bound(&self) -> f64 {
        let hidden = vec![self.params.width as usize; self.params.depth as usize];
        serra_bound(&hidden, 2)
    }

    /// The number of linear regions of the window after each hidden layer of the current
    /// network (the caption's counts), when the partition is known.
    pub fn regions_per_layer(&self) -> Option<Vec<usize>> {
        self.per_layer().map(<[usize]>::to_vec)
    }

    /// The regions after each hidden layer: of the full partition made here, else of the
    /// worker's last count.
    pub(super) fn per_layer(&self) -> Option<&[usize]> {
        match (&self.partition.full, &self.worker.live) {
            (Some(Ok(f)), _) => Some(f.per_layer()),
            (None, Some(l)) if l.error.is_none() => Some(&l.per_layer),
            _ => None,
        }
    }

    /// How many test points lie inside and how many outside the convex hull of the training
    /// points (independent of the network), when that could be decided.
    pub fn test_hull_split(&self) -> Option<(usize, usize)> {
        let inside = self.data.inside_hull.as_ref().ok()?;
        let n = inside.iter().filter(|&&b| b).count();
        Some((n, inside.len() - n))
    }
}

#[cfg(test)]
mod tests {
    use crate::figures::relu::test_support::fig;
    use crate::figures::Figure;

    #[test]
    fn layer_slider_shows_the_partition_after_layer_l() {
        let mut f = fig("nn.depth=3&nn.width=8&nn.layer=1");
        let full = f.partition.full.as_ref().unwrap().as_ref().unwrap().clone();
        let shown = f.shown().unwrap();
        assert_eq!(shown.layers(), 1);
        assert_eq!(shown.len(), full.per_layer()[0]);
        assert!(f.partition.prev.is_none());
        assert!(f.summary().contains("after the first 1 of 3 layers"));
        let mut p = f.params().clone();
        p.layer = 2;
        f.set_params(p.clone());
        assert_eq!(f.shown().unwrap().len(), full.per_layer()[1]);
        // The partition one layer earlier, whose edges are drawn grey under the new cuts.
        assert_eq!(
            f.partition.prev.as_ref().unwrap().len(),
            full.per_layer()[0]
        );
        // Beyond the depth (a link or the slider): clamped to all layers, and the caption
        // says so.
        p.layer = 6;
        f.set_params(p.clone());
        assert!(f.partition.view.is_none());
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
        assert!(f.partition.view.is_none());
        // A cell of a per-layer view is described with its later pieces.
        let mut f = fig("nn.depth=2&nn.width=6&nn.layer=1");
        f.key("n");
        let s = f.summary();
        assert!(s.contains("the remaining layers cut this cell into"), "{s}");
    }
}
