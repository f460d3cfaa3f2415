//! Training a [`ReluNet`] with mini-batch SGD (with momentum) or Adam, L2 regularisation and
//! divergence detection.
//!
//! One [`Trainer::step`] is **one mini-batch** (one parameter update). The training points are
//! visited in a seeded random order; when an epoch's points run out the order is reshuffled,
//! so the last batch of an epoch may be smaller. Everything is fixed by the seed.

use std::fmt;

use super::datasets::Sample;
use super::net::ReluNet;
use crate::math::rng::Rng;

/// The update rule.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Optimizer {
    /// `v ← μ·v − η·g; θ ← θ + v` (heavy-ball momentum; μ = 0 is plain SGD).
    Sgd {
        /// Step size η > 0.
        learning_rate: f64,
        /// Momentum μ in `[0, 1)`.
        momentum: f64,
    },
    /// Adam (Kingma & Ba, ICLR 2015) with bias correction.
    Adam {
        /// Step size α > 0.
        learning_rate: f64,
        /// First-moment decay β₁ in `[0, 1)`.
        beta1: f64,
        /// Second-moment decay β₂ in `[0, 1)`.
        beta2: f64,
        /// ε > 0 added to the denominator.
        epsilon: f64,
    },
}

impl Optimizer {
    /// Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    pub fn adam(learning_rate: f64) -> Self {
        Optimizer::Adam {
            learning_rate,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        }
    }

    /// SGD with momentum `momentum`.
    pub fn sgd(learning_rate: f64, momentum: f64) -> Self {
        Optimizer::Sgd {
            learning_rate,
            momentum,
        }
    }
}

/// Training settings.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrainConfig {
    /// The update rule.
    pub optimizer: Optimizer,
    /// Points per step, at least 1 (capped by the training set size).
    pub batch_size: usize,
    /// L2 coefficient λ ≥ 0: the loss gains `λ/2 · Σ w²` over weights (not biases).
    pub l2: f64,
    /// Seed of the mini-batch order.
    pub seed: u64,
}

impl Default for TrainConfig {
    /// Adam at 0.01, batches of 32, no L2, seed 0.
    fn default() -> Self {
        Self {
            optimizer: Optimizer::adam(0.01),
            batch_size: 32,
            l2: 0.0,
            seed: 0,
        }
    }
}

/// A mean cross-entropy above this many nats per point counts as divergence.
///
/// An untrained network scores about ln K ≤ 1.4 nats; a mean of 1000 means logits wrong by
/// about a thousand on average. Too large a step typically lands there first: it kills the
/// ReLUs and sends the output bias bouncing by the learning rate, with every number still
/// finite, so waiting for an overflow would never end.
pub const EXPLODED_LOSS: f64 = 1e3;

/// What went wrong when training diverged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DivergenceCause {
    /// The mean cross-entropy passed [`EXPLODED_LOSS`] (the value it reached).
    LossExploded(f64),
    /// The loss became +∞.
    LossInfinite,
    /// The loss became NaN.
    LossNan,
    /// An update produced a NaN or infinite weight.
    WeightsNotFinite,
}

/// Training stopped because numbers blew up. The network is rolled back to its weights before
/// the last update (the one that blew up, or that led to the exploded loss).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Divergence {
    /// The step (1-based count of updates attempted) at which it happened.
    pub step: u64,
    /// What became non-finite.
    pub cause: DivergenceCause,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "training diverged at step {}: ", self.step)?;
        match self.cause {
            DivergenceCause::LossExploded(loss) => write!(f, "the loss exploded to {loss:.3e}")?,
            DivergenceCause::LossInfinite => write!(f, "the loss became infinite")?,
            DivergenceCause::LossNan => write!(f, "the loss became NaN (not a number)")?,
            DivergenceCause::WeightsNotFinite => {
                write!(f, "an update made a weight infinite or NaN")?
            }
        }
        write!(
            f,
            "; lower the learning rate (the network keeps its weights from before the last \
             update)"
        )
    }
}

