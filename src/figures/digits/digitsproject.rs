//! Figure "digitsproject": one test digit, the closest point of the convex hull of the
//! training digits (a convex combination of training images, shown as an image) with its
//! distance, the nearest single training digit, and a pixel-space blend of two training
//! digits of different classes — inside the hull by construction, like mixup, and looking
//! like neither.

use super::data::DataState;
use crate::figures::theme::{self, Theme};
use crate::figures::{DrawResult, Figure, Table};
use crate::format::{number, percent, thousands};
use crate::jobs::{JobOutput, JobSpec, DIGITS_ASSET};
use crate::math::digits::{Digits, ProjectSpec, Projection, Split, TEST_IMAGES};
use crate::params::{Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::Arc;

/// Parameters of the projection figure.
#[derive(Clone, Debug, PartialEq)]
pub struct DigitsProjectParams {
    /// Position of the test digit in the split's test set.
    pub test: u32,
    /// Training digits.
    pub train: u32,
    /// Weight of the first digit in the blend.
    pub mix: f64,
    /// Seed of the split.
    pub seed: u32,
}

const SPECS: &[Spec] = &[
    Spec::new(
        "i",
        "Test digit number",
        Control::Int { min: 0, max: 999 },
        0.0,
        "",
    ),
    Spec::new(
        "n",
        "Training digits N",
        Control::LogInt { min: 50, max: 4000 },
        4000.0,
        "digits",
    ),
    Spec::new(
        "mix",
        "Blend weight of the first digit",
        Control::Float {
            min: 0.0,
            max: 1.0,
            step: 0.05,
        },
        0.5,
        "",
    ),
    Spec::new("seed", "Seed", Control::Seed, 1.0, ""),
];

/// Where each parameter sits in [`ParamSet::values`], by key.
mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const TEST: usize = slot(SPECS, "i");
    pub const N: usize = slot(SPECS, "n");
    pub const MIX: usize = slot(SPECS, "mix");
    pub const SEED: usize = slot(SPECS, "seed");
}

impl ParamSet for DigitsProjectParams {
    const NAMESPACE: &'static str = "dp";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            test: v[at::TEST] as u32,
            train: v[at::N] as u32,
            mix: v[at::MIX],
            seed: v[at::SEED] as u32,
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::TEST] = self.test as f64;
        v[at::N] = self.train as f64;
        v[at::MIX] = self.mix;
        v[at::SEED] = self.seed as f64;
        v
    }
}

/// The two training digits blended: the nearest training digit to the test digit, and the
/// training digit of another class at the median distance from that one (a typical pair).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlendPair {
    /// Data index of the first digit.
    pub a: usize,
    /// Data index of the second digit.
    pub b: usize,
    /// Their pixel-space distance.
    pub distance: f64,
}

/// The projection figure.
#[derive(Clone, Debug)]
pub struct DigitsProjectFigure {
    params: DigitsProjectParams,
    data: DataState,
    result: Option<(ProjectSpec, Result<Projection, String>)>,
    pair: Option<BlendPair>,
}

/// "a 6", "an 8".
fn a_digit(label: u8) -> String {
    format!("{} {label}", if label == 8 { "an" } else { "a" })
}

fn distance(a: &[u8], b: &[u8]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| (x as f64 - y as f64).powi(2))
        .sum::<f64>()
        .sqrt()
}

impl DigitsProjectFigure {
    /// The job's spec.
    pub fn spec(&self) -> ProjectSpec {
        ProjectSpec {
            train: self.params.train,
            test: self.params.test.min(TEST_IMAGES as u32 - 1),
            seed: self.params.seed as u64,
        }
    }

    /// The projection for the current parameters, once computed.
    pub fn projection(&self) -> Option<&Projection> {
        match &self.result {
            Some((s, Ok(p))) if *s == self.spec() => Some(p),
            _ => None,
        }
    }

    /// The pair blended (after the projection is known).
    pub fn pair(&self) -> Option<BlendPair> {
        self.pair
    }

