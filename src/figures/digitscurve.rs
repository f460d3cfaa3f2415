//! Figure "digitscurve": real handwritten digits — the fraction of test digits inside the
//! convex hull of the training digits against the number `k` of dimensions kept, for a
//! centre crop, a smoothed subsample and the first principal components (the paper's
//! Figure 3 on 5,000 MNIST digits), with the variance the components explain.
//!
//! The digits arrive from the page ([`Figure::give_asset`]) when the section nears the
//! viewport; the curve is computed in the worker ([`JobSpec::DigitsCurve`]).

use super::theme::{self, Theme};
use super::{DrawResult, Figure, Table};
use crate::format::{percent, thousands};
use crate::jobs::{JobOutput, JobSpec, DIGITS_ASSET};
use crate::math::digits::{CurveReport, CurveSpec, Digits, Reduction};
use crate::params::{Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::Arc;

/// The values of k the figure offers: squares, so every reduction can use them.
pub const K_GRID: [u32; 15] = [
    1, 4, 9, 16, 25, 36, 49, 64, 100, 144, 196, 256, 400, 576, 784,
];

const K_CHOICES: &[(&str, &str)] = &[
    ("1", "1"),
    ("4", "4"),
    ("9", "9"),
    ("16", "16"),
    ("25", "25"),
    ("36", "36"),
    ("49", "49"),
    ("64", "64"),
    ("100", "100"),
    ("144", "144"),
    ("196", "196"),
    ("256", "256"),
    ("400", "400"),
    ("576", "576"),
    ("784", "784 (every pixel)"),
];

const REDUCTIONS: &[(&str, &str)] = &[
    ("all", "all three"),
    ("crop", "centre crop"),
    ("smooth", "smooth and subsample"),
    ("pca", "principal components"),
];

/// Parameters of the digits curve.
#[derive(Clone, Debug, PartialEq)]
pub struct DigitsCurveParams {
    /// Which reductions: 0 all three, 1 centre crop, 2 smooth and subsample, 3 PCA.
    pub reduction: usize,
    /// Training digits.
    pub train: u32,
    /// Test digits.
    pub tests: u32,
    /// Index of the smallest k in [`K_GRID`].
    pub kmin: usize,
    /// Index of the largest k in [`K_GRID`].
    pub kmax: usize,
    /// Seed of the split.
    pub seed: u32,
}

const SPECS: &[Spec] = &[
    Spec::new("red", "Reduction", Control::Choice(REDUCTIONS), 0.0, ""),
    Spec::new(
        "n",
        "Training digits N",
        Control::LogInt { min: 50, max: 4000 },
        4000.0,
        "digits",
    ),
    Spec::new(
        "tests",
        "Test digits",
        Control::LogInt { min: 50, max: 1000 },
        1000.0,
        "digits",
    ),
    Spec::new("kmin", "Smallest k", Control::Choice(K_CHOICES), 0.0, ""),
    Spec::new("kmax", "Largest k", Control::Choice(K_CHOICES), 10.0, ""),
    Spec::new("seed", "Seed", Control::Seed, 1.0, ""),
];

impl ParamSet for DigitsCurveParams {
    const NAMESPACE: &'static str = "dg";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            reduction: v[0] as usize,
            train: v[1] as u32,
            tests: v[2] as u32,
            kmin: v[3] as usize,
            kmax: v[4] as usize,
            seed: v[5] as u32,
        }
    }
    fn values(&self) -> Vec<f64> {
        vec![
            self.reduction as f64,
            self.train as f64,
            self.tests as f64,
            self.kmin as f64,
            self.kmax as f64,
            self.seed as f64,
        ]
    }
}

/// Where the data file stands.
#[derive(Clone, Debug)]
pub(crate) enum DataState {
    /// Not here yet.
    Waiting,
    /// Loaded and valid.
    Ready(Arc<Digits>),
    /// Missing or invalid, with the reason.
    Failed(String),
}

