//! The network: a small multilayer perceptron on the plane with ReLU hidden layers.
//!
//! All parameters live in one flat vector (see [`ReluNet::params`] for the layout) so that the
//! optimisers and the finite-difference checks treat them uniformly; the serde form is the
//! nested NET.json layout `{"layers": [{"weights": [[…], …], "biases": […]}, …]}`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::datasets::Sample;
use crate::math::rng::Rng;

/// The input dimension: the networks here always read a point `(x, y)` of the plane.
pub const INPUT_DIM: usize = 2;
/// The most hidden layers a network may have.
pub const MAX_HIDDEN_LAYERS: usize = 6;
/// The widest hidden layer allowed (an activation pattern stores one `u32` per layer).
pub const MAX_WIDTH: usize = 32;
/// The most classes a network may separate (one logit for 2 classes, else one per class).
pub const MAX_CLASSES: usize = 4;
/// Standard deviation of the initial biases.
///
/// He initialisation proper sets biases to zero, which would make every first-layer line pass
/// through the origin (a degenerate, concurrent arrangement). Small random biases spread the
/// lines over the data window and put them in general position.
pub const INIT_BIAS_STD: f64 = 0.5;

/// The largest size of any layer vector (inputs, hidden units, logits).
const MAX_UNITS: usize = MAX_WIDTH;

/// An affine function of the plane, `z = a·x + b·y + c`.
///
/// ```
/// use highdim::math::relu::Affine;
/// let f = Affine { a: 2.0, b: -1.0, c: 0.5 };
/// assert_eq!(f.eval([1.0, 3.0]), -0.5);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Affine {
    /// Coefficient of x.
    pub a: f64,
    /// Coefficient of y.
    pub b: f64,
    /// Constant term.
    pub c: f64,
}

impl Affine {
    /// The value at `p = [x, y]`.
    #[inline]
    pub fn eval(&self, p: [f64; 2]) -> f64 {
        self.a * p[0] + self.b * p[1] + self.c
    }

    /// The two coordinates `x` and `y` as affine maps: the network's inputs, the start of
    /// every composition of layer maps.
    pub const INPUTS: [Affine; 2] = [
        Affine {
            a: 1.0,
            b: 0.0,
            c: 0.0,
        },
        Affine {
            a: 0.0,
            b: 1.0,
            c: 0.0,
        },
    ];

    /// `self + s·other`.
    #[inline]
    pub(crate) fn add_scaled(&self, s: f64, o: &Affine) -> Affine {
        Affine {
            a: self.a + s * o.a,
            b: self.b + s * o.b,
            c: self.c + s * o.c,
        }
    }
}

/// Which hidden units are active (pre-activation `> 0`), one `u32` of bits per hidden layer:
/// bit `k` of layer `l` is unit `k` of hidden layer `l`.
///
/// ```
/// use highdim::math::relu::ActivationPattern;
/// let p = ActivationPattern::from_layers(&[0b101, 0b1]);
/// assert!(p.is_active(0, 2) && !p.is_active(0, 1));
/// assert_eq!(p.layers(), 2);
/// assert_eq!(p.differing_units(&ActivationPattern::from_layers(&[0b100, 0b1])), 1);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActivationPattern {
    bits: [u32; MAX_HIDDEN_LAYERS],
    layers: u8,
}

impl ActivationPattern {
    /// A pattern from one bit word per layer. Layers beyond [`MAX_HIDDEN_LAYERS`] are ignored.
    pub fn from_layers(words: &[u32]) -> Self {
        let mut p = Self::default();
        for (l, &w) in words.iter().take(MAX_HIDDEN_LAYERS).enumerate() {
            p.bits[l] = w;
        }
        p.layers = words.len().min(MAX_HIDDEN_LAYERS) as u8;
        p
    }

    /// The number of hidden layers the pattern covers.
    pub fn layers(&self) -> usize {
        self.layers as usize
    }

    /// The bit word of hidden layer `l` (0 if the pattern does not cover it).
    pub fn layer(&self, l: usize) -> u32 {
        if l < self.layers() {
            self.bits[l]
        } else {
            0
        }
    }

