//! The figure's parameters as they live in the link (`nn.depth=3&nn.data=spirals…`): the typed
//! [`ReluParams`], the choices offered (data sets, L2 penalties, optimizers, classes), and the
//! parameter specs read by name.

use crate::math::relu::{DatasetKind, Optimizer};
use crate::params::{choices, Control, ParamSet, Spec};

choices! {
    /// The data the network trains on.
    DataChoice, DATASETS;
    /// Four quadrants, alternating classes.
    Xor => ("xor", "XOR (four quadrants)"),
    /// A disc inside a ring.
    Circles => ("circles", "Two circles"),
    /// Two interleaved spirals.
    Spirals => ("spirals", "Two spirals"),
    /// Two interleaved half-moons.
    Moons => ("moons", "Two moons"),
    /// Three Gaussian blobs, three classes.
    Blobs => ("blobs", "Three blobs"),
    /// The reader's own points (`nn.pts`, see [`super::parse_points`]).
    Own => ("own", "Your own points"),
}

choices! {
    /// The L2 penalty on the weights.
    L2Penalty, L2_CHOICES;
    /// No penalty.
    Off => ("0", "none"),
    /// 10⁻⁴.
    TenThousandth => ("0.0001", "10⁻⁴"),
    /// 10⁻³.
    Thousandth => ("0.001", "10⁻³"),
    /// 10⁻².
    Hundredth => ("0.01", "10⁻²"),
    /// 10⁻¹.
    Tenth => ("0.1", "10⁻¹"),
}

choices! {
    /// The optimizer.
    OptimizerChoice, OPTIMIZERS;
    /// Adam.
    Adam => ("adam", "Adam"),
    /// Stochastic gradient descent with momentum 0.9.
    Sgd => ("sgd", "SGD + momentum 0.9"),
}

/// Classes a reader can add points of: URL value and label. The parameter holds the class
/// itself (0 = A … 3 = D, as in [`crate::math::relu::Sample::class`]), not a code.
pub const CLASS_CHOICES: &[(&str, &str)] = &[
    ("a", "A (discs)"),
    ("b", "B (triangles)"),
    ("c", "C (squares)"),
    ("d", "D (diamonds)"),
];

/// Class names, marker shapes and glyphs: class by shape and colour, never colour alone.
pub(super) const CLASS_NAMES: [&str; 4] = ["A", "B", "C", "D"];
pub(super) const CLASS_SHAPES: [&str; 4] = ["discs", "triangles", "squares", "diamonds"];
pub(super) const CLASS_GLYPHS: [&str; 4] = ["●", "▲", "■", "◆"];

/// Momentum of SGD.
pub(super) const MOMENTUM: f64 = 0.9;

impl DataChoice {
    /// The generated data set, `None` for the reader's own points.
    pub fn kind(self) -> Option<DatasetKind> {
        match self {
            DataChoice::Xor => Some(DatasetKind::Xor),
            DataChoice::Circles => Some(DatasetKind::Circles),
            DataChoice::Spirals => Some(DatasetKind::Spirals),
            DataChoice::Moons => Some(DatasetKind::Moons),
            DataChoice::Blobs => Some(DatasetKind::Blobs { classes: 3 }),
            DataChoice::Own => None,
        }
    }
}

impl L2Penalty {
    /// The coefficient.
    pub fn coefficient(self) -> f64 {
        match self {
            L2Penalty::Off => 0.0,
            L2Penalty::TenThousandth => 1e-4,
            L2Penalty::Thousandth => 1e-3,
            L2Penalty::Hundredth => 1e-2,
            L2Penalty::Tenth => 1e-1,
        }
    }
}

impl OptimizerChoice {
    /// The optimizer at learning rate `lr`.
    pub fn optimizer(self, lr: f64) -> Optimizer {
        match self {
            OptimizerChoice::Adam => Optimizer::adam(lr),
            OptimizerChoice::Sgd => Optimizer::sgd(lr, MOMENTUM),
        }
    }
}