impl DataState {
    pub(crate) fn give(&mut self, bytes: &[u8]) -> Result<(), String> {
        match Digits::from_bytes(bytes) {
            Ok(d) => {
                *self = DataState::Ready(Arc::new(d));
                Ok(())
            }
            Err(e) => {
                let m = e.to_string();
                *self = DataState::Failed(m.clone());
                Err(m)
            }
        }
    }

    pub(crate) fn digits(&self) -> Option<Arc<Digits>> {
        match self {
            DataState::Ready(d) => Some(d.clone()),
            _ => None,
        }
    }

    /// The message to draw instead of the figure, if any.
    pub(crate) fn message(&self) -> Option<String> {
        match self {
            DataState::Waiting => Some("Loading the digits (about 0.8 MB)…".to_string()),
            DataState::Failed(m) => Some(format!("The digits could not be loaded: {m}")),
            DataState::Ready(_) => None,
        }
    }
}

/// Colour, marker name and dash of each reduction (never colour alone: each curve also has
/// its own marker and a direct label).
fn style(r: Reduction) -> (RGBColor, &'static str) {
    match r {
        Reduction::Crop => (theme::BLUE, "centre crop"),
        Reduction::Smooth => (theme::VERMILLION, "smoothed subsample"),
        Reduction::Pca => (theme::GREEN, "principal components"),
    }
}

/// The digits-curve figure.
#[derive(Clone, Debug)]
pub struct DigitsCurveFigure {
    params: DigitsCurveParams,
    data: DataState,
    report: Option<CurveReport>,
}

impl DigitsCurveFigure {
    /// The reductions drawn.
    pub fn reductions(&self) -> Vec<Reduction> {
        match self.params.reduction {
            1 => vec![Reduction::Crop],
            2 => vec![Reduction::Smooth],
            3 => vec![Reduction::Pca],
            _ => Reduction::ALL.to_vec(),
        }
    }

    /// The values of k computed.
    pub fn ks(&self) -> Vec<u32> {
        let (a, b) = (self.params.kmin, self.params.kmax);
        let (lo, hi) = (a.min(b), a.max(b).min(K_GRID.len() - 1));
        K_GRID[lo..=hi].to_vec()
    }

    /// The job's spec.
    pub fn spec(&self) -> CurveSpec {
        CurveSpec {
            reductions: self.reductions(),
            ks: self.ks(),
            train: self.params.train,
            tests: self.params.tests,
            seed: self.params.seed as u64,
        }
    }

    /// The computed report for the current parameters, if any.
    pub fn report(&self) -> Option<&CurveReport> {
        self.report.as_ref()
    }

    /// The fraction inside for reduction `r` at `k`, if computed.
    pub fn fraction(&self, r: Reduction, k: u32) -> Option<f64> {
        self.report.as_ref()?.point(r, k).map(|p| p.fraction())
    }
}

impl Figure for DigitsCurveFigure {
    type Params = DigitsCurveParams;
    const KIND: &'static str = "digitscurve";
    const TITLE: &'static str = "Test digits inside the training hull, against dimensions kept";

    fn new(params: Self::Params) -> Self {
        Self {
            params,
            data: DataState::Waiting,
            report: None,
        }
    }

    fn params(&self) -> &Self::Params {
        &self.params
    }

    fn set_params(&mut self, params: Self::Params) {
        self.params = params;
        if self.report.as_ref().is_some_and(|r| r.spec != self.spec()) {
            self.report = None;
        }
    }