    /// Whether unit `k` of hidden layer `l` is active.
    pub fn is_active(&self, l: usize, k: usize) -> bool {
        k < 32 && (self.layer(l) >> k) & 1 == 1
    }

    /// How many units differ between two patterns (over the layers both cover).
    pub fn differing_units(&self, other: &Self) -> u32 {
        let n = self.layers().min(other.layers());
        (0..n)
            .map(|l| (self.bits[l] ^ other.bits[l]).count_ones())
            .sum()
    }

    /// The first `layers` layers of this pattern.
    pub fn truncated(&self, layers: usize) -> Self {
        Self::from_layers(&self.bits[..layers.min(self.layers())])
    }

    /// This pattern with `word` as its layer `l` (extending it to `l + 1` layers).
    pub(crate) fn with_layer(mut self, l: usize, word: u32) -> Self {
        self.bits[l] = word;
        self.layers = self.layers.max(l as u8 + 1);
        self
    }
}

impl fmt::Display for ActivationPattern {
    /// Hexadecimal words, first layer first, separated by dots: `3f.0a1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for l in 0..self.layers() {
            if l > 0 {
                write!(f, ".")?;
            }
            write!(f, "{:x}", self.bits[l])?;
        }
        Ok(())
    }
}

/// Why a network could not be built. Layer indices count from 0, as in NET.json's `layers`.
#[derive(Clone, Debug, PartialEq)]
pub enum NetError {
    /// No hidden layer (a network needs at least one ReLU layer and an output layer).
    NoHiddenLayer,
    /// More than [`MAX_HIDDEN_LAYERS`] hidden layers.
    TooManyHiddenLayers {
        /// The number asked for.
        depth: usize,
    },
    /// A hidden layer wider than [`MAX_WIDTH`] or with no unit.
    WidthOutOfRange {
        /// Index of the layer.
        layer: usize,
        /// Its width.
        width: usize,
    },
    /// A class count outside `2..=MAX_CLASSES`.
    ClassesOutOfRange {
        /// The number asked for.
        classes: usize,
    },
    /// An output layer with a number of units outside `1..=MAX_CLASSES`.
    OutputUnitsOutOfRange {
        /// The number of output units.
        units: usize,
    },
    /// The first layer does not read 2 inputs.
    InputDimension {
        /// The number of columns of the first layer's weights.
        inputs: usize,
    },
    /// A weight row whose length differs from the layer's input count.
    RaggedWeights {
        /// Index of the layer.
        layer: usize,
        /// Index of the row.
        row: usize,
        /// Its length.
        len: usize,
        /// The length of row 0.
        expected: usize,
    },
    /// The bias vector's length differs from the number of weight rows.
    BiasCount {
        /// Index of the layer.
        layer: usize,
        /// Number of biases.
        biases: usize,
        /// Number of weight rows.
        rows: usize,
    },
    /// A layer reads a different number of inputs than the previous layer outputs.
    LayerMismatch {
        /// Index of the layer.
        layer: usize,
        /// Its number of inputs (columns).
        inputs: usize,
        /// The previous layer's number of outputs (rows).
        previous_outputs: usize,
    },
    /// A weight or bias is NaN or infinite.
    NonFinite {
        /// Index of the layer.
        layer: usize,
        /// Which entry, e.g. `weights[3][1]` or `biases[2]`.
        entry: String,
    },
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetError::NoHiddenLayer => write!(
                f,
                "the network needs at least one hidden ReLU layer and a linear output layer"
            ),
            NetError::TooManyHiddenLayers { depth } => write!(
                f,
                "{depth} hidden layers is too deep: at most {MAX_HIDDEN_LAYERS} are supported"
            ),
            NetError::WidthOutOfRange { layer, width } => write!(
                f,
                "hidden layer {layer} has {width} units; widths must be between 1 and {MAX_WIDTH}"
            ),
            NetError::ClassesOutOfRange { classes } => write!(
                f,
                "{classes} classes is not supported: use between 2 and {MAX_CLASSES}"
            ),
            NetError::OutputUnitsOutOfRange { units } => write!(
                f,
                "the output layer has {units} units; it needs 1 (one logit for two classes) \
                 or up to {MAX_CLASSES} (softmax)"
            ),
            NetError::InputDimension { inputs } => write!(
                f,
                "layers[0] reads {inputs} inputs, but the network's input is a point (x, y) \
                 of the plane: each weight row of layers[0] needs exactly 2 entries"
            ),
            NetError::RaggedWeights {
                layer,
                row,
                len,
                expected,
            } => write!(
                f,
                "layers[{layer}].weights is ragged: row {row} has {len} entries but row 0 has \
                 {expected}"
            ),
            NetError::BiasCount {
                layer,
                biases,
                rows,
            } => write!(
                f,
                "layers[{layer}] has {rows} weight rows but {biases} biases; they must match \
                 (one row and one bias per output unit)"
            ),
            NetError::LayerMismatch {
                layer,
                inputs,
                previous_outputs,
            } => write!(
                f,
                "layers[{layer}] reads {inputs} inputs but layers[{}] has {previous_outputs} \
                 outputs",
                layer - 1
            ),
            NetError::NonFinite { layer, entry } => {
                write!(f, "layers[{layer}].{entry} is not a finite number")
            }
        }
    }
}