    fn find_pair(&mut self) {
        self.pair = None;
        let (Some(d), Some(p)) = (self.data.digits(), self.projection().cloned()) else {
            return;
        };
        let split = Split::new(d.len(), TEST_IMAGES, self.params.seed as u64);
        let train = &split.train[..(self.params.train as usize).min(split.train.len())];
        let a = p.nearest_image.0 as usize;
        // A typical pair, like mixup's random pairs: of the training digits of other
        // classes, the one at the median distance from the first (the nearest ones look
        // alike, which would hide the point).
        let mut others: Vec<(usize, f64)> = train
            .iter()
            .filter(|&&j| d.label(j) != d.label(a))
            .map(|&j| (j, distance(d.image(a), d.image(j))))
            .collect();
        others.sort_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
        let best = others.get(others.len() / 2).copied();
        if let Some((b, dist)) = best {
            self.pair = Some(BlendPair {
                a,
                b,
                distance: dist,
            });
        }
    }

    /// Pixels of the closest point of the hull (grey levels, fractional).
    fn nearest_pixels(d: &Digits, p: &Projection) -> Vec<f64> {
        let mut y = vec![0.0; d.pixels_per_image()];
        for (&i, &w) in p.nearest.indices.iter().zip(&p.nearest.weights) {
            for (o, &v) in y.iter_mut().zip(d.image(i)) {
                *o += w * v as f64;
            }
        }
        y
    }
}