/// Why training could not start or continue.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainError {
    /// A setting out of its range.
    InvalidConfig {
        /// Which setting.
        setting: &'static str,
        /// Its value.
        value: f64,
        /// The allowed range, in words.
        allowed: &'static str,
    },
    /// No training points.
    NoData,
    /// A training point whose class the network cannot output.
    ClassOutOfRange {
        /// Index of the point.
        index: usize,
        /// Its class.
        class: usize,
        /// The network's class count.
        classes: usize,
    },
    /// A training point with a NaN or infinite coordinate.
    NonFinitePoint {
        /// Index of the point.
        index: usize,
    },
    /// The network's parameters are not finite before training.
    NonFiniteNet,
    /// Training diverged (this step or earlier); the net keeps its last finite state.
    Diverged(Divergence),
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::InvalidConfig {
                setting,
                value,
                allowed,
            } => write!(
                f,
                "{setting} = {value} is out of range: it must be {allowed}"
            ),
            TrainError::NoData => write!(f, "there are no training points"),
            TrainError::ClassOutOfRange {
                index,
                class,
                classes,
            } => write!(
                f,
                "training point {index} has class {class}, but the network separates only \
                 {classes} classes"
            ),
            TrainError::NonFinitePoint { index } => {
                write!(
                    f,
                    "training point {index} has a coordinate that is not finite"
                )
            }
            TrainError::NonFiniteNet => {
                write!(f, "the network has a weight or bias that is not finite")
            }
            TrainError::Diverged(d) => d.fmt(f),
        }
    }
}

impl std::error::Error for TrainError {}

/// Loss and accuracy of one step's batch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepReport {
    /// Updates done so far, this one included.
    pub step: u64,
    /// Completed passes over the training set.
    pub epoch: u64,
    /// The batch's mean cross-entropy plus the L2 penalty, before the update.
    pub loss: f64,
    /// Fraction of the batch classified correctly, before the update.
    pub accuracy: f64,
}

/// Loss and accuracy over a set of points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Mean cross-entropy (without the L2 penalty).
    pub loss: f64,
    /// Fraction classified correctly.
    pub accuracy: f64,
}

/// Trains a network on a fixed set of points, one mini-batch per [`Trainer::step`].
///
/// ```
/// use highdim::math::relu::{Dataset, DatasetKind, DatasetSpec, Optimizer, ReluNet,
///                           TrainConfig, Trainer};
/// let data = Dataset::generate(&DatasetSpec { kind: DatasetKind::Blobs { classes: 2 },
///     points: 100, noise: 0.0, test_fraction: 0.0, seed: 1 }).unwrap();
/// let net = ReluNet::random(&[4], 2, 1).unwrap();
/// let config = TrainConfig { optimizer: Optimizer::adam(0.05), ..TrainConfig::default() };
/// let mut trainer = Trainer::new(net, data.train.clone(), config).unwrap();
/// trainer.run(200).unwrap();
/// assert!(trainer.evaluate(&data.train).accuracy > 0.95);
/// ```
#[derive(Clone, Debug)]
pub struct Trainer {
    net: ReluNet,
    data: Vec<Sample>,
    config: TrainConfig,
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    step: u64,
    epoch: u64,
    grad: Vec<f64>,
    /// Momentum (SGD) or first moment (Adam).
    m: Vec<f64>,
    /// Second moment (Adam).
    v: Vec<f64>,
    /// Parameters before the last update; valid once an update has been made.
    backup: Vec<f64>,
    has_backup: bool,
    batch: Vec<Sample>,
    diverged: Option<Divergence>,
}

fn check_range(
    setting: &'static str,
    value: f64,
    ok: bool,
    allowed: &'static str,
) -> Result<(), TrainError> {
    if ok && value.is_finite() {
        Ok(())
    } else {
        Err(TrainError::InvalidConfig {
            setting,
            value,
            allowed,
        })
    }
}