impl std::error::Error for NetError {}

/// One layer in NET.json form: one weight row per output unit, one column per input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerSpec {
    /// `weights[j][i]`: from input `i` to output unit `j`.
    pub weights: Vec<Vec<f64>>,
    /// One bias per output unit.
    pub biases: Vec<f64>,
}

/// The NET.json document: hidden layers then the linear output layer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetSpec {
    /// Hidden layers in order, the last entry being the linear output layer.
    pub layers: Vec<LayerSpec>,
}

/// A ReLU network from the plane to class scores: `h₀ = (x, y)`, `hₗ = ReLU(Wₗ hₗ₋₁ + bₗ)`
/// for the hidden layers, then linear logits `z = W h + b`.
///
/// One logit means two classes (class 1 has probability `sigmoid(z)`); 2–4 logits mean a
/// softmax over that many classes. Serialises as NET.json (see [`NetSpec`]); deserialising
/// validates the shapes and values.
///
/// ```
/// use highdim::math::relu::ReluNet;
/// let net = ReluNet::random(&[8, 8], 2, 42).unwrap();
/// assert_eq!(net.hidden_widths(), &[8, 8]);
/// assert_eq!(net.output_units(), 1);
/// let json = serde_json::to_string(&net).unwrap();
/// let back: ReluNet = serde_json::from_str(&json).unwrap();
/// // serde_json's default float parser may be off by one ulp (its `float_roundtrip`
/// // feature makes the round trip exact).
/// let worst = back.params().iter().zip(net.params()).map(|(a, b)| (a - b).abs())
///     .fold(0.0, f64::max);
/// assert!(worst < 1e-15);
/// assert!(ReluNet::random(&[40], 2, 0).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "NetSpec", into = "NetSpec")]
pub struct ReluNet {
    /// `[2, n₁, …, n_L, outputs]`.
    sizes: Vec<usize>,
    /// Flat parameters; layer `l` starts at `offsets[l]`: weights row-major, then biases.
    params: Vec<f64>,
    offsets: Vec<usize>,
}

/// Checks hidden widths and the class count.
fn check_architecture(hidden: &[usize], classes: usize) -> Result<(), NetError> {
    if hidden.is_empty() {
        return Err(NetError::NoHiddenLayer);
    }
    if hidden.len() > MAX_HIDDEN_LAYERS {
        return Err(NetError::TooManyHiddenLayers {
            depth: hidden.len(),
        });
    }
    for (layer, &width) in hidden.iter().enumerate() {
        if width == 0 || width > MAX_WIDTH {
            return Err(NetError::WidthOutOfRange { layer, width });
        }
    }
    if !(2..=MAX_CLASSES).contains(&classes) {
        return Err(NetError::ClassesOutOfRange { classes });
    }
    Ok(())
}

/// Per-layer offsets into the flat parameter vector, and its total length.
fn layout(sizes: &[usize]) -> (Vec<usize>, usize) {
    let mut offsets = Vec::with_capacity(sizes.len() - 1);
    let mut at = 0;
    for w in sizes.windows(2) {
        offsets.push(at);
        at += w[0] * w[1] + w[1];
    }
    (offsets, at)
}

