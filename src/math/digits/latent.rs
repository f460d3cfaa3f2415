//! The latent space of a small network: a multilayer perceptron `784 → hidden (ReLU) → k
//! (linear bottleneck) → 10 (softmax)` trained on the training digits with Adam (Kingma & Ba,
//! arXiv 1412.6980) on the cross-entropy, and the fraction of test digits whose bottleneck
//! codes fall inside the hull of the training digits' codes — next to the network's test
//! accuracy (the paper's Table 1 question, on a much smaller network).
//!
//! [`LatentRun`] does this for a list of widths `k` as a resumable computation (one minibatch,
//! one block of codes or one test digit at a time), so the page can train in its worker with
//! progress and cancel; [`latent_point`] runs one width to the end.
//!
//! Digits are read as sparse vectors (most pixels of a handwritten digit are 0): the first
//! layer costs `nnz × hidden` per digit instead of `784 × hidden`, about five times less.

use super::data::{Digits, Split};
use super::experiment::{check_split, MAX_KS, TEST_IMAGES};
use crate::math::hull::{Classifier, Hull, HullOptions, InsideCount};
use crate::math::rng::Rng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Widest bottleneck a [`LatentSpec`] accepts.
pub const MAX_LATENT_K: u32 = 64;
/// Most training epochs a [`LatentSpec`] accepts.
pub const MAX_EPOCHS: u32 = 20;
/// Widest hidden layer a [`LatentSpec`] accepts.
pub const MAX_HIDDEN: u32 = 128;
/// Minibatch size of the training.
pub const BATCH: usize = 32;
/// Adam's learning rate.
pub const LEARNING_RATE: f64 = 2e-3;
/// Training codes computed per step of [`LatentRun`] (a bound on the time of one step).
const CODES_PER_STEP: usize = 256;

/// A digit as the network reads it: its non-zero pixels, as (index, value in (0, 1]).
#[derive(Clone, Debug, Default, PartialEq)]
struct Sparse {
    idx: Vec<u32>,
    val: Vec<f64>,
}

impl Sparse {
    fn from_dense(x: &[f64]) -> Self {
        let mut s = Sparse::default();
        for (i, &v) in x.iter().enumerate() {
            if v != 0.0 {
                s.idx.push(i as u32);
                s.val.push(v);
            }
        }
        s
    }

    fn from_image(img: &[u8]) -> Self {
        let mut s = Sparse::default();
        for (i, &v) in img.iter().enumerate() {
            if v != 0 {
                s.idx.push(i as u32);
                s.val.push(v as f64 / 255.0);
            }
        }
        s
    }
}

/// A bottleneck network; parameters in one vector (`W1, b1, W2, b2, W3, b3`). `W1` is stored
/// input-major (the `hidden` weights leaving input `i` are contiguous, so a sparse input
/// touches whole rows); `W2` and `W3` are row-major (one row per output unit).
#[derive(Clone, Debug, PartialEq)]
pub struct Bottleneck {
    input: usize,
    hidden: usize,
    k: usize,
    classes: usize,
    params: Vec<f64>,
}

/// Activations and backward buffers of one sample.
#[derive(Clone, Debug, Default)]
struct Forward {
    h: Vec<f64>,
    z: Vec<f64>,
    p: Vec<f64>,
    dz: Vec<f64>,
    dh: Vec<f64>,
}

impl Bottleneck {
    /// A network with He-initialised weights (normal, variance 2/fan-in) and zero biases.
    pub fn new(input: usize, hidden: usize, k: usize, classes: usize, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let mut params = Vec::new();
        for (fan_in, fan_out) in [(input, hidden), (hidden, k), (k, classes)] {
            let s = (2.0 / fan_in.max(1) as f64).sqrt();
            params.extend((0..fan_in * fan_out).map(|_| rng.normal() * s));
            params.extend(std::iter::repeat_n(0.0, fan_out));
        }
        Self {
            input,
            hidden,
            k,
            classes,
            params,
        }
    }

    /// Width of the bottleneck.
    pub fn k(&self) -> usize {
        self.k
    }

    /// Number of parameters.
    pub fn len(&self) -> usize {
        self.params.len()
    }

