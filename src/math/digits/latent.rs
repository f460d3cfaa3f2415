//! The latent space of a small network: a multilayer perceptron `784 → hidden (ReLU) → k
//! (linear bottleneck) → 10 (softmax)` trained on the training digits with Adam (Kingma & Ba,
//! arXiv 1412.6980) on the cross-entropy, and the fraction of test digits whose bottleneck
//! codes fall inside the hull of the training digits' codes — next to the network's test
//! accuracy (the paper's Table 1 question, on a much smaller network).

use super::data::{Digits, Split};
use super::experiment::TEST_IMAGES;
use crate::math::hull::{Classifier, Hull, HullOptions};
use crate::math::rng::Rng;
use serde::{Deserialize, Serialize};

/// A bottleneck network; parameters in one vector (`W1, b1, W2, b2, W3, b3`, row-major).
#[derive(Clone, Debug, PartialEq)]
pub struct Bottleneck {
    input: usize,
    hidden: usize,
    k: usize,
    classes: usize,
    params: Vec<f64>,
}

/// Activations of one forward pass.
#[derive(Clone, Debug, Default)]
struct Forward {
    h: Vec<f64>,
    z: Vec<f64>,
    p: Vec<f64>,
}

impl Bottleneck {
    /// A network with He-initialised weights (normal, variance 2/fan-in) and zero biases.
    pub fn new(input: usize, hidden: usize, k: usize, classes: usize, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let mut params = Vec::new();
        for (fan_in, fan_out) in [(input, hidden), (hidden, k), (k, classes)] {
            let s = (2.0 / fan_in as f64).sqrt();
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

    fn offsets(&self) -> [usize; 6] {
        let w1 = 0;
        let b1 = w1 + self.input * self.hidden;
        let w2 = b1 + self.hidden;
        let b2 = w2 + self.hidden * self.k;
        let w3 = b2 + self.k;
        let b3 = w3 + self.k * self.classes;
        [w1, b1, w2, b2, w3, b3]
    }

    fn forward(&self, x: &[f64], f: &mut Forward) {
        let [w1, b1, w2, b2, w3, b3] = self.offsets();
        let p = &self.params;
        f.h.clear();
        for j in 0..self.hidden {
            let row = &p[w1 + j * self.input..w1 + (j + 1) * self.input];
            let s: f64 = p[b1 + j]
                + row
                    .iter()
                    .zip(x)
                    .filter(|(_, &v)| v != 0.0)
                    .map(|(w, v)| w * v)
                    .sum::<f64>();
            f.h.push(s.max(0.0));
        }
        f.z.clear();
        for j in 0..self.k {
            let row = &p[w2 + j * self.hidden..w2 + (j + 1) * self.hidden];
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
    fn backward(&self, x: &[f64], label: usize, f: &mut Forward, grad: &mut [f64]) -> f64 {
        self.forward(x, f);
        let [w1, b1, w2, b2, w3, b3] = self.offsets();
        let p = &self.params;
        let loss = -f.p[label].max(1e-300).ln();
        let mut dout = f.p.clone();
        dout[label] -= 1.0;
        let mut dz = vec![0.0; self.k];
        for (j, &d) in dout.iter().enumerate() {
            grad[b3 + j] += d;
            for i in 0..self.k {
                grad[w3 + j * self.k + i] += d * f.z[i];
                dz[i] += d * p[w3 + j * self.k + i];
            }
        }
        let mut dh = vec![0.0; self.hidden];
        for (j, &d) in dz.iter().enumerate() {
            grad[b2 + j] += d;
            for i in 0..self.hidden {
                grad[w2 + j * self.hidden + i] += d * f.h[i];
                dh[i] += d * p[w2 + j * self.hidden + i];
            }
        }
        for (j, &d) in dh.iter().enumerate() {
            if f.h[j] <= 0.0 {
                continue;
            }
            grad[b1 + j] += d;
            let g = &mut grad[w1 + j * self.input..w1 + (j + 1) * self.input];
            for (gi, &xi) in g.iter_mut().zip(x) {
                if xi != 0.0 {
                    *gi += d * xi;
                }
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
            loss += self.backward(x, *y, &mut f, &mut grad);
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
        self.forward(x, &mut f);
        f.z
    }

    /// The predicted class of `x`.
    pub fn predict(&self, x: &[f64]) -> usize {
        let mut f = Forward::default();
        self.forward(x, &mut f);
        (0..f.p.len())
            .max_by(|&a, &b| f.p[a].total_cmp(&f.p[b]))
            .unwrap_or(0)
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
        let n = self.params.len();
        let (mut m, mut v) = (vec![0.0; n], vec![0.0; n]);
        let mut grad = vec![0.0; n];
        let mut f = Forward::default();
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut t = 0;
        let mut last = 0.0;
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i as u64 + 1) as usize);
            }
            let mut total = 0.0;
            for chunk in order.chunks(batch.max(1)) {
                grad.iter_mut().for_each(|g| *g = 0.0);
                for &i in chunk {
                    total += self.backward(&data[i].0, data[i].1, &mut f, &mut grad);
                }
                t += 1;
                let (b1t, b2t) = (1.0 - 0.9f64.powi(t), 1.0 - 0.999f64.powi(t));
                let scale = 1.0 / chunk.len() as f64;
                for j in 0..n {
                    let g = grad[j] * scale;
                    m[j] = 0.9 * m[j] + 0.1 * g;
                    v[j] = 0.999 * v[j] + 0.001 * g * g;
                    self.params[j] -= lr * (m[j] / b1t) / ((v[j] / b2t).sqrt() + 1e-8);
                }
            }
            last = total / data.len().max(1) as f64;
        }
        last
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

/// Trains a bottleneck network of width `k` on the first `train` training digits of the
/// seed's split and classifies the codes of the first `tests` test digits against the hull of
/// the training codes.
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
    let split = Split::new(digits.len(), TEST_IMAGES.min(digits.len() - 1), seed);
    if train == 0 || train > split.train.len() || tests == 0 || tests > split.test.len() {
        return Err(format!(
            "sizes out of range: 1..={} training and 1..={} test digits",
            split.train.len(),
            split.test.len()
        ));
    }
    if !(1..=64).contains(&k) {
        return Err(format!("bottleneck width {k} is outside 1..=64"));
    }
    let sample = |i: usize| -> (Vec<f64>, usize) {
        (
            digits.image(i).iter().map(|&v| v as f64 / 255.0).collect(),
            digits.label(i) as usize,
        )
    };
    let tr: Vec<(Vec<f64>, usize)> = split.train[..train].iter().map(|&i| sample(i)).collect();
    let te: Vec<(Vec<f64>, usize)> = split.test[..tests].iter().map(|&i| sample(i)).collect();
    let mut net = Bottleneck::new(digits.pixels_per_image(), 64, k, 10, seed ^ 0x5eed);
    let loss = net.train(&tr, epochs, 32, 1e-3, seed);
    let correct = te.iter().filter(|(x, y)| net.predict(x) == *y).count();
    let codes: Vec<f64> = tr.iter().flat_map(|(x, _)| net.latent(x)).collect();
    let hull = Hull::new(k, codes).map_err(|e| e.to_string())?;
    let mut c = Classifier::new(&hull, HullOptions::verdict_only()).map_err(|e| e.to_string())?;
    let mut inside = 0;
    for (x, _) in &te {
        if c.classify(&net.latent(x))
            .map_err(|e| e.to_string())?
            .membership
            .is_inside()
        {
            inside += 1;
        }
    }
    Ok(LatentPoint {
        k: k as u32,
        accuracy: correct as f64 / tests as f64,
        inside,
        tested: tests as u32,
        loss,
    })
}