/// Result of [`ReluNet::loss_and_gradient`] over a batch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BatchLoss {
    /// Mean cross-entropy plus the L2 penalty `λ/2 · Σ w²` (weights only, not biases).
    pub loss: f64,
    /// Mean cross-entropy alone (nats per point).
    pub cross_entropy: f64,
    /// Number of samples whose predicted class is right.
    pub correct: usize,
}

impl ReluNet {
    /// A network with the given hidden widths for `classes` classes (2 → one logit,
    /// 3–4 → softmax), weights drawn by He initialisation (`N(0, 2/fan_in)`, He et al. 2015)
    /// and biases from `N(0, INIT_BIAS_STD²)` (see [`INIT_BIAS_STD`]), from the stream `seed`.
    ///
    /// # Errors
    /// [`NetError::NoHiddenLayer`], [`NetError::TooManyHiddenLayers`],
    /// [`NetError::WidthOutOfRange`] or [`NetError::ClassesOutOfRange`] outside depth 1–6,
    /// width 1–32, 2–4 classes.
    pub fn random(hidden: &[usize], classes: usize, seed: u64) -> Result<Self, NetError> {
        check_architecture(hidden, classes)?;
        let outputs = if classes == 2 { 1 } else { classes };
        let mut sizes = Vec::with_capacity(hidden.len() + 2);
        sizes.push(INPUT_DIM);
        sizes.extend_from_slice(hidden);
        sizes.push(outputs);
        let (offsets, total) = layout(&sizes);
        let mut params = vec![0.0; total];
        let mut rng = Rng::new(seed);
        for (l, w) in sizes.windows(2).enumerate() {
            let (n_in, n_out) = (w[0], w[1]);
            let std = (2.0 / n_in as f64).sqrt();
            let o = offsets[l];
            for p in &mut params[o..o + n_in * n_out] {
                *p = std * rng.normal();
            }
            for p in &mut params[o + n_in * n_out..o + n_in * n_out + n_out] {
                *p = INIT_BIAS_STD * rng.normal();
            }
        }
        Ok(Self {
            sizes,
            params,
            offsets,
        })
    }

    /// A network from explicit layers (hidden layers, then the linear output layer),
    /// validated as NET.json is.
    ///
    /// # Errors
    /// Any [`NetError`] describing the first problem found: shapes, sizes, input dimension
    /// ≠ 2, non-finite values, depth or width out of range.
    pub fn from_spec(spec: &NetSpec) -> Result<Self, NetError> {
        let layers = &spec.layers;
        if layers.len() < 2 {
            return Err(NetError::NoHiddenLayer);
        }
        if layers.len() - 1 > MAX_HIDDEN_LAYERS {
            return Err(NetError::TooManyHiddenLayers {
                depth: layers.len() - 1,
            });
        }
        let mut sizes = vec![INPUT_DIM];
        for (l, layer) in layers.iter().enumerate() {
            let rows = layer.weights.len();
            if layer.biases.len() != rows {
                return Err(NetError::BiasCount {
                    layer: l,
                    biases: layer.biases.len(),
                    rows,
                });
            }
            let cols = layer.weights.first().map_or(0, Vec::len);
            for (row, r) in layer.weights.iter().enumerate() {
                if r.len() != cols {
                    return Err(NetError::RaggedWeights {
                        layer: l,
                        row,
                        len: r.len(),
                        expected: cols,
                    });
                }
            }
            let is_output = l + 1 == layers.len();
            if is_output {
                if rows == 0 || rows > MAX_CLASSES {
                    return Err(NetError::OutputUnitsOutOfRange { units: rows });
                }
            } else if rows == 0 || rows > MAX_WIDTH {
                return Err(NetError::WidthOutOfRange {
                    layer: l,
                    width: rows,
                });
            }
            let previous = sizes[l];
            if cols != previous {
                return Err(if l == 0 {
                    NetError::InputDimension { inputs: cols }
                } else {
                    NetError::LayerMismatch {
                        layer: l,
                        inputs: cols,
                        previous_outputs: previous,
                    }
                });
            }
            for (j, r) in layer.weights.iter().enumerate() {
                if let Some(i) = r.iter().position(|v| !v.is_finite()) {
                    return Err(NetError::NonFinite {
                        layer: l,
                        entry: format!("weights[{j}][{i}]"),
                    });
                }
            }
            if let Some(j) = layer.biases.iter().position(|v| !v.is_finite()) {
                return Err(NetError::NonFinite {
                    layer: l,
                    entry: format!("biases[{j}]"),
                });
            }
            sizes.push(rows);
        }
        let (offsets, total) = layout(&sizes);
        let mut params = Vec::with_capacity(total);
        for layer in layers {
            for r in &layer.weights {
                params.extend_from_slice(r);
            }
            params.extend_from_slice(&layer.biases);
        }
        Ok(Self {
            sizes,
            params,
            offsets,
        })
    }