    /// Whether the network has no parameters (never, for a constructed network).
    pub fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    fn offsets(&self) -> [usize; 6] {
        let w1 = 0;
        let b1 = w1 + self.input * self.hidden;
        let w2 = b1 + self.hidden;
        let b2 = w2 + self.hidden * self.k;
        let w3 = b2 + self.k;
        let b3 = w3 + self.k * self.classes;
        [w1, b1, w2, b2, w3, b3]
    }

    /// Multiply-adds of one forward and backward pass for an input with `nnz` non-zeros.
    fn sample_cost(&self, nnz: usize) -> u64 {
        3 * (nnz * self.hidden + self.hidden * self.k + self.k * self.classes) as u64
    }

    fn forward(&self, x: &Sparse, f: &mut Forward) {
        let [w1, b1, w2, b2, w3, b3] = self.offsets();
        let (p, hd) = (&self.params, self.hidden);
        f.h.clear();
        f.h.extend_from_slice(&p[b1..b1 + hd]);
        for (&i, &v) in x.idx.iter().zip(&x.val) {
            let i = i as usize;
            if i >= self.input {
                continue;
            }
            let row = &p[w1 + i * hd..w1 + (i + 1) * hd];
            for (h, w) in f.h.iter_mut().zip(row) {
                *h += w * v;
            }
        }
        f.h.iter_mut().for_each(|h| *h = h.max(0.0));
        f.z.clear();
        for j in 0..self.k {
            let row = &p[w2 + j * hd..w2 + (j + 1) * hd];
            f.z.push(p[b2 + j] + row.iter().zip(&f.h).map(|(w, v)| w * v).sum::<f64>());
        }
        f.p.clear();
        for j in 0..self.classes {
            let row = &p[w3 + j * self.k..w3 + (j + 1) * self.k];
            f.p.push(p[b3 + j] + row.iter().zip(&f.z).map(|(w, v)| w * v).sum::<f64>());
        }
        let m = f.p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 =
            f.p.iter_mut()
                .map(|o| {
                    *o = (*o - m).exp();
                    *o
                })
                .sum();
        f.p.iter_mut().for_each(|o| *o /= sum);
    }

    /// Cross-entropy of one sample, adding its gradient into `grad`.
    fn backward(&self, x: &Sparse, label: usize, f: &mut Forward, grad: &mut [f64]) -> f64 {
        self.forward(x, f);
        let [w1, b1, w2, b2, w3, b3] = self.offsets();
        let (p, hd) = (&self.params, self.hidden);
        let loss = -f.p[label.min(self.classes - 1)].max(1e-300).ln();
        f.dz.clear();
        f.dz.resize(self.k, 0.0);
        for j in 0..self.classes {
            let d = f.p[j] - f64::from(u8::from(j == label));
            grad[b3 + j] += d;
            for i in 0..self.k {
                grad[w3 + j * self.k + i] += d * f.z[i];
                f.dz[i] += d * p[w3 + j * self.k + i];
            }
        }
        f.dh.clear();
        f.dh.resize(hd, 0.0);
        for j in 0..self.k {
            let d = f.dz[j];
            grad[b2 + j] += d;
            for i in 0..hd {
                grad[w2 + j * hd + i] += d * f.h[i];
                f.dh[i] += d * p[w2 + j * hd + i];
            }
        }
        // Through the ReLU: no gradient where the unit is off.
        for (dh, &h) in f.dh.iter_mut().zip(&f.h) {
            if h <= 0.0 {
                *dh = 0.0;
            }
        }
        for (g, &d) in grad[b1..b1 + hd].iter_mut().zip(&f.dh) {
            *g += d;
        }
        for (&i, &v) in x.idx.iter().zip(&x.val) {
            let i = i as usize;
            if i >= self.input {
                continue;
            }
            let g = &mut grad[w1 + i * hd..w1 + (i + 1) * hd];
            for (gi, &d) in g.iter_mut().zip(&f.dh) {
                *gi += d * v;
            }
        }
        loss
    }

    /// Mean cross-entropy over `data` and its gradient (for checks).
    pub fn loss_and_gradient(&self, data: &[(Vec<f64>, usize)]) -> (f64, Vec<f64>) {
        let mut grad = vec![0.0; self.params.len()];
        let mut f = Forward::default();
        let mut loss = 0.0;
        for (x, y) in data {
            loss += self.backward(&Sparse::from_dense(x), *y, &mut f, &mut grad);
        }
        let n = data.len().max(1) as f64;
        grad.iter_mut().for_each(|g| *g /= n);
        (loss / n, grad)
    }

