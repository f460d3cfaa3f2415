//! The figure in words: the live caption ([`crate::figures::Figure::summary`]), the canvas's
//! description, the data table, and the sentences they are made of.

use super::own::is_test_point;
use super::own::OWN_TEST_EVERY;
use super::params::{L2Penalty, OptimizerChoice, CLASS_NAMES, CLASS_SHAPES};
use super::worker::Picture;
use super::ReluFigure;
use crate::figures::Table;
use crate::format::{number, percent, short, thousands};
use crate::math::relu::{ActivationPattern, Affine, Divergence, DivergenceCause, Sample, Window};

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
pub(super) fn architecture(depth: u32, width: u32, outputs: usize) -> String {
    let mut s = "2".to_string();
    for _ in 0..depth {
        s.push_str(&format!("-{width}"));
    }
    s.push_str(&format!("-{outputs}"));
    s
}

/// Regions after each layer: `320 after layer 1, 1,240 after layer 2`.
fn counts_text(per_layer: &[usize]) -> String {
    per_layer
        .iter()
        .enumerate()
        .map(|(l, n)| format!("{} after layer {}", thousands(*n as i64), l + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `s` after a count: `"s"` unless there is one.
fn plural<T: PartialEq + From<u8>>(n: T) -> &'static str {
    if n == T::from(1) {
        ""
    } else {
        "s"
    }
}

/// The affine map(s) of a complete region, as a sentence.
fn maps_text(maps: &[Affine]) -> String {
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

/// The cell of a partition after fewer layers than the network has, as a sentence.
fn cell_text(layers: usize, pieces: usize) -> String {
    format!(
        " Here the first {layers} layers are one affine map; the remaining layers cut this \
         cell into {} final regions.",
        thousands(pieces as i64)
    )
}

/// What the first sentence about a region says.
struct RegionHead<'a> {
    hovered: bool,
    centroid: [f64; 2],
    /// Regions of the partition it belongs to.
    cells: usize,
    layers: usize,
    /// `" at step 25 (the worker's picture)"` on the worker's picture, else empty.
    source: String,
    pattern: &'a ActivationPattern,
}

impl ReluFigure {
    /// The first sentence about a region: where it is, among how many, its pattern.
    fn region_head(&self, h: &RegionHead) -> String {
        let on: Vec<String> = (0..h.layers)
            .map(|l| format!("{}/{}", h.pattern.layer(l).count_ones(), self.params.width))
            .collect();
        format!(
            "{} region (around x = {}, y = {}), one of {} after layer {} of {}{}: activation \
             pattern {} (units on per layer: {}).",
            if h.hovered { "Hovered" } else { "Selected" },
            short(h.centroid[0], 2),
            short(h.centroid[1], 2),
            thousands(h.cells as i64),
            h.layers,
            self.params.depth,
            h.source,
            h.pattern,
            on.join(", ")
        )
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
            plural(points as u64),
            if counts.is_empty() {
                String::new()
            } else {
                format!(" ({})", counts.join(", "))
            }
        )
    }

    /// The focused region of the partition shown, described: pattern, map (or how many
    /// regions the later layers cut it into), area and points.
    fn selection_text(&self) -> Option<String> {
        if self.picture().is_some() {
            return self.picture_selection_text();
        }
        let t = self.shown()?;
        let r = t.region(self.focus()?);
        let mut s = self.region_head(&RegionHead {
            hovered: self.selection.hover_index.is_some(),
            centroid: r.centroid(),
            cells: t.len(),
            layers: t.layers(),
            source: String::new(),
            pattern: &r.pattern,
        });
        if t.is_complete() {
            s.push_str(&maps_text(r.maps));
        } else {
            // How many final regions the deeper layers cut this cell into.
            let pieces = match &self.partition.full {
                Some(Ok(f)) => f
                    .regions()
                    .filter(|q| r.contains(q.centroid(), 1e-12))
                    .count(),
                _ => 0,
            };
            s.push_str(&cell_text(t.layers(), pieces));
        }
        let mut per_class = [0usize; 4];
        for &k in r.points {
            if let Some(sample) = self.data.set.train.get(k) {
                per_class[sample.class.min(3)] += 1;
            }
        }
        s.push_str(&self.area_points_text(r.area, r.points.len(), &per_class));
        Some(s)
    }

    /// The selection text on the worker's picture: the exact region rebuilt from the
    /// snapshot's weights.
    fn picture_selection_text(&self) -> Option<String> {
        let (pic, r, _) = self.picture_focus()?;
        let layers = self.shown_layers();
        let cells = self
            .worker
            .live
            .as_ref()
            .filter(|l| l.id == pic.id)
            .and_then(|l| l.per_layer.get(layers - 1).copied())
            .unwrap_or_else(|| pic.raster.cells_after(layers));
        let mut s = self.region_head(&RegionHead {
            hovered: self.selection.hover_index.is_some(),
            centroid: r.centroid(),
            cells,
            layers,
            source: format!(
                " at step {} (the worker's picture)",
                thousands(pic.step as i64)
            ),
            pattern: &r.pattern,
        });
        if layers == self.params.depth as usize {
            s.push_str(&maps_text(&r.maps));
        } else {
            let pieces = (0..pic.raster.len())
                .filter(|&i| (0..layers).all(|l| pic.raster.word(i, l) == r.pattern.layer(l)))
                .count();
            s.push_str(&cell_text(layers, pieces));
        }
        let w = Window::DEFAULT;
        let tol = 1e-12 * (w.xmax() - w.xmin());
        let mut per_class = [0usize; 4];
        let mut inside = 0usize;
        for sample in &self.data.set.train {
            if r.contains(sample.point, tol) {
                per_class[sample.class.min(3)] += 1;
                inside += 1;
            }
        }
        s.push_str(&self.area_points_text(r.area, inside, &per_class));
        Some(s)
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
                plural(behind)
            ));
        } else if behind > 0 {
            s.push_str(&format!(
                "; the weights have moved on {} step{} since, and the worker is redrawing it.",
                thousands(behind as i64),
                plural(behind)
            ));
        } else {
            s.push('.');
        }
        s
    }

    /// Class `k` in words: `A (discs)`.
    pub(super) fn class_word(&self, k: usize) -> String {
        let k = k.min(3);
        format!("{} ({})", CLASS_NAMES[k], CLASS_SHAPES[k])
    }

    /// The settings as two short lines: data, then training.
    pub(super) fn settings_lines(&self) -> [String; 2] {
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
                    self.data.set.train.len(),
                    self.data.set.test.len()
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
    pub(super) fn test_accuracy_text(&self, accuracy: f64) -> String {
        if self.data.set.test.is_empty() {
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
        if self.own.points.is_empty() {
            return Some(format!(
                "No points yet: click or tap the square to add a point of class {class} (or \
                 focus the figure, move the cursor with the arrow keys and press Enter). \
                 Every {OWN_TEST_EVERY}th point is held out as a test point."
            ));
        }
        let mut present = [false; 4];
        for p in &self.data.set.train {
            present[p.class.min(3)] = true;
        }
        if present.iter().filter(|&&b| b).count() >= 2 {
            return None;
        }
        let only = present.iter().position(|&b| b).unwrap_or(0);
        Some(if self.data.set.train.is_empty() {
            format!(
                "The only point is a test point; add more (class {class} is selected) to give \
                 the network something to train on."
            )
        } else {
            format!(
                "All training points are class {}: there is nothing to separate, so the \
                 network learns to answer {} everywhere. Add points of another class (choose \
                 it under Class of new points, or press 1–4).",
                CLASS_NAMES[only], CLASS_NAMES[only]
            )
        })
    }

    /// Accuracy inside vs outside the training hull, in a sentence.
    fn hull_text(&self) -> Option<String> {
        if let Err(e) = &self.data.inside_hull {
            return Some(format!("The training hull could not be computed: {e}."));
        }
        let h = self.scores.hull_split?;
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

    /// The live caption (see [`crate::figures::Figure::summary`]).
    pub(super) fn caption(&self) -> String {
        if let Some(e) = &self.model.setup_error {
            return format!("The network could not be set up: {e}.");
        }
        let mut s = String::new();
        let notes = [
            self.own.edit_note.clone(),
            self.own_status(),
            self.model
                .divergence
                .as_ref()
                .map(|d| self.divergence_text(d)),
        ];
        for note in notes.into_iter().flatten() {
            s.push_str(&note);
            s.push(' ');
        }
        if let Some(sel) = self.selection_text() {
            s.push_str(&sel);
            return s;
        }
        s.push_str(&self.progress_text());
        s.push_str(&self.partition_text());
        s.push_str(&self.shown_text());
        if let Some(h) = self.hull_text() {
            s.push(' ');
            s.push_str(&h);
        }
        if let Some(asked) = self.layer_clamped {
            s.push_str(&format!(
                " The layer slider asked for {asked} layers, but the network has {} hidden \
                 layer{}: it stops there, showing them all.",
                self.params.depth,
                plural(self.params.depth)
            ));
        }
        s.push_str(&format!(" Settings: {}.", self.settings_lines().join("; ")));
        s
    }

    /// Steps, batch loss and accuracies: `Step 25, batch loss 0.41: train accuracy 93%, …`.
    fn progress_text(&self) -> String {
        let step = self.steps();
        let mut s = if step == 0 {
            "Untrained (step 0)".to_string()
        } else {
            let mut s = format!("Step {}", thousands(step as i64));
            if let Some(l) = self.model.batch_loss {
                s.push_str(&format!(", batch loss {}", short(l, 3)));
            }
            s
        };
        match self.scores.metrics {
            Some(m) => s.push_str(&format!(
                ": train accuracy {}, test accuracy {}.",
                percent(m.train.accuracy),
                self.test_accuracy_text(m.test.accuracy)
            )),
            None => s.push('.'),
        }
        s
    }

    /// The partition of the whole network: made here, counted by the worker, or on its way.
    fn partition_text(&self) -> String {
        match &self.partition.full {
            Some(Ok(f)) => format!(
                " The network cuts the window into {} linear regions ({}); on each one it is a \
                 single affine map. The Serra–Tjandraatmadja–Ramalingam bound for {} hidden \
                 layers of {} units is {} regions in the whole plane.",
                thousands(f.len() as i64),
                counts_text(f.per_layer()),
                self.params.depth,
                self.params.width,
                number(self.bound(), 2)
            ),
            Some(Err(e)) => format!(" No partition: {e}."),
            None => self.counted_text(),
        }
    }

    /// The worker's count of the whole partition, and where the picture comes from.
    fn counted_text(&self) -> String {
        let playing = self.play.is_some();
        let mut s = match self.worker.live.as_ref() {
            Some(l) => match &l.error {
                None => format!(
                    " At step {} the network cut the window into {} linear regions ({}), \
                     counted in the background: {}",
                    thousands(l.step as i64),
                    thousands(l.regions as i64),
                    counts_text(&l.per_layer),
                    self.picture_source_text(playing)
                ),
                Some(e) => format!(" No full partition: {e}."),
            },
            None if self.worker.offloaded => " Counting the linear regions of the whole \
                network in the background; the picture shows the first layers meanwhile."
                .to_string(),
            None => String::new(),
        };
        if self.worker.offloaded
            && self.worker.request.is_some()
            && self.worker.live.is_some()
            && !playing
            && self.picture().is_none()
        {
            s.push_str(" Recounting for the current weights.");
        }
        s
    }

    /// What the picture shows while the whole partition is counted in the background.
    fn picture_source_text(&self, playing: bool) -> String {
        if let Some(pic) = self.picture() {
            self.picture_text(pic, playing)
        } else if playing {
            "too many to redraw every frame, so while it trains the picture shows the first \
             layers only."
                .to_string()
        } else {
            "too many to draw without freezing the page, so the picture shows the first \
             layers, with the exact decision boundary of the whole network; the picture of \
             the whole partition follows from the background worker."
                .to_string()
        }
    }

    /// The partition shown when it is after fewer layers than the network has.
    fn shown_text(&self) -> String {
        let shown = |layers: usize, regions: usize| {
            format!(
                " Shown: the partition after the first {layers} of {} layers ({} regions).",
                self.params.depth,
                thousands(regions as i64)
            )
        };
        let on_picture = self.picture().and(self.worker.live.as_ref()).and_then(|l| {
            let k = self.shown_layers();
            (k < self.params.depth as usize)
                .then(|| l.per_layer.get(k - 1).copied())
                .flatten()
        });
        if let Some(n) = on_picture {
            shown(self.shown_layers(), n)
        } else if let Some(t) = self.partition.view.as_ref().and_then(|v| v.as_ref().ok()) {
            shown(t.layers(), t.len())
        } else {
            String::new()
        }
    }

    /// What the canvas shows, for its `aria-label`.
    pub(super) fn canvas_description(&self) -> String {
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

    /// The data as a table: every point with its set and class (own points in the order
    /// they were added, so the file loads back with the same points held out).
    pub(super) fn points_table(&self) -> Option<Table> {
        let set = &self.data.set;
        let mut t = Table::new(
            format!(
                "The {} training and {} test points of the data set",
                set.train.len(),
                set.test.len()
            ),
            &["point", "x", "y", "class"],
        );
        let row = |which: &str, s: &Sample| {
            vec![
                which.into(),
                s.point[0].into(),
                s.point[1].into(),
                CLASS_NAMES[s.class.min(3)].into(),
            ]
        };
        if self.is_own() {
            for (i, s) in self.own.points.iter().enumerate() {
                t.push(row(if is_test_point(i) { "test" } else { "training" }, s));
            }
        } else {
            for (which, samples) in [("training", &set.train), ("test", &set.test)] {
                for s in samples.iter() {
                    t.push(row(which, s));
                }
            }
        }
        (!t.rows.is_empty()).then_some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::relu::model::HistoryPoint;
    use crate::figures::relu::test_support::fig;
    use crate::figures::Figure;

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
        let full = f.partition.full.as_ref().unwrap().as_ref().unwrap();
        assert_eq!(full.per_layer().len(), 3);
        assert_eq!(
            f.history.points,
            vec![HistoryPoint {
                step: 0,
                regions: full.len()
            }]
        );
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