    /// The NET.json form of this network.
    pub fn to_spec(&self) -> NetSpec {
        let layers = (0..self.sizes.len() - 1)
            .map(|l| LayerSpec {
                weights: self
                    .layer_weights(l)
                    .chunks(self.sizes[l])
                    .map(<[f64]>::to_vec)
                    .collect(),
                biases: self.layer_biases(l).to_vec(),
            })
            .collect();
        NetSpec { layers }
    }

    /// Layer sizes `[2, n₁, …, n_L, outputs]`.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Widths of the hidden layers `[n₁, …, n_L]`.
    pub fn hidden_widths(&self) -> &[usize] {
        &self.sizes[1..self.sizes.len() - 1]
    }

    /// The number of hidden layers `L`.
    pub fn depth(&self) -> usize {
        self.sizes.len() - 2
    }

    /// The number of output units (logits).
    pub fn output_units(&self) -> usize {
        self.sizes[self.sizes.len() - 1]
    }

    /// The number of classes: 2 for a single logit, else the number of logits.
    pub fn classes(&self) -> usize {
        self.output_units().max(2)
    }

    /// All parameters in one vector. Layer `l` (hidden layers first, output last) holds its
    /// weights row-major (`n_out` rows of `n_in`, row `j` = output unit `j`) and then its
    /// `n_out` biases; layers follow each other.
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// Mutable access to the flat parameters (layout as in [`ReluNet::params`]). Nothing
    /// stops you writing NaN here; [`tessellate()`](crate::math::relu::tessellate()) and the trainer check.
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// Whether every parameter is finite.
    pub fn is_finite(&self) -> bool {
        self.params.iter().all(|v| v.is_finite())
    }

    /// The weights of layer `l`, row-major with one row per output unit.
    ///
    /// # Panics
    /// If `l` is not below `depth() + 1`.
    pub fn layer_weights(&self, l: usize) -> &[f64] {
        let o = self.offsets[l];
        &self.params[o..o + self.sizes[l] * self.sizes[l + 1]]
    }

    /// The biases of layer `l`.
    ///
    /// # Panics
    /// If `l` is not below `depth() + 1`.
    pub fn layer_biases(&self, l: usize) -> &[f64] {
        let o = self.offsets[l] + self.sizes[l] * self.sizes[l + 1];
        &self.params[o..o + self.sizes[l + 1]]
    }

    /// The pre-activation of unit `j` of layer `l` as an affine map of the input point, where
    /// `input` holds layer `l`'s inputs as affine maps (on one region: [`Affine::INPUTS`] for
    /// layer 0, else the previous layer's maps after the ReLU).
    pub(crate) fn unit_map(&self, l: usize, j: usize, input: &[Affine]) -> Affine {
        let n_in = self.sizes[l];
        let w = &self.layer_weights(l)[j * n_in..(j + 1) * n_in];
        let start = Affine {
            a: 0.0,
            b: 0.0,
            c: self.layer_biases(l)[j],
        };
        w.iter()
            .zip(input)
            .fold(start, |f, (&wi, h)| f.add_scaled(wi, h))
    }