    /// The parameters (for checks).
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// The bottleneck code of `x`.
    pub fn latent(&self, x: &[f64]) -> Vec<f64> {
        let mut f = Forward::default();
        self.forward(&Sparse::from_dense(x), &mut f);
        f.z
    }

    /// The predicted class of `x`.
    pub fn predict(&self, x: &[f64]) -> usize {
        let mut f = Forward::default();
        self.forward(&Sparse::from_dense(x), &mut f);
        argmax(&f.p)
    }

    /// Trains on `data` with Adam (learning rate `lr`, β = 0.9, 0.999), minibatches of
    /// `batch`, `epochs` passes in an order shuffled by `seed`. Returns the mean loss of the
    /// last epoch.
    pub fn train(
        &mut self,
        data: &[(Vec<f64>, usize)],
        epochs: usize,
        batch: usize,
        lr: f64,
        seed: u64,
    ) -> f64 {
        let xs: Vec<Sparse> = data.iter().map(|(x, _)| Sparse::from_dense(x)).collect();
        let ys: Vec<usize> = data.iter().map(|(_, y)| *y).collect();
        let mut t = Trainer::new(self.len(), xs.len(), batch, lr, seed);
        while t.epoch < epochs && !xs.is_empty() {
            t.batch(self, &xs, &ys);
        }
        t.last_loss
    }
}

fn argmax(p: &[f64]) -> usize {
    (0..p.len())
        .max_by(|&a, &b| p[a].total_cmp(&p[b]))
        .unwrap_or(0)
}

/// Adam's state and the position in the shuffled epoch, so training can stop after any
/// minibatch and resume.
#[derive(Clone, Debug)]
struct Trainer {
    m: Vec<f64>,
    v: Vec<f64>,
    grad: Vec<f64>,
    f: Forward,
    t: i32,
    lr: f64,
    batch: usize,
    rng: Rng,
    order: Vec<usize>,
    /// Completed epochs.
    epoch: usize,
    /// Position in `order` within the current epoch.
    pos: usize,
    total: f64,
    last_loss: f64,
}

impl Trainer {
    fn new(params: usize, samples: usize, batch: usize, lr: f64, seed: u64) -> Self {
        Self {
            m: vec![0.0; params],
            v: vec![0.0; params],
            grad: vec![0.0; params],
            f: Forward::default(),
            t: 0,
            lr,
            batch: batch.max(1),
            rng: Rng::new(seed),
            order: (0..samples).collect(),
            epoch: 0,
            pos: 0,
            total: 0.0,
            last_loss: f64::NAN,
        }
    }

    /// Minibatches per epoch.
    fn batches(&self) -> usize {
        self.order.len().div_ceil(self.batch)
    }

    /// One minibatch (shuffling first at the start of an epoch); returns its cost in
    /// multiply-adds.
    fn batch(&mut self, net: &mut Bottleneck, xs: &[Sparse], ys: &[usize]) -> u64 {
        if self.order.is_empty() {
            return 1;
        }
        if self.pos == 0 {
            for i in (1..self.order.len()).rev() {
                self.order.swap(i, self.rng.below(i as u64 + 1) as usize);
            }
            self.total = 0.0;
        }
        let end = (self.pos + self.batch).min(self.order.len());
        self.grad.iter_mut().for_each(|g| *g = 0.0);
        let mut cost = 0u64;
        for &i in &self.order[self.pos..end] {
            self.total += net.backward(&xs[i], ys[i], &mut self.f, &mut self.grad);
            cost += net.sample_cost(xs[i].idx.len());
        }
        self.t += 1;
        let (b1t, b2t) = (1.0 - 0.9f64.powi(self.t), 1.0 - 0.999f64.powi(self.t));
        let scale = 1.0 / (end - self.pos) as f64;
        for (((p, &g), m), v) in net
            .params
            .iter_mut()
            .zip(&self.grad)
            .zip(&mut self.m)
            .zip(&mut self.v)
        {
            let g = g * scale;
            *m = 0.9 * *m + 0.1 * g;
            *v = 0.999 * *v + 0.001 * g * g;
            *p -= self.lr * (*m / b1t) / ((*v / b2t).sqrt() + 1e-8);
        }
        cost += 6 * net.params.len() as u64;
        self.pos = end;
        if self.pos == self.order.len() {
            self.last_loss = self.total / self.order.len() as f64;
            self.pos = 0;
            self.epoch += 1;
        }
        cost
    }
}