/// Draws a grey-level image (0 = white paper, 255 = black ink) in the square `area` with a
/// caption above it.
fn draw_image<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    th: &Theme,
    pixels: &[f64],
    side: usize,
    title: &str,
    note: &str,
) -> DrawResult {
    let (w, h) = area.dim_in_pixel();
    let top = th.px(40.0);
    let size = (w as i32 - th.px(12.0))
        .min(h as i32 - top - th.px(6.0))
        .max(side as i32);
    let cell = size as f64 / side as f64;
    let x0 = (w as i32 - size) / 2;
    area.draw(&Text::new(
        title.to_string(),
        (w as i32 / 2, th.px(4.0)),
        th.text(12.5).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    area.draw(&Text::new(
        note.to_string(),
        (w as i32 / 2, th.px(21.0)),
        th.muted(11.5).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    area.draw(&Rectangle::new(
        [(x0 - 1, top - 1), (x0 + size + 1, top + size + 1)],
        th.stroke(theme::MUTED, 1.0),
    ))?;
    for (k, &v) in pixels.iter().enumerate() {
        let g = 255 - v.round().clamp(0.0, 255.0) as u8;
        if g == 255 {
            continue;
        }
        let (r, c) = ((k / side) as f64, (k % side) as f64);
        let a = (x0 + (c * cell) as i32, top + (r * cell) as i32);
        let b = (
            x0 + ((c + 1.0) * cell).ceil() as i32,
            top + ((r + 1.0) * cell).ceil() as i32,
        );
        area.draw(&Rectangle::new([a, b], RGBColor(g, g, g).filled()))?;
    }
    Ok(())
}

impl Figure for DigitsProjectFigure {
    type Params = DigitsProjectParams;
    const KIND: &'static str = "digitsproject";
    const TITLE: &'static str = "A test digit and the closest point of the training hull";

    fn new(params: Self::Params) -> Self {
        Self {
            params,
            data: DataState::Waiting,
            result: None,
            pair: None,
        }
    }

    fn params(&self) -> &Self::Params {
        &self.params
    }

    fn set_params(&mut self, params: Self::Params) {
        let reproject = params.test != self.params.test
            || params.train != self.params.train
            || params.seed != self.params.seed;
        self.params = params;
        if reproject {
            self.pair = None;
        }
    }

    fn summary(&self) -> String {
        if let Some(m) = self.data.message() {
            return m;
        }
        let Some(d) = self.data.digits() else {
            return String::new();
        };
        if let Some((s, Err(e))) = &self.result {
            if *s == self.spec() {
                return format!("The projection failed: {e}");
            }
        }
        let Some(p) = self.projection() else {
            return format!(
                "Projecting test digit {} onto the hull of {} training digits in the 784-dimensional pixel space…",
                self.params.test,
                thousands(self.params.train as i64)
            );
        };
        let t = p.test as usize;
        let norm = distance(d.image(t), &[0u8; 784][..d.pixels_per_image()]);
        let mut s = if p.inside {
            format!(
                "Test digit {} ({}) lies inside the hull of the {} training digits.",
                self.params.test,
                a_digit(d.label(t)),
                thousands(self.params.train as i64)
            )
        } else {
            format!(
                "Test digit {} ({}) lies outside the hull of the {} training digits, at distance {} ({} of the digit's own length); the closest point of the hull mixes {} training digits, and the nearest single training digit ({}) is at {}.",
                self.params.test,
                a_digit(d.label(t)),
                thousands(self.params.train as i64),
                number(p.distance, 3),
                percent(p.distance / norm.max(1e-9)),
                p.nearest.indices.len(),
                a_digit(d.label(p.nearest_image.0 as usize)),
                number(p.nearest_image.1, 3)
            )
        };
        if let Some(pair) = self.pair {
            let m = self.params.mix;
            s.push_str(&format!(
                " The blend {}×({}) + {}×({}) is inside the hull by construction, yet is at distance {} from the first digit and {} from the second, and looks like neither.",
                number(m, 2),
                a_digit(d.label(pair.a)),
                number(1.0 - m, 2),
                a_digit(d.label(pair.b)),
                number((1.0 - m) * pair.distance, 3),
                number(m * pair.distance, 3)
            ));
        }
        s
    }

    fn description(&self) -> String {
        format!(
            "Four 28 by 28 grey images: a test digit, the closest point of the training hull, the nearest training digit, and a blend of two training digits. {}",
            self.summary()
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        if width < 560.0 {
            (width * 1.1).clamp(300.0, 640.0)
        } else {
            (width / 4.0 + 50.0).clamp(200.0, 320.0)
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        if let Some(m) = self.data.message() {
            theme::centered_message(root, &th, &m)?;
            root.present()?;
            return Ok(());
        }
        let Some(d) = self.data.digits() else {
            return Ok(());
        };
        let (w, _) = root.dim_in_pixel();
        let panels: Vec<DrawingArea<DB, Shift>> = if (w as f64 / th.scale) < 560.0 {
            root.split_evenly((2, 2))
        } else {
            root.split_evenly((1, 4))
        };
        let split = Split::new(d.len(), TEST_IMAGES, self.params.seed as u64);
        let t = split.test[self.spec().test as usize];
        let test: Vec<f64> = d.image(t).iter().map(|&v| v as f64).collect();
        draw_image(
            &panels[0],
            &th,
            &test,
            d.cols(),
            &format!("test digit ({})", a_digit(d.label(t))),
            &format!(
                "number {}; N = {} training digits",
                self.params.test,
                thousands(self.params.train as i64)
            ),
        )?;
        let m = self.params.mix;
        let blend_note = format!("weights {} and {}", number(m, 2), number(1.0 - m, 2));
        if self.pair.is_none() {
            draw_image(
                &panels[3],
                &th,
                &[],
                d.cols(),
                "blend of two training digits",
                &blend_note,
            )?;
        }
        let Some(p) = self.projection() else {
            let msg = match &self.result {
                Some((s, Err(e))) if *s == self.spec() => format!("failed: {e}"),
                _ => "projecting…".to_string(),
            };
            theme::centered_message(&panels[1], &th, &msg)?;
            root.present()?;
            return Ok(());
        };
        draw_image(
            &panels[1],
            &th,
            &Self::nearest_pixels(&d, p),
            d.cols(),
            "closest point of the hull",
            &if p.inside {
                "inside: distance 0".to_string()
            } else {
                format!(
                    "{} digits mixed, distance {}",
                    p.nearest.indices.len(),
                    number(p.distance, 3)
                )
            },
        )?;
        let a = p.nearest_image.0 as usize;
        let near: Vec<f64> = d.image(a).iter().map(|&v| v as f64).collect();
        draw_image(
            &panels[2],
            &th,
            &near,
            d.cols(),
            &format!("nearest training digit ({})", a_digit(d.label(a))),
            &format!("distance {}", number(p.nearest_image.1, 3)),
        )?;
        if let Some(pair) = self.pair {
            let blend: Vec<f64> = d
                .image(pair.a)
                .iter()
                .zip(d.image(pair.b))
                .map(|(&x, &y)| m * x as f64 + (1.0 - m) * y as f64)
                .collect();
            draw_image(
                &panels[3],
                &th,
                &blend,
                d.cols(),
                &format!(
                    "blend of {} and {}",
                    a_digit(d.label(pair.a)),
                    a_digit(d.label(pair.b))
                ),
                &format!("{blend_note}: in the hull"),
            )?;
        }
        root.present()?;
        Ok(())
    }

    fn job(&self) -> Option<JobSpec> {
        self.data.digits()?;
        match &self.result {
            Some((s, _)) if *s == self.spec() => None,
            _ => Some(JobSpec::DigitsProject(self.spec())),
        }
    }

    fn accept(&mut self, output: &JobOutput) {
        if let JobOutput::DigitsProject(r) = output {
            let spec = self.spec();
            let matches = match r {
                Ok(p) => self.data.digits().is_some_and(|d| {
                    let split = Split::new(d.len(), TEST_IMAGES, spec.seed);
                    split.test[spec.test as usize] == p.test as usize
                }),
                Err(_) => true,
            };
            if matches {
                self.result = Some((spec, r.clone()));
                self.find_pair();
            }
        }
    }

    fn asset(&self) -> Option<&'static str> {
        Some(DIGITS_ASSET)
    }

    fn give_asset(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.data.give(bytes)
    }

    fn asset_failed(&mut self, message: &str) {
        self.data = DataState::Failed(message.to_string());
    }

    fn job_digits(&self) -> Option<Arc<Digits>> {
        self.data.digits()
    }

    fn table(&self) -> Option<Table> {
        let d = self.data.digits()?;
        let p = self.projection()?;
        let t = p.test as usize;
        let mut table = Table::new(
            format!(
                "Test digit {} and the closest point of the convex hull of N = {} training \
                 digits (seed {}): the training digits it mixes with their weights, the \
                 nearest training digit and the two blended digits; indices are positions in \
                 the {}-digit data file, distances are in grey levels (0 to 255 per pixel)",
                self.params.test,
                thousands(self.params.train as i64),
                self.params.seed,
                thousands(d.len() as i64)
            ),
            &[
                "image",
                "index in the data file",
                "label",
                "weight",
                "distance from the test digit",
                "distance from the blend",
            ],
        );
        let from_test = |i: usize| distance(d.image(t), d.image(i));
        table.push(vec![
            "test digit".into(),
            t.into(),
            (d.label(t) as u32).into(),
            f64::NAN.into(),
            0.0.into(),
            f64::NAN.into(),
        ]);
        table.push(vec![
            "closest point of the hull".into(),
            f64::NAN.into(),
            f64::NAN.into(),
            f64::NAN.into(),
            p.distance.into(),
            f64::NAN.into(),
        ]);
        for (&i, &w) in p.nearest.indices.iter().zip(&p.nearest.weights) {
            table.push(vec![
                "closest point: training digit mixed".into(),
                i.into(),
                (d.label(i) as u32).into(),
                w.into(),
                from_test(i).into(),
                f64::NAN.into(),
            ]);
        }
        let a = p.nearest_image.0 as usize;
        table.push(vec![
            "nearest training digit".into(),
            a.into(),
            (d.label(a) as u32).into(),
            f64::NAN.into(),
            p.nearest_image.1.into(),
            f64::NAN.into(),
        ]);
        if let Some(pair) = self.pair {
            let m = self.params.mix;
            for (what, i, w, to_blend) in [
                ("blend: first digit", pair.a, m, (1.0 - m) * pair.distance),
                ("blend: second digit", pair.b, 1.0 - m, m * pair.distance),
            ] {
                table.push(vec![
                    what.into(),
                    i.into(),
                    (d.label(i) as u32).into(),
                    w.into(),
                    from_test(i).into(),
                    to_blend.into(),
                ]);
            }
        }
        Some(table)
    }
}