/// Parameters of the ReLU-spline figure.
#[derive(Clone, Debug, PartialEq)]
pub struct ReluParams {
    /// Hidden layers, 1–6.
    pub depth: u32,
    /// Units per hidden layer, 1–32.
    pub width: u32,
    /// The data set.
    pub dataset: DataChoice,
    /// Noise standard deviation of the data.
    pub noise: f64,
    /// Learning rate.
    pub learning_rate: f64,
    /// The L2 penalty.
    pub l2: L2Penalty,
    /// The optimizer.
    pub optimizer: OptimizerChoice,
    /// Show the partition after this many hidden layers (the figure clamps it to `depth`).
    pub layer: u32,
    /// Seed of the data, the initial weights and the mini-batch order.
    pub seed: u32,
    /// The class of points the reader adds (own points), 0–3.
    pub class: usize,
}

pub(super) const SPECS: &[Spec] = &[
    Spec::new(
        "depth",
        "Hidden layers",
        Control::Int { min: 1, max: 6 },
        3.0,
        "layers",
    ),
    Spec::new(
        "width",
        "Units per layer",
        Control::Int { min: 1, max: 32 },
        16.0,
        "units",
    ),
    Spec::new(
        "data",
        "Data set",
        Control::Choice(DATASETS),
        DataChoice::Xor.index() as f64,
        "",
    ),
    Spec::new(
        "noise",
        "Noise",
        Control::Float {
            min: 0.0,
            max: 0.5,
            step: 0.01,
        },
        0.05,
        "",
    ),
    Spec::new(
        "lr",
        "Learning rate",
        Control::LogFloat {
            min: 1e-4,
            max: 10.0,
        },
        0.01,
        "",
    ),
    Spec::new(
        "l2",
        "L2 penalty",
        Control::Choice(L2_CHOICES),
        L2Penalty::Off.index() as f64,
        "",
    ),
    Spec::new(
        "opt",
        "Optimizer",
        Control::Choice(OPTIMIZERS),
        OptimizerChoice::Adam.index() as f64,
        "",
    ),
    Spec::new(
        "layer",
        "Show layers 1 to L",
        Control::Int { min: 1, max: 6 },
        6.0,
        "",
    ),
    Spec::new("seed", "Seed", Control::Seed, 1.0, ""),
    Spec::new(
        "cls",
        "Class of new points",
        Control::Choice(CLASS_CHOICES),
        0.0,
        "",
    ),
];

/// Where each parameter's value sits in [`ParamSet::values`], by key.
pub(super) mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const DEPTH: usize = slot(SPECS, "depth");
    pub const WIDTH: usize = slot(SPECS, "width");
    pub const DATA: usize = slot(SPECS, "data");
    pub const NOISE: usize = slot(SPECS, "noise");
    pub const LR: usize = slot(SPECS, "lr");
    pub const L2: usize = slot(SPECS, "l2");
    pub const OPT: usize = slot(SPECS, "opt");
    pub const LAYER: usize = slot(SPECS, "layer");
    pub const SEED: usize = slot(SPECS, "seed");
    pub const CLASS: usize = slot(SPECS, "cls");
}

impl ParamSet for ReluParams {
    const NAMESPACE: &'static str = "nn";
    const SPECS: &'static [Spec] = SPECS;
    const EXTRA_KEYS: &'static [&'static str] = &["pts"];
    fn from_values(v: &[f64]) -> Self {
        Self {
            depth: v[at::DEPTH] as u32,
            width: v[at::WIDTH] as u32,
            dataset: DataChoice::from_index(v[at::DATA] as usize),
            noise: v[at::NOISE],
            learning_rate: v[at::LR],
            l2: L2Penalty::from_index(v[at::L2] as usize),
            optimizer: OptimizerChoice::from_index(v[at::OPT] as usize),
            layer: v[at::LAYER] as u32,
            seed: v[at::SEED] as u32,
            class: v[at::CLASS] as usize,
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::DEPTH] = self.depth as f64;
        v[at::WIDTH] = self.width as f64;
        v[at::DATA] = self.dataset.index() as f64;
        v[at::NOISE] = self.noise;
        v[at::LR] = self.learning_rate;
        v[at::L2] = self.l2.index() as f64;
        v[at::OPT] = self.optimizer.index() as f64;
        v[at::LAYER] = self.layer as f64;
        v[at::SEED] = self.seed as f64;
        v[at::CLASS] = self.class as f64;
        v
    }
}

/// What a change of parameters asks of the figure, from the most work to the least.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Change {
    /// New data or a new architecture: regenerate the data and the network.
    Rebuild,
    /// New optimizer settings: a new trainer with the current weights.
    Retrain,
    /// Another layer shown: partition again.
    Repartition,
    /// Nothing the picture depends on (the class of new points).
    Nothing,
}