/// What to compute: one network per bottleneck width.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatentSpec {
    /// Bottleneck widths, strictly increasing, each in `1..=min(hidden, MAX_LATENT_K)`.
    pub ks: Vec<u32>,
    /// Training digits (the first of the seed's training pool).
    pub train: u32,
    /// Test digits (the first of the seed's test set), at most [`TEST_IMAGES`].
    pub tests: u32,
    /// Passes over the training digits, `1..=MAX_EPOCHS`.
    pub epochs: u32,
    /// Width of the hidden layer, `1..=MAX_HIDDEN`.
    pub hidden: u32,
    /// Seed of the split, the initial weights and the minibatch order.
    pub seed: u64,
}

impl LatentSpec {
    /// Checks the spec against a data set of `count` images.
    ///
    /// # Errors
    /// A message naming the offending field.
    pub fn validate(&self, count: usize) -> Result<(), String> {
        if self.ks.is_empty() || self.ks.len() > MAX_KS {
            return Err(format!(
                "{} bottleneck widths is outside 1..={MAX_KS}",
                self.ks.len()
            ));
        }
        if self.ks.windows(2).any(|w| w[0] >= w[1]) {
            return Err("the bottleneck widths must increase".into());
        }
        if self.hidden == 0 || self.hidden > MAX_HIDDEN {
            return Err(format!(
                "a hidden layer of {} units is outside 1..={MAX_HIDDEN}",
                self.hidden
            ));
        }
        let widest = MAX_LATENT_K.min(self.hidden);
        if let Some(k) = self.ks.iter().find(|&&k| k == 0 || k > widest) {
            return Err(format!("bottleneck width {k} is outside 1..={widest}"));
        }
        if self.epochs == 0 || self.epochs > MAX_EPOCHS {
            return Err(format!(
                "{} epochs is outside 1..={MAX_EPOCHS}",
                self.epochs
            ));
        }
        check_split(self.train, self.tests, count)
    }

    /// Rough total work in multiply-adds (for limits), counting 200 non-zero pixels per
    /// digit (MNIST digits have about 150) and 20 hull passes per test digit.
    pub fn work(&self) -> u64 {
        let (n, t, h) = (self.train as u64, self.tests as u64, self.hidden as u64);
        self.ks
            .iter()
            .map(|&k| {
                let k = k as u64;
                let sample = 3 * (200 * h + h * k + 10 * k);
                let params = 785 * h + (h + 1) * k + (k + 1) * 10;
                let train = (self.epochs as u64).saturating_mul(
                    n.saturating_mul(sample) + n.div_ceil(BATCH as u64) * 6 * params,
                );
                train.saturating_add((n + t) * sample / 3 + t * 20 * n * k)
            })
            .fold(0u64, u64::saturating_add)
    }
}

/// One width of the bottleneck: accuracy and hull fraction of the codes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatentPoint {
    /// Bottleneck width.
    pub k: u32,
    /// Test accuracy of the network.
    pub accuracy: f64,
    /// Test digits whose codes are inside the hull of the training codes.
    pub inside: u32,
    /// Test digits.
    pub tested: u32,
    /// Mean training loss in the last epoch.
    pub loss: f64,
}

impl LatentPoint {
    /// The fraction of test codes inside the hull of the training codes.
    pub fn fraction(&self) -> f64 {
        InsideCount {
            inside: self.inside.into(),
            tests: self.tested.into(),
        }
        .fraction()
    }
}

/// What the network being worked on is doing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatentStatus {
    /// Its bottleneck width.
    pub k: u32,
    /// Completed epochs.
    pub epoch: u32,
    /// Minibatches done in the current epoch.
    pub batch: u32,
    /// Minibatches per epoch.
    pub batches: u32,
    /// Mean training loss of the last completed epoch (none before the first).
    pub loss: Option<f64>,
    /// Test digits classified against the hull (after training).
    pub classified: u32,
}

/// The result so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatentReport {
    /// What was asked.
    pub spec: LatentSpec,
    /// Completed widths, in increasing k.
    pub points: Vec<LatentPoint>,
    /// The network in progress, if any.
    pub current: Option<LatentStatus>,
}

impl LatentReport {
    /// Whether every width is done.
    pub fn is_complete(&self) -> bool {
        self.points.len() == self.spec.ks.len()
    }