    fn summary(&self) -> String {
        if let Some(m) = self.data.message() {
            return m;
        }
        let p = &self.params;
        let Some(r) = &self.report else {
            return format!(
                "Computing the share of {} test digits inside the hull of N = {} training digits, for k from {} to {}…",
                thousands(p.tests as i64),
                thousands(p.train as i64),
                self.ks().first().unwrap_or(&1),
                self.ks().last().unwrap_or(&784)
            );
        };
        let head = format!(
            "{} test digits against the hull of N = {} training digits. ",
            thousands(p.tests as i64),
            thousands(p.train as i64)
        );
        let mut parts = Vec::new();
        for red in self.reductions() {
            let what = match red {
                Reduction::Pca => "principal components",
                Reduction::Crop => "centre pixels (a crop)",
                Reduction::Smooth => "pixels of the smoothed, subsampled image",
            };
            let at: Vec<(u32, f64)> = [16u32, 64]
                .iter()
                .filter_map(|&k| r.point(red, k).map(|pt| (k, pt.fraction())))
                .collect();
            match at.as_slice() {
                [(a, fa), (b, fb)] => parts.push(format!(
                    "With {a} {what}, {} of test digits lie inside the training hull; with {b}, {}.",
                    percent(*fa),
                    percent(*fb)
                )),
                [(a, fa)] => parts.push(format!(
                    "With {a} {what}, {} of test digits lie inside the training hull.",
                    percent(*fa)
                )),
                _ => {
                    if let Some(pt) = r.series.iter().find(|s| s.reduction == red).and_then(|s| s.points.last()) {
                        parts.push(format!(
                            "With {} {what}, {} lie inside.",
                            pt.k,
                            percent(pt.fraction())
                        ));
                    }
                }
            }
        }
        if let Some(e) = r
            .spec
            .ks
            .iter()
            .position(|&k| k == 16)
            .and_then(|i| r.explained.get(i))
        {
            parts.push(format!(
                "16 components explain {} of the pixel variance.",
                percent(*e)
            ));
        }
        let mut s = head;
        if parts.is_empty() {
            s.push_str("Computing the first points…");
        } else {
            s.push_str(&parts.join(" "));
        }
        if !r.is_complete() {
            s.push_str(" (computing)");
        }
        s
    }

