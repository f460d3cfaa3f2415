//! The data and the network: the data set with what follows from it alone (the training hull
//! and which test points lie in it), the trainer and its history, and how the figure builds,
//! rebuilds and trains them.

use super::own::own_dataset;
use super::ReluFigure;
use crate::math::hull::convex_polygon;
use crate::math::relu::{
    hull_membership, split_accuracy, Dataset, DatasetSpec, Divergence, HullSplit, Metrics, ReluNet,
    TrainConfig, TrainError, Trainer,
};

/// Points per data set, train and test together (fixed so the picture stays legible).
pub const POINTS: usize = 300;
/// Share of the points held out for testing.
pub const TEST_FRACTION: f64 = 0.2;
/// Mini-batch size.
const BATCH: usize = 32;
/// Most history entries kept (older ones are thinned).
pub(super) const HISTORY_MAX: usize = 1000;

/// The data and what follows from them alone, before any network.
#[derive(Clone, Debug)]
pub(super) struct Data {
    /// The training and test points.
    pub set: Dataset,
    /// Training points, as the partition wants them.
    pub train_points: Vec<[f64; 2]>,
    /// For each test point, whether it lies in the hull of the training points (or why that
    /// could not be decided).
    pub inside_hull: Result<Vec<bool>, String>,
    /// The training hull's outline, counter-clockwise.
    pub hull_outline: Vec<[f64; 2]>,
}

impl Data {
    /// The data `set` with its training hull and which test points lie in it.
    pub fn new(set: Dataset) -> Self {
        let train_points: Vec<[f64; 2]> = set.train.iter().map(|s| s.point).collect();
        let hull_outline = convex_polygon(&train_points);
        let inside_hull = if set.train.is_empty() {
            Ok(Vec::new())
        } else {
            hull_membership(&set.train, &set.test).map_err(|e| e.to_string())
        };
        Data {
            set,
            train_points,
            inside_hull,
            hull_outline,
        }
    }

    /// No points, two classes.
    pub fn empty() -> Self {
        Data::new(empty_set())
    }
}

/// A data set without points, of two classes.
fn empty_set() -> Dataset {
    Dataset {
        train: Vec::new(),
        test: Vec::new(),
        classes: 2,
    }
}

/// The network and its training.
#[derive(Clone, Debug, Default)]
pub(super) struct Model {
    /// Why the data or the network could not be set up (never with in-range parameters).
    pub setup_error: Option<String>,
    pub trainer: Option<Trainer>,
    /// The network while there is nothing to train on (no own points yet).
    pub idle_net: Option<ReluNet>,
    /// Steps done by earlier trainers (the optimizer settings changed mid-way).
    pub steps_before: u64,
    pub divergence: Option<Divergence>,
    /// Loss of the last batch.
    pub batch_loss: Option<f64>,
}

impl Model {
    /// The current network: the trainer's, else the idle one.
    pub fn net(&self) -> Option<&ReluNet> {
        self.trainer
            .as_ref()
            .map(|t| t.net())
            .or(self.idle_net.as_ref())
    }

    /// Optimizer steps done so far.
    pub fn steps(&self) -> u64 {
        self.steps_before + self.trainer.as_ref().map_or(0, |t| t.steps())
    }

    /// Trains up to `n` steps: `None` without a trainer, else whether training went on (a
    /// divergence or an error stops it and is kept for the caption).
    pub fn train(&mut self, n: u64) -> Option<bool> {
        let t = self.trainer.as_mut()?;
        for _ in 0..n {
            match t.step() {
                Ok(r) => self.batch_loss = Some(r.loss),
                Err(TrainError::Diverged(d)) => {
                    self.divergence = Some(d);
                    return Some(false);
                }
                Err(e) => {
                    self.setup_error = Some(e.to_string());
                    return Some(false);
                }
            }
        }
        Some(true)
    }
}

/// Train and test metrics of a network.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct TrainTest {
    pub train: Metrics,
    pub test: Metrics,
}

/// The network's scores at the last partition.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Scores {
    /// Train and test metrics (with a trainer).
    pub metrics: Option<TrainTest>,
    /// Accuracy inside and outside the training hull.
    pub hull_split: Option<HullSplit>,
}