    /// The point at width `k`, if computed.
    pub fn point(&self, k: u32) -> Option<LatentPoint> {
        self.points.iter().find(|p| p.k == k).copied()
    }
}

#[derive(Clone, Debug)]
enum Phase {
    Train(Box<Bottleneck>, Box<Trainer>),
    /// Computing the training codes (row-major, `k` per digit).
    Codes(Box<Bottleneck>, Vec<f64>),
    /// Classifying the test digits.
    Classify {
        net: Box<Bottleneck>,
        hull: Box<Hull>,
        next: usize,
        inside: u32,
        correct: u32,
    },
    Done,
}

/// The latent curve in progress: for each width, train, encode the training digits, then
/// classify each test digit's code against their hull and check its predicted label.
#[derive(Clone, Debug)]
pub struct LatentRun {
    spec: LatentSpec,
    input: usize,
    train_x: Vec<Sparse>,
    train_y: Vec<usize>,
    test_x: Vec<Sparse>,
    test_y: Vec<usize>,
    ki: usize,
    loss: f64,
    phase: Phase,
    report: LatentReport,
}

impl LatentRun {
    /// Starts the curve for `spec` on `digits`.
    ///
    /// # Errors
    /// A message when the spec does not fit the data.
    pub fn new(spec: LatentSpec, digits: Arc<Digits>) -> Result<Self, String> {
        spec.validate(digits.len())?;
        let split = Split::new(digits.len(), TEST_IMAGES.min(digits.len() - 1), spec.seed);
        let take = |ids: &[usize]| -> (Vec<Sparse>, Vec<usize>) {
            ids.iter()
                .map(|&i| {
                    (
                        Sparse::from_image(digits.image(i)),
                        digits.label(i) as usize,
                    )
                })
                .unzip()
        };
        let (train_x, train_y) = take(&split.train[..spec.train as usize]);
        let (test_x, test_y) = take(&split.test[..spec.tests as usize]);
        let mut run = Self {
            report: LatentReport {
                spec: spec.clone(),
                points: Vec::new(),
                current: None,
            },
            input: digits.pixels_per_image(),
            spec,
            train_x,
            train_y,
            test_x,
            test_y,
            ki: 0,
            loss: f64::NAN,
            phase: Phase::Done,
        };
        run.start_width();
        Ok(run)
    }

    fn start_width(&mut self) {
        let Some(&k) = self.spec.ks.get(self.ki) else {
            self.phase = Phase::Done;
            self.report.current = None;
            return;
        };
        let seed = self.spec.seed;
        let net = Bottleneck::new(
            self.input,
            self.spec.hidden as usize,
            k as usize,
            10,
            seed ^ 0x5eed,
        );
        let trainer = Trainer::new(net.len(), self.train_x.len(), BATCH, LEARNING_RATE, seed);
        self.report.current = Some(LatentStatus {
            k,
            epoch: 0,
            batch: 0,
            batches: trainer.batches() as u32,
            loss: None,
            classified: 0,
        });
        self.phase = Phase::Train(Box::new(net), Box::new(trainer));
    }

    /// The result so far.
    pub fn report(&self) -> &LatentReport {
        &self.report
    }

    /// Fraction done, in [0, 1]: training counts 90% of each width, the codes and the hull
    /// 10%.
    pub fn progress(&self) -> f64 {
        let widths = self.spec.ks.len() as f64;
        let within = match &self.phase {
            Phase::Done => return 1.0,
            Phase::Train(_, t) => {
                let total = (t.batches() * self.spec.epochs as usize).max(1) as f64;
                let done = t.epoch * t.batches() + t.pos.div_ceil(t.batch);
                0.9 * done as f64 / total
            }
            Phase::Codes(net, codes) => {
                0.9 + 0.02 * (codes.len() / net.k()) as f64 / self.train_x.len().max(1) as f64
            }
            Phase::Classify { next, .. } => {
                0.92 + 0.08 * *next as f64 / self.test_x.len().max(1) as f64
            }
        };
        ((self.ki as f64 + within) / widths).min(0.999)
    }