    fn description(&self) -> String {
        format!(
            "Line chart: percentage of test digits inside the convex hull of the training digits (vertical) against the number of dimensions kept, k, on a logarithmic axis from {} to {}, one line per reduction. {}",
            self.ks().first().unwrap_or(&1),
            self.ks().last().unwrap_or(&784),
            self.summary()
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        (width * 0.6).clamp(280.0, 460.0)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        if let Some(m) = self.data.message() {
            theme::centered_message(root, &th, &m)?;
            root.present()?;
            return Ok(());
        }
        theme::panel_title(
            root,
            &th,
            &format!(
                "{} test digits inside the hull of N = {} training digits (seed {})",
                thousands(self.params.tests as i64),
                thousands(self.params.train as i64),
                self.params.seed
            ),
        )?;
        let ks = self.ks();
        let (kmin, kmax) = (
            *ks.first().unwrap_or(&1) as f64,
            (*ks.last().unwrap_or(&784) as f64).max(2.0),
        );
        let legend_rows =
            self.reductions().len() + usize::from(self.reductions().contains(&Reduction::Pca));
        let top = 28.0 + 16.0 * legend_rows as f64;
        for (i, red) in self.reductions().iter().enumerate() {
            let (c, label) = style(*red);
            let y = th.px(28.0 + 16.0 * i as f64);
            let x = th.px(12.0);
            draw_marker(root, *red, (x + th.px(8.0), y + th.px(6.0)), &th, c)?;
            root.draw(&PathElement::new(
                vec![(x, y + th.px(6.0)), (x + th.px(16.0), y + th.px(6.0))],
                th.stroke(c, 2.0),
            ))?;
            root.draw(&Text::new(
                label.to_string(),
                (x + th.px(22.0), y),
                th.colored(12.0, c).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        if self.reductions().contains(&Reduction::Pca) {
            let y = th.px(28.0 + 16.0 * (legend_rows - 1) as f64);
            root.draw(&Text::new(
                "- - variance explained by the first k components".to_string(),
                (th.px(12.0), y),
                th.muted(12.0).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        let mut chart = ChartBuilder::on(root)
            .margin(th.upx(10.0))
            .margin_top(th.upx(top + 8.0))
            .margin_right(th.upx(18.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(48.0))
            .build_cartesian_2d((kmin..kmax).log_scale(), 0f64..1f64)?;
        theme::mesh(&mut chart, &th)
            .x_desc("dimensions kept, k")
            .y_desc("test digits inside")
            .x_label_formatter(&theme::log_axis_label)
            .y_label_formatter(&|v| percent(*v))
            .y_labels(6)
            .draw()?;
        let Some(report) = &self.report else {
            theme::centered_message(root, &th, "computing…")?;
            root.present()?;
            return Ok(());
        };
        if !report.explained.is_empty() {
            chart.draw_series(DashedLineSeries::new(
                report
                    .spec
                    .ks
                    .iter()
                    .zip(&report.explained)
                    .map(|(&k, &e)| (k as f64, e)),
                th.px(5.0).max(1) as u32,
                th.px(4.0).max(1) as u32,
                th.stroke(theme::GREEN, 1.5),
            ))?;
        }
        for s in &report.series {
            let (c, _) = style(s.reduction);
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .map(|p| (p.k as f64, p.fraction()))
                .collect();
            chart.draw_series(LineSeries::new(pts.iter().copied(), th.stroke(c, 2.0)))?;
            for &pt in &pts {
                let px = theme::local(root, chart.backend_coord(&pt));
                draw_marker(root, s.reduction, px, &th, c)?;
            }
        }
        root.present()?;
        Ok(())
    }

    fn job(&self) -> Option<JobSpec> {
        self.data.digits()?;
        match &self.report {
            Some(r) if r.is_complete() => None,
            _ => Some(JobSpec::DigitsCurve(self.spec())),
        }
    }

    fn accept(&mut self, output: &JobOutput) {
        if let JobOutput::DigitsCurve(r) = output {
            if r.spec == self.spec() {
                self.report = Some(r.clone());
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
        let r = self.report.as_ref()?;
        let p = &self.params;
        let mut t = Table::new(
            format!(
                "Share of {} test digits inside the convex hull of N = {} training digits \
                 against the number k of dimensions kept, per reduction (seed {})",
                thousands(p.tests as i64),
                thousands(p.train as i64),
                p.seed
            ),
            &[
                "reduction",
                "dimensions kept k",
                "training digits N",
                "test digits inside the hull",
                "test digits",
                "share inside",
                "variance explained by the first k components",
            ],
        );
        for s in &r.series {
            for pt in &s.points {
                // The dashed curve: the principal components' share of the pixel variance
                // (only on the components' rows; empty elsewhere).
                let explained = match s.reduction {
                    Reduction::Pca => r
                        .spec
                        .ks
                        .iter()
                        .position(|&k| k == pt.k)
                        .and_then(|i| r.explained.get(i))
                        .copied()
                        .unwrap_or(f64::NAN),
                    _ => f64::NAN,
                };
                t.push(vec![
                    style(s.reduction).1.into(),
                    pt.k.into(),
                    p.train.into(),
                    pt.inside.into(),
                    pt.tested.into(),
                    pt.fraction().into(),
                    explained.into(),
                ]);
            }
        }
        (!t.rows.is_empty()).then_some(t)
    }
}

/// Circle for the crop, square for the subsample, triangle for PCA.
fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r: Reduction,
    (x, y): (i32, i32),
    th: &Theme,
    c: RGBColor,
) -> DrawResult {
    let s = th.px(4.0);
    match r {
        Reduction::Crop => area.draw(&Circle::new((x, y), s.max(1) as u32, c.filled()))?,
        Reduction::Smooth => area.draw(&Rectangle::new(
            [(x - s, y - s), (x + s, y + s)],
            c.filled(),
        ))?,
        Reduction::Pca => area.draw(&Polygon::new(
            vec![(x, y - s - 1), (x - s - 1, y + s), (x + s + 1, y + s)],
            c.filled(),
        ))?,
    }
    Ok(())
}