impl Scores {
    /// The trainer's metrics and the accuracy of `net` inside and outside the training hull
    /// (when both sets are non-empty and the hull verdicts are known).
    pub fn of(trainer: Option<&Trainer>, data: &Data, net: &ReluNet) -> Scores {
        let split = match &data.inside_hull {
            Ok(inside) if !data.set.test.is_empty() && !data.set.train.is_empty() => {
                Some(split_accuracy(net, &data.set.test, inside))
            }
            _ => None,
        };
        Scores {
            metrics: Self::metrics(trainer, &data.set),
            hull_split: split,
        }
    }

    /// The trainer's train and test metrics.
    pub fn metrics(trainer: Option<&Trainer>, set: &Dataset) -> Option<TrainTest> {
        trainer.map(|t| TrainTest {
            train: t.evaluate(&set.train),
            test: t.evaluate(&set.test),
        })
    }
}

/// The region count at one training step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct HistoryPoint {
    pub step: u64,
    pub regions: usize,
}

/// The region count during training, one entry per partition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct History {
    /// By increasing step.
    pub points: Vec<HistoryPoint>,
}

impl History {
    /// Records the count of a partition made here at `step` (replacing one at the same
    /// step); beyond [`HISTORY_MAX`] entries, keeps the first and every other one after it.
    pub fn record(&mut self, step: u64, regions: usize) {
        match self.points.last_mut() {
            Some(last) if last.step == step => last.regions = regions,
            _ => self.points.push(HistoryPoint { step, regions }),
        }
        if self.points.len() > HISTORY_MAX {
            let n = self.points.len();
            self.points = self
                .points
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 2 == 0 || *i == n - 1)
                .map(|(_, &h)| h)
                .collect();
        }
    }

    /// Records a count the worker made at `step`; an answer about a step older than the last
    /// entry is not history any more.
    pub fn record_counted(&mut self, step: u64, regions: usize) {
        match self.points.last_mut() {
            Some(last) if last.step == step => last.regions = regions,
            Some(last) if last.step > step => {}
            _ => self.points.push(HistoryPoint { step, regions }),
        }
    }
}