    /// The lines `w·(x, y) + b = 0` of the first hidden layer, one per unit.
    pub fn first_layer_lines(&self) -> Vec<Affine> {
        let w = self.layer_weights(0);
        self.layer_biases(0)
            .iter()
            .enumerate()
            .map(|(k, &c)| Affine {
                a: w[2 * k],
                b: w[2 * k + 1],
                c,
            })
            .collect()
    }

    /// Runs the network on `p`, calling `hidden(l, z)` with the pre-activations of each
    /// hidden layer, and returns the logits in the first `output_units()` entries.
    #[inline]
    fn run(&self, p: [f64; 2], mut hidden: impl FnMut(usize, &[f64])) -> [f64; MAX_UNITS] {
        let mut a = [0.0; MAX_UNITS];
        let mut z = [0.0; MAX_UNITS];
        a[0] = p[0];
        a[1] = p[1];
        let last = self.sizes.len() - 2;
        for l in 0..=last {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let w = self.layer_weights(l);
            let b = self.layer_biases(l);
            for j in 0..n_out {
                let row = &w[j * n_in..(j + 1) * n_in];
                z[j] = b[j] + row.iter().zip(&a[..n_in]).map(|(w, a)| w * a).sum::<f64>();
            }
            if l < last {
                hidden(l, &z[..n_out]);
                for j in 0..n_out {
                    a[j] = z[j].max(0.0);
                }
            }
        }
        z
    }

    /// The logits at `p` (one, or one per class).
    pub fn logits(&self, p: [f64; 2]) -> Vec<f64> {
        self.run(p, |_, _| {})[..self.output_units()].to_vec()
    }

    /// The activation pattern at `p`: unit `k` of layer `l` is active when its
    /// pre-activation is strictly positive.
    pub fn pattern(&self, p: [f64; 2]) -> ActivationPattern {
        let mut pat = ActivationPattern::default();
        self.run(p, |l, z| {
            let word = z
                .iter()
                .enumerate()
                .fold(0u32, |w, (k, &v)| if v > 0.0 { w | (1 << k) } else { w });
            pat = pat.with_layer(l, word);
        });
        pat
    }

    /// Class probabilities at `p` (`[1 − σ(z), σ(z)]` for one logit, else the softmax).
    pub fn probabilities(&self, p: [f64; 2]) -> Vec<f64> {
        let z = self.run(p, |_, _| {});
        let k = self.output_units();
        if k == 1 {
            let s = sigmoid(z[0]);
            vec![1.0 - s, s]
        } else {
            let m = z[..k].iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let e: Vec<f64> = z[..k].iter().map(|v| (v - m).exp()).collect();
            let s: f64 = e.iter().sum();
            e.iter().map(|v| v / s).collect()
        }
    }

    /// The predicted class at `p` (ties go to the lower class).
    pub fn predict(&self, p: [f64; 2]) -> usize {
        let z = self.run(p, |_, _| {});
        predicted(&z[..self.output_units()])
    }