impl Trainer {
    /// A trainer for `net` on `data`.
    ///
    /// # Errors
    /// [`TrainError::InvalidConfig`] (learning rate ≤ 0, momentum or β outside `[0, 1)`,
    /// ε ≤ 0, λ < 0, batch size 0, or any non-finite setting), [`TrainError::NoData`],
    /// [`TrainError::NonFinitePoint`], [`TrainError::ClassOutOfRange`],
    /// [`TrainError::NonFiniteNet`].
    pub fn new(net: ReluNet, data: Vec<Sample>, config: TrainConfig) -> Result<Self, TrainError> {
        match config.optimizer {
            Optimizer::Sgd {
                learning_rate,
                momentum,
            } => {
                check_range("learning rate", learning_rate, learning_rate > 0.0, "> 0")?;
                check_range(
                    "momentum",
                    momentum,
                    (0.0..1.0).contains(&momentum),
                    "in [0, 1)",
                )?;
            }
            Optimizer::Adam {
                learning_rate,
                beta1,
                beta2,
                epsilon,
            } => {
                check_range("learning rate", learning_rate, learning_rate > 0.0, "> 0")?;
                check_range("beta1", beta1, (0.0..1.0).contains(&beta1), "in [0, 1)")?;
                check_range("beta2", beta2, (0.0..1.0).contains(&beta2), "in [0, 1)")?;
                check_range("epsilon", epsilon, epsilon > 0.0, "> 0")?;
            }
        }
        check_range("L2 coefficient", config.l2, config.l2 >= 0.0, ">= 0")?;
        check_range(
            "batch size",
            config.batch_size as f64,
            config.batch_size > 0,
            "at least 1",
        )?;
        if data.is_empty() {
            return Err(TrainError::NoData);
        }
        for (index, s) in data.iter().enumerate() {
            if !s.point.iter().all(|v| v.is_finite()) {
                return Err(TrainError::NonFinitePoint { index });
            }
            if s.class >= net.classes() {
                return Err(TrainError::ClassOutOfRange {
                    index,
                    class: s.class,
                    classes: net.classes(),
                });
            }
        }
        if !net.is_finite() {
            return Err(TrainError::NonFiniteNet);
        }
        let n_params = net.params().len();
        let mut rng = Rng::new(config.seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        shuffle(&mut order, &mut rng);
        Ok(Self {
            net,
            data,
            config,
            rng,
            order,
            cursor: 0,
            step: 0,
            epoch: 0,
            grad: vec![0.0; n_params],
            m: vec![0.0; n_params],
            v: vec![0.0; n_params],
            backup: vec![0.0; n_params],
            has_backup: false,
            batch: Vec::new(),
            diverged: None,
        })
    }

    /// The network in its current (always finite) state.
    pub fn net(&self) -> &ReluNet {
        &self.net
    }

    /// Gives the network back.
    pub fn into_net(self) -> ReluNet {
        self.net
    }

    /// The settings.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// Updates done so far.
    pub fn steps(&self) -> u64 {
        self.step
    }

    /// Completed epochs.
    pub fn epochs(&self) -> u64 {
        self.epoch
    }

    /// The divergence that stopped training, if any.
    pub fn divergence(&self) -> Option<Divergence> {
        self.diverged
    }

    /// One update on the next mini-batch.
    ///
    /// # Errors
    /// [`TrainError::Diverged`] when the batch loss is not finite or above [`EXPLODED_LOSS`]
    /// (no update is made, and the previous update is undone) or when the update makes a
    /// parameter non-finite (it is undone). Once diverged, every later call returns the same
    /// error and the network stays finite.
    pub fn step(&mut self) -> Result<StepReport, TrainError> {
        if let Some(d) = self.diverged {
            return Err(TrainError::Diverged(d));
        }
        self.step += 1;
        self.batch.clear();
        // Batches never straddle epochs: the last one of an epoch may be smaller.
        let end = (self.cursor + self.config.batch_size).min(self.order.len());
        for &i in &self.order[self.cursor..end] {
            self.batch.push(self.data[i]);
        }
        self.cursor = end;
        if self.cursor == self.order.len() {
            shuffle(&mut self.order, &mut self.rng);
            self.cursor = 0;
            self.epoch += 1;
        }
        let stats = self
            .net
            .loss_and_gradient(&self.batch, self.config.l2, &mut self.grad);
        let cause = if stats.loss.is_nan() || self.grad.iter().any(|g| g.is_nan()) {
            Some(DivergenceCause::LossNan)
        } else if stats.loss.is_infinite() || self.grad.iter().any(|g| g.is_infinite()) {
            Some(DivergenceCause::LossInfinite)
        } else if stats.cross_entropy > EXPLODED_LOSS {
            Some(DivergenceCause::LossExploded(stats.cross_entropy))
        } else {
            None
        };
        if let Some(cause) = cause {
            if self.has_backup {
                self.restore();
            }
            return Err(self.diverge(cause));
        }
        self.backup.copy_from_slice(self.net.params());
        self.has_backup = true;
        let t = self.step as f64;
        let params = self.net.params_mut();
        match self.config.optimizer {
            Optimizer::Sgd {
                learning_rate,
                momentum,
            } => {
                for ((p, g), m) in params.iter_mut().zip(&self.grad).zip(&mut self.m) {
                    *m = momentum * *m - learning_rate * g;
                    *p += *m;
                }
            }
            Optimizer::Adam {
                learning_rate,
                beta1,
                beta2,
                epsilon,
            } => {
                let c1 = 1.0 - beta1.powf(t);
                let c2 = 1.0 - beta2.powf(t);
                for (((p, g), m), v) in params
                    .iter_mut()
                    .zip(&self.grad)
                    .zip(&mut self.m)
                    .zip(&mut self.v)
                {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    *p -= learning_rate * (*m / c1) / ((*v / c2).sqrt() + epsilon);
                }
            }
        }
        if !self.net.is_finite() {
            self.restore();
            return Err(self.diverge(DivergenceCause::WeightsNotFinite));
        }
        Ok(StepReport {
            step: self.step,
            epoch: self.epoch,
            loss: stats.loss,
            accuracy: stats.correct as f64 / self.batch.len() as f64,
        })
    }

    /// Up to `steps` updates, stopping at the first error; returns the last report (or a
    /// zero-step report when `steps == 0`).
    ///
    /// # Errors
    /// As [`Trainer::step`].
    pub fn run(&mut self, steps: u64) -> Result<StepReport, TrainError> {
        let mut last = StepReport {
            step: self.step,
            epoch: self.epoch,
            loss: f64::NAN,
            accuracy: f64::NAN,
        };
        for _ in 0..steps {
            last = self.step()?;
        }
        Ok(last)
    }

    /// Mean cross-entropy (no penalty) and accuracy of the current network on `data`
    /// (NaN for an empty set). Classes beyond the network's count are scored as its last.
    pub fn evaluate(&self, data: &[Sample]) -> Metrics {
        let mut scratch = vec![0.0; self.net.params().len()];
        let stats = self.net.loss_and_gradient(data, 0.0, &mut scratch);
        let n = data.len() as f64;
        Metrics {
            loss: if data.is_empty() {
                f64::NAN
            } else {
                stats.loss
            },
            accuracy: stats.correct as f64 / n,
        }
    }

    fn restore(&mut self) {
        let backup = std::mem::take(&mut self.backup);
        self.net.params_mut().copy_from_slice(&backup);
        self.backup = backup;
    }

    fn diverge(&mut self, cause: DivergenceCause) -> TrainError {
        let d = Divergence {
            step: self.step,
            cause,
        };
        self.diverged = Some(d);
        TrainError::Diverged(d)
    }
}

fn shuffle(order: &mut [usize], rng: &mut Rng) {
    for i in (1..order.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_points() -> Vec<Sample> {
        vec![
            Sample {
                point: [0.5, 0.5],
                class: 1,
            },
            Sample {
                point: [-0.5, -0.5],
                class: 0,
            },
        ]
    }

    #[test]
    fn invalid_configs_are_typed_errors() {
        let net = ReluNet::random(&[2], 2, 0).unwrap();
        let bad = [
            Optimizer::sgd(0.0, 0.0),
            Optimizer::sgd(f64::NAN, 0.0),
            Optimizer::sgd(0.1, 1.0),
            Optimizer::adam(-1.0),
        ];
        for optimizer in bad {
            let c = TrainConfig {
                optimizer,
                ..TrainConfig::default()
            };
            let e = Trainer::new(net.clone(), two_points(), c).unwrap_err();
            assert!(matches!(e, TrainError::InvalidConfig { .. }), "{e}");
        }
        let c = TrainConfig {
            batch_size: 0,
            ..TrainConfig::default()
        };
        assert!(Trainer::new(net.clone(), two_points(), c).is_err());
        assert_eq!(
            Trainer::new(net.clone(), vec![], TrainConfig::default()).unwrap_err(),
            TrainError::NoData
        );
        let mut data = two_points();
        data[1].class = 2;
        assert!(matches!(
            Trainer::new(net, data, TrainConfig::default()),
            Err(TrainError::ClassOutOfRange { index: 1, .. })
        ));
    }

    #[test]
    fn epochs_advance_and_batches_do_not_straddle() {
        let net = ReluNet::random(&[2], 2, 0).unwrap();
        let mut data = two_points();
        data.push(Sample {
            point: [0.1, 0.0],
            class: 0,
        });
        let c = TrainConfig {
            batch_size: 2,
            ..TrainConfig::default()
        };
        let mut t = Trainer::new(net, data, c).unwrap();
        assert_eq!(t.step().unwrap().epoch, 0);
        let r = t.step().unwrap();
        assert_eq!((r.step, r.epoch), (2, 1));
        assert_eq!(t.step().unwrap().epoch, 1);
    }

    #[test]
    fn an_overflowing_update_is_undone() {
        let net = ReluNet::random(&[4], 2, 1).unwrap();
        let far = vec![
            Sample {
                point: [50.0, 40.0],
                class: 0,
            },
            Sample {
                point: [-30.0, 60.0],
                class: 1,
            },
        ];
        let config = TrainConfig {
            optimizer: Optimizer::sgd(f64::MAX, 0.0),
            ..TrainConfig::default()
        };
        let mut t = Trainer::new(net.clone(), far, config).unwrap();
        let e = t.step().unwrap_err();
        assert_eq!(
            e,
            TrainError::Diverged(Divergence {
                step: 1,
                cause: DivergenceCause::WeightsNotFinite
            })
        );
        assert_eq!(t.net(), &net);
    }

    #[test]
    fn divergence_message() {
        let d = Divergence {
            step: 812,
            cause: DivergenceCause::LossInfinite,
        };
        assert!(d
            .to_string()
            .starts_with("training diverged at step 812: the loss became infinite; lower the"));
    }
}