    /// Does about `work` multiply-adds (at least one minibatch, block of codes or test
    /// digit); returns true when every width is done.
    ///
    /// # Errors
    /// A message when the hull solver fails (then the report keeps the completed widths).
    pub fn step(&mut self, work: u64) -> Result<bool, String> {
        let mut spent = 0u64;
        while spent < work.max(1) {
            let phase = std::mem::replace(&mut self.phase, Phase::Done);
            self.phase = match phase {
                Phase::Done => return Ok(true),
                Phase::Train(mut net, mut t) => {
                    spent += t.batch(&mut net, &self.train_x, &self.train_y);
                    if let Some(s) = self.report.current.as_mut() {
                        s.epoch = t.epoch as u32;
                        s.batch = t.pos.div_ceil(t.batch) as u32;
                        s.loss = t.last_loss.is_finite().then_some(t.last_loss);
                    }
                    if t.epoch >= self.spec.epochs as usize {
                        self.loss = t.last_loss;
                        let codes = Vec::with_capacity(self.train_x.len() * net.k());
                        Phase::Codes(net, codes)
                    } else {
                        Phase::Train(net, t)
                    }
                }
                Phase::Codes(net, mut codes) => {
                    let from = codes.len() / net.k();
                    let to = (from + CODES_PER_STEP).min(self.train_x.len());
                    let mut f = Forward::default();
                    for x in &self.train_x[from..to] {
                        net.forward(x, &mut f);
                        spent += net.sample_cost(x.idx.len()) / 3;
                        codes.extend_from_slice(&f.z);
                    }
                    if to == self.train_x.len() {
                        let hull = Hull::new(net.k(), codes).map_err(|e| {
                            format!("the codes of the k = {} network: {e}", net.k())
                        })?;
                        Phase::Classify {
                            net,
                            hull: Box::new(hull),
                            next: 0,
                            inside: 0,
                            correct: 0,
                        }
                    } else {
                        Phase::Codes(net, codes)
                    }
                }
                Phase::Classify {
                    net,
                    hull,
                    mut next,
                    mut inside,
                    mut correct,
                } => {
                    let mut c = Classifier::new(&hull, HullOptions::verdict_only())
                        .map_err(|e| e.to_string())?;
                    let mut f = Forward::default();
                    let n = self.train_x.len() as u64;
                    while next < self.test_x.len() && spent < work {
                        let x = &self.test_x[next];
                        net.forward(x, &mut f);
                        correct += u32::from(argmax(&f.p) == self.test_y[next]);
                        let v = c.classify(&f.z).map_err(|e| e.to_string())?;
                        inside += u32::from(v.membership.is_inside());
                        spent += net.sample_cost(x.idx.len()) / 3
                            + v.passes.max(1) as u64 * n * net.k() as u64;
                        next += 1;
                    }
                    if let Some(s) = self.report.current.as_mut() {
                        s.classified = next as u32;
                    }
                    if next == self.test_x.len() {
                        let tested = self.test_x.len() as u32;
                        self.report.points.push(LatentPoint {
                            k: net.k() as u32,
                            accuracy: correct as f64 / tested.max(1) as f64,
                            inside,
                            tested,
                            loss: self.loss,
                        });
                        self.ki += 1;
                        self.start_width();
                        // The next width starts in the next call (one width per report).
                        return Ok(matches!(self.phase, Phase::Done));
                    }
                    drop(c);
                    Phase::Classify {
                        net,
                        hull,
                        next,
                        inside,
                        correct,
                    }
                }
            };
        }
        Ok(matches!(self.phase, Phase::Done))
    }
}

/// Trains a bottleneck network of width `k` (hidden layer of 64) on the first `train`
/// training digits of the seed's split and classifies the codes of the first `tests` test
/// digits against the hull of the training codes.
///
/// # Errors
/// A message when the sizes are out of range or the hull solver fails.
pub fn latent_point(
    digits: &Digits,
    k: usize,
    train: usize,
    tests: usize,
    epochs: usize,
    seed: u64,
) -> Result<LatentPoint, String> {
    let spec = LatentSpec {
        ks: vec![u32::try_from(k).unwrap_or(u32::MAX)],
        train: u32::try_from(train).unwrap_or(u32::MAX),
        tests: u32::try_from(tests).unwrap_or(u32::MAX),
        epochs: u32::try_from(epochs).unwrap_or(u32::MAX),
        hidden: 64,
        seed,
    };
    let mut run = LatentRun::new(spec, Arc::new(digits.clone()))?;
    while !run.step(1 << 24)? {}
    run.report()
        .points
        .first()
        .copied()
        .ok_or_else(|| "no result".to_string())
}