    /// The mean cross-entropy of `batch` plus `l2/2 · Σ w²` over all weights (biases are not
    /// penalised), and its gradient with respect to [`ReluNet::params`] written into `grad`
    /// (overwritten, same length as the parameters). Samples whose class is out of range
    /// count as class `classes() − 1`; the trainer validates classes beforehand. An empty
    /// batch gives the penalty alone.
    ///
    /// # Panics
    /// If `grad.len() != self.params().len()`.
    pub fn loss_and_gradient(&self, batch: &[Sample], l2: f64, grad: &mut [f64]) -> BatchLoss {
        assert_eq!(grad.len(), self.params.len(), "gradient buffer size");
        grad.iter_mut().for_each(|g| *g = 0.0);
        let n_layers = self.sizes.len() - 1;
        let k_out = self.output_units();
        let inv_n = if batch.is_empty() {
            0.0
        } else {
            1.0 / batch.len() as f64
        };
        // acts[l] is the input of layer l; acts[n_layers] holds the logits.
        let mut acts = [[0.0; MAX_UNITS]; MAX_HIDDEN_LAYERS + 2];
        let mut loss = 0.0;
        let mut correct = 0;
        for s in batch {
            acts[0][0] = s.point[0];
            acts[0][1] = s.point[1];
            for l in 0..n_layers {
                let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
                let w = self.layer_weights(l);
                let b = self.layer_biases(l);
                let (lo, hi) = acts.split_at_mut(l + 1);
                let (a, z) = (&lo[l], &mut hi[0]);
                for j in 0..n_out {
                    let row = &w[j * n_in..(j + 1) * n_in];
                    let v = b[j] + row.iter().zip(&a[..n_in]).map(|(w, a)| w * a).sum::<f64>();
                    z[j] = if l + 1 < n_layers { v.max(0.0) } else { v };
                }
            }
            let z = &acts[n_layers][..k_out];
            let class = s.class.min(self.classes() - 1);
            if predicted(z) == class {
                correct += 1;
            }
            // delta = dLoss/dlogits for this sample, already divided by the batch size.
            let mut delta = [0.0; MAX_UNITS];
            if k_out == 1 {
                let y = if class == 1 { 1.0 } else { 0.0 };
                loss += softplus(z[0]) - y * z[0];
                delta[0] = (sigmoid(z[0]) - y) * inv_n;
            } else {
                let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let sum: f64 = z.iter().map(|v| (v - m).exp()).sum();
                let lse = m + sum.ln();
                loss += lse - z[class];
                for j in 0..k_out {
                    let p = (z[j] - lse).exp();
                    delta[j] = (p - if j == class { 1.0 } else { 0.0 }) * inv_n;
                }
            }
            for l in (0..n_layers).rev() {
                let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
                let o = self.offsets[l];
                let a = &acts[l];
                for j in 0..n_out {
                    let d = delta[j];
                    if d == 0.0 {
                        continue;
                    }
                    let g = &mut grad[o + j * n_in..o + (j + 1) * n_in];
                    for (g, a) in g.iter_mut().zip(&a[..n_in]) {
                        *g += d * a;
                    }
                    grad[o + n_in * n_out + j] += d;
                }
                if l > 0 {
                    let w = self.layer_weights(l);
                    let mut prev = [0.0; MAX_UNITS];
                    for (i, p) in prev.iter_mut().enumerate().take(n_in) {
                        // ReLU'(z) = 1 where the unit is active (a > 0 ⇔ z > 0).
                        if a[i] > 0.0 {
                            *p = (0..n_out).map(|j| w[j * n_in + i] * delta[j]).sum();
                        }
                    }
                    delta = prev;
                }
            }
        }
        loss *= inv_n;
        let cross_entropy = loss;
        if l2 != 0.0 {
            let mut penalty = 0.0;
            for l in 0..n_layers {
                let o = self.offsets[l];
                let nw = self.sizes[l] * self.sizes[l + 1];
                for (g, w) in grad[o..o + nw].iter_mut().zip(&self.params[o..o + nw]) {
                    *g += l2 * w;
                    penalty += w * w;
                }
            }
            loss += 0.5 * l2 * penalty;
        }
        BatchLoss {
            loss,
            cross_entropy,
            correct,
        }
    }
}

impl TryFrom<NetSpec> for ReluNet {
    type Error = NetError;
    fn try_from(spec: NetSpec) -> Result<Self, NetError> {
        ReluNet::from_spec(&spec)
    }
}

impl From<ReluNet> for NetSpec {
    fn from(net: ReluNet) -> NetSpec {
        net.to_spec()
    }
}