impl ReluParams {
    /// Clamps the layer shown to the depth as a link is loaded; returns the layer asked for
    /// when the link asked for more than the depth (the default, "all", is clamped
    /// silently).
    pub(super) fn clamp_layer_on_load(&mut self) -> Option<u32> {
        if self.layer <= self.depth {
            return None;
        }
        let asked = self.layer;
        self.layer = self.depth;
        (asked as f64 != SPECS[at::LAYER].default).then_some(asked)
    }

    /// Clamps the layer shown after a change from `old`: it follows the depth when it was
    /// showing every layer, and never passes it. Returns the layer asked for when the reader
    /// moved the layer slider past the depth (not when the depth shrank).
    pub(super) fn clamp_layer_after(&mut self, old: &ReluParams) -> Option<u32> {
        if self.depth != old.depth && old.layer >= old.depth {
            self.layer = self.depth;
        }
        if self.layer <= self.depth {
            return None;
        }
        let asked = (self.layer != old.layer).then_some(self.layer);
        self.layer = self.depth;
        asked
    }

    /// What changing from `old` to these parameters asks of the figure.
    pub(super) fn change_from(&self, old: &ReluParams) -> Change {
        if old.dataset != self.dataset
            || old.noise != self.noise
            || old.seed != self.seed
            || old.depth != self.depth
            || old.width != self.width
        {
            Change::Rebuild
        } else if old.learning_rate != self.learning_rate
            || old.l2 != self.l2
            || old.optimizer != self.optimizer
        {
            Change::Retrain
        } else if old.layer != self.layer {
            Change::Repartition
        } else {
            Change::Nothing
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each parameter reads and writes its own slot: a value set in one slot comes back in
    /// that slot only, whatever the order of the specs.
    #[test]
    fn every_value_reads_back_in_its_own_slot() {
        let defaults: Vec<f64> = SPECS.iter().map(|s| s.default).collect();
        assert_eq!(ReluParams::defaults().values(), defaults);
        for (i, spec) in SPECS.iter().enumerate() {
            let (lo, hi) = spec.range();
            let x = if hi != spec.default { hi } else { lo };
            assert_ne!(x, spec.default, "{}", spec.key);
            let mut v = defaults.clone();
            v[i] = x;
            assert_eq!(ReluParams::from_values(&v).values(), v, "{}", spec.key);
        }
        let keys = [
            (at::DEPTH, "depth"),
            (at::WIDTH, "width"),
            (at::DATA, "data"),
            (at::NOISE, "noise"),
            (at::LR, "lr"),
            (at::L2, "l2"),
            (at::OPT, "opt"),
            (at::LAYER, "layer"),
            (at::SEED, "seed"),
            (at::CLASS, "cls"),
        ];
        for (i, key) in keys {
            assert_eq!(SPECS[i].key, key);
        }
    }

    /// Links keep their values: the choices read and write the same URL texts as before they
    /// were enums.
    #[test]
    fn choices_keep_their_link_values() {
        let (p, notes) =
            ReluParams::from_query("nn.data=blobs&nn.l2=0.001&nn.opt=sgd&nn.depth=2&nn.cls=c");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(p.dataset, DataChoice::Blobs);
        assert_eq!(p.l2, L2Penalty::Thousandth);
        assert_eq!(p.optimizer, OptimizerChoice::Sgd);
        assert_eq!(p.class, 2);
        let q = p.to_query();
        for part in ["nn.data=blobs", "nn.l2=0.001", "nn.opt=sgd", "nn.cls=c"] {
            assert!(q.contains(part), "{q}");
        }
        let keys: Vec<&str> = DataChoice::ALL.iter().map(|d| d.key()).collect();
        assert_eq!(keys, ["xor", "circles", "spirals", "moons", "blobs", "own"]);
        let l2: Vec<(f64, &str)> = L2Penalty::ALL
            .iter()
            .map(|c| (c.coefficient(), c.key()))
            .collect();
        // Each coefficient is the number its URL value writes.
        for (c, key) in l2 {
            assert_eq!(key.parse::<f64>().unwrap(), c);
        }
        assert_eq!(OptimizerChoice::Sgd.key(), "sgd");
        assert_eq!(DataChoice::Own.kind(), None);
        assert_eq!(DataChoice::from_index(99), DataChoice::Xor);
    }
}