impl ReluFigure {
    pub(super) fn train_config(&self) -> TrainConfig {
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
            self.data.set.classes,
            (self.params.seed as u64).wrapping_add(0x9e37_79b9),
        )
        .map_err(|e| e.to_string())
    }

    /// Regenerates the data and the network (data set, noise, seed or architecture changed).
    pub(super) fn rebuild(&mut self) {
        let set = match self.params.dataset.kind() {
            None => {
                self.model.setup_error = None;
                own_dataset(&self.own.points)
            }
            Some(kind) => {
                let spec = DatasetSpec {
                    kind,
                    points: POINTS,
                    noise: self.params.noise,
                    test_fraction: TEST_FRACTION,
                    seed: self.params.seed as u64,
                };
                match Dataset::generate(&spec) {
                    Ok(d) => {
                        self.model.setup_error = None;
                        d
                    }
                    Err(e) => {
                        self.model.setup_error = Some(e.to_string());
                        empty_set()
                    }
                }
            }
        };
        self.data = Data::new(set);
        self.scores.hull_split = None;
        self.reinitialise();
    }

    /// The own points changed: new data; training goes on from the current weights when the
    /// number of classes is unchanged, else starts from a fresh network.
    pub(super) fn own_points_changed(&mut self) {
        self.data = Data::new(own_dataset(&self.own.points));
        self.scores.hull_split = None;
        let classes = self.data.set.classes;
        let m = &mut self.model;
        let net = match m.trainer.take() {
            Some(t) => {
                m.steps_before += t.steps();
                Some(t.into_net())
            }
            None => m.idle_net.take(),
        };
        match net.filter(|n| n.classes() == classes && m.divergence.is_none()) {
            Some(net) if self.data.set.train.is_empty() => {
                m.idle_net = Some(net);
                self.play = None;
            }
            Some(net) => {
                match Trainer::new(net, self.data.set.train.clone(), self.train_config()) {
                    Ok(t) => self.model.trainer = Some(t),
                    Err(e) => self.model.setup_error = Some(e.to_string()),
                }
            }
            None => {
                self.reinitialise();
                return;
            }
        }
        self.repartition();
    }

    /// A fresh network and trainer on the current data (Reset).
    pub(super) fn reinitialise(&mut self) {
        self.play = None;
        self.worker.forget();
        self.history = History::default();
        let m = &mut self.model;
        m.steps_before = 0;
        m.divergence = None;
        m.batch_loss = None;
        m.trainer = None;
        m.idle_net = None;
        if m.setup_error.is_some() && self.data.set.train.is_empty() {
            self.repartition();
            return;
        }
        if self.data.set.train.is_empty() {
            // No points yet: show the untrained network's partition.
            match self.fresh_net() {
                Ok(net) => self.model.idle_net = Some(net),
                Err(e) => self.model.setup_error = Some(e),
            }
            self.repartition();
            return;
        }
        let made = self.fresh_net().and_then(|net| {
            Trainer::new(net, self.data.set.train.clone(), self.train_config())
                .map_err(|e| e.to_string())
        });
        match made {
            Ok(t) => {
                self.model.trainer = Some(t);
                self.model.setup_error = None;
            }
            Err(e) => self.model.setup_error = Some(e),
        }
        self.repartition();
    }

    /// A new trainer with the current weights (optimizer, learning rate or L2 changed).
    pub(super) fn retrain_config(&mut self) {
        let Some(old) = self.model.trainer.take() else {
            self.reinitialise();
            return;
        };
        let done = old.steps();
        let net = old.into_net();
        match Trainer::new(net, self.data.set.train.clone(), self.train_config()) {
            Ok(t) => {
                self.model.steps_before += done;
                self.model.trainer = Some(t);
                self.model.divergence = None;
                self.play = None;
            }
            Err(e) => {
                self.model.setup_error = Some(e.to_string());
            }
        }
        self.repartition();
    }

    /// Optimizer steps done so far.
    pub(super) fn steps(&self) -> u64 {
        self.model.steps()
    }

    /// Trains up to `n` steps; returns false when training diverged (now or before). A
    /// divergence or an error stops Play.
    pub(super) fn train(&mut self, n: u64) -> bool {
        match self.model.train(n) {
            Some(true) => true,
            Some(false) => {
                self.play = None;
                false
            }
            None => false,
        }
    }

    /// Whether the data are the reader's own points.
    pub(super) fn is_own(&self) -> bool {
        self.params.dataset == super::DataChoice::Own
    }

    /// The number of classes, 2–4.
    pub(super) fn classes(&self) -> usize {
        self.data.set.classes.clamp(2, 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::relu::test_support::{click, fig};
    use crate::figures::{render_svg, AnyFigure, Figure, Response};

    #[test]
    fn divergence_is_explained_not_fatal() {
        let mut f = fig("nn.lr=10&nn.opt=sgd");
        f.action("play", true);
        let d = f
            .model
            .divergence
            .expect("SGD at learning rate 10 diverges");
        let s = f.summary();
        assert!(
            s.contains(&format!("Training diverged at step {}", d.step)),
            "{s}"
        );
        assert!(
            s.contains("Lower the learning rate or press Reset weights"),
            "{s}"
        );
        assert!(f.model.trainer.as_ref().unwrap().net().is_finite());
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
        assert!(f.model.divergence.is_none());
        assert!(f.actions()[0].enabled);
        assert!(f.steps() >= d.step);
        f.action("step", false);
        assert!(f.model.divergence.is_none());
    }

    #[test]
    fn history_is_thinned_and_selection_follows_training() {
        let mut f = fig("nn.depth=1&nn.width=2");
        for _ in 0..(HISTORY_MAX + 5) {
            f.train(1);
            f.repartition();
        }
        assert!(
            f.history.points.len() <= HISTORY_MAX,
            "{}",
            f.history.points.len()
        );
        assert!(f.history.points.len() > HISTORY_MAX / 3);
        assert!(f.history.points.windows(2).all(|w| w[0].step < w[1].step));
        assert_eq!(f.history.points.first().map(|h| h.step), Some(0));
        assert_eq!(f.history.points.last().map(|h| h.step), Some(f.steps()));
        // The selection is a point: after more training it names the region now under it.
        let mut f = fig("nn.depth=2&nn.width=8");
        click(&mut f, [0.5, 0.5]);
        f.action("step", false);
        let i = f.selection.selected_index.expect("still selected");
        assert!(f.shown().unwrap().region(i).contains([0.5, 0.5], 1e-9));
    }
}