/// The index of the largest logit (one logit: class 1 when it is positive).
pub(crate) fn predicted(z: &[f64]) -> usize {
    if z.len() == 1 {
        return usize::from(z[0] > 0.0);
    }
    let mut best = 0;
    for j in 1..z.len() {
        if z[j] > z[best] {
            best = j;
        }
    }
    best
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// `ln(1 + e^z)` without overflow.
fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn architecture_limits() {
        assert_eq!(ReluNet::random(&[], 2, 0), Err(NetError::NoHiddenLayer));
        assert!(matches!(
            ReluNet::random(&[4; 7], 2, 0),
            Err(NetError::TooManyHiddenLayers { depth: 7 })
        ));
        assert!(matches!(
            ReluNet::random(&[4, 0], 2, 0),
            Err(NetError::WidthOutOfRange { layer: 1, width: 0 })
        ));
        assert!(matches!(
            ReluNet::random(&[33], 2, 0),
            Err(NetError::WidthOutOfRange {
                layer: 0,
                width: 33
            })
        ));
        assert!(matches!(
            ReluNet::random(&[3], 5, 0),
            Err(NetError::ClassesOutOfRange { classes: 5 })
        ));
        assert!(ReluNet::random(&[32; 6], 4, 0).is_ok());
        assert!(ReluNet::random(&[1], 3, 0).is_ok());
    }

    #[test]
    fn he_initialisation_has_the_right_spread() {
        let net = ReluNet::random(&[32, 32], 2, 3).unwrap();
        let w = net.layer_weights(1);
        let var = w.iter().map(|v| v * v).sum::<f64>() / w.len() as f64;
        // Expected 2/32 = 0.0625; 1024 samples give a relative standard error of ~4.4 %.
        assert!((var - 0.0625).abs() < 0.012, "{var}");
    }

    #[test]
    fn spec_round_trip_and_logits_by_hand() {
        let spec = NetSpec {
            layers: vec![
                LayerSpec {
                    weights: vec![vec![1.0, 0.0], vec![0.0, 1.0]],
                    biases: vec![0.0, -1.0],
                },
                LayerSpec {
                    weights: vec![vec![2.0, 3.0]],
                    biases: vec![0.5],
                },
            ],
        };
        let net = ReluNet::from_spec(&spec).unwrap();
        assert_eq!(net.to_spec(), spec);
        // h = (relu(1), relu(3 − 1)) = (1, 2); z = 2 + 6 + 0.5.
        assert_eq!(net.logits([1.0, 3.0]), vec![8.5]);
        assert_eq!(
            net.pattern([1.0, 3.0]),
            ActivationPattern::from_layers(&[0b11])
        );
        assert_eq!(
            net.pattern([-1.0, 0.5]),
            ActivationPattern::from_layers(&[0b00])
        );
        assert_eq!(net.predict([-1.0, 0.5]), 1);
        let p = net.probabilities([-1.0, 0.5]);
        assert!((p[1] - sigmoid(0.5)).abs() < 1e-15);
    }

    #[test]
    fn spec_errors() {
        let good = ReluNet::random(&[3, 2], 3, 1).unwrap().to_spec();
        let mut s = good.clone();
        s.layers[1].weights[1].push(0.0);
        assert!(matches!(
            ReluNet::from_spec(&s),
            Err(NetError::RaggedWeights {
                layer: 1,
                row: 1,
                ..
            })
        ));
        let mut s = good.clone();
        s.layers[1].biases.pop();
        assert!(matches!(
            ReluNet::from_spec(&s),
            Err(NetError::BiasCount { layer: 1, .. })
        ));
        let mut s = good.clone();
        for r in &mut s.layers[0].weights {
            r.push(1.0);
        }
        assert_eq!(
            ReluNet::from_spec(&s),
            Err(NetError::InputDimension { inputs: 3 })
        );
        let mut s = good.clone();
        s.layers[1].weights.push(vec![0.0; 3]);
        s.layers[1].biases.push(0.0);
        assert!(matches!(
            ReluNet::from_spec(&s),
            Err(NetError::LayerMismatch {
                layer: 2,
                inputs: 2,
                previous_outputs: 3
            })
        ));
        let mut s = good.clone();
        s.layers[2].biases[0] = f64::NAN;
        let e = ReluNet::from_spec(&s).unwrap_err();
        assert_eq!(e.to_string(), "layers[2].biases[0] is not a finite number");
        let mut s = good;
        s.layers.truncate(1);
        assert_eq!(ReluNet::from_spec(&s), Err(NetError::NoHiddenLayer));
    }

    #[test]
    fn softplus_and_sigmoid_are_stable() {
        assert_eq!(softplus(1000.0), 1000.0);
        assert!(softplus(-1000.0) >= 0.0 && softplus(-1000.0) < 1e-300);
        assert!((softplus(0.0) - 2f64.ln()).abs() < 1e-15);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
    }
}
