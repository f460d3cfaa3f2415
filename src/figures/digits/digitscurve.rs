//! Figure "digitscurve": real handwritten digits — the fraction of test digits inside the
//! convex hull of the training digits against the number `k` of dimensions kept, for a
//! centre crop, a smoothed subsample and the first principal components (the paper's
//! Figure 3 on 5,000 MNIST digits), with the variance the components explain; and for the
//! latent space of a small network trained with a bottleneck of width `k`, with its test
//! accuracy beside the hull fraction (the paper's Table 1 question).
//!
//! The digits arrive from the page ([`Figure::give_asset`]) when the section nears the
//! viewport; the curve is computed in the worker ([`JobSpec::DigitsCurve`]), and the
//! networks are trained there too ([`JobSpec::DigitsLatent`], after the pixel curves when
//! both are shown).

use super::data::DataState;
use crate::figures::theme::{self, draw_mark, Mark, Theme};
use crate::figures::{DrawResult, Figure, Table};
use crate::format::{percent, thousands};
use crate::jobs::{JobOutput, JobSpec, DIGITS_ASSET};
use crate::math::digits::{
    CurveReport, CurveSpec, Digits, LatentReport, LatentSpec, Reduction, MAX_LATENT_K,
};
use crate::params::{choices, Control, ParamSet, Spec};
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

choices! {
    /// Which curves the figure draws.
    Curves, REDUCTIONS;
    /// The three pixel reductions.
    AllPixels => ("all", "all three"),
    /// The centre crop only.
    Crop => ("crop", "centre crop"),
    /// Smoothing and subsampling only.
    Smooth => ("smooth", "smooth and subsample"),
    /// Principal components only.
    Pca => ("pca", "principal components"),
    /// The latent space of a trained net only.
    Latent => ("latent", "latent space of a trained net"),
    /// The three pixel reductions, then the latent space.
    All => ("all4", "all four (the net after the pixels)"),
}

/// Hidden width of the figure's networks (784 → HIDDEN → k → 10).
pub const HIDDEN: u32 = 64;

/// Colour and name of the latent curve (diamonds; its accuracy: crosses on a dotted line).
const LATENT: (RGBColor, &str) = (theme::PURPLE, "latent space of a trained net");
const ACCURACY: (RGBColor, &str) = (theme::INK, "the net's test accuracy");

/// Parameters of the digits curve.
#[derive(Clone, Debug, PartialEq)]
pub struct DigitsCurveParams {
    /// Which curves: the pixel reductions, the latent space, or both.
    pub reduction: Curves,
    /// Training digits.
    pub train: u32,
    /// Test digits.
    pub tests: u32,
    /// Index of the smallest k in [`K_GRID`].
    pub kmin: usize,
    /// Index of the largest k in [`K_GRID`].
    pub kmax: usize,
    /// Seed of the split (and of the networks' weights and minibatch order).
    pub seed: u32,
    /// Training epochs of each network (the latent curve only).
    pub epochs: u32,
    /// Training digits of the networks (the latent curve only; fewer than the pixel curves'
    /// by default, so that eight networks train in a few seconds in the browser).
    pub net_train: u32,
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
    Spec::new(
        "ep",
        "Training epochs (latent curve)",
        Control::Int { min: 1, max: 10 },
        5.0,
        "epochs",
    ),
    Spec::new(
        "nn",
        "Training digits for the nets",
        Control::LogInt { min: 50, max: 4000 },
        1000.0,
        "digits",
    ),
];

/// Where each parameter sits in [`ParamSet::values`], by key.
mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const RED: usize = slot(SPECS, "red");
    pub const N: usize = slot(SPECS, "n");
    pub const TESTS: usize = slot(SPECS, "tests");
    pub const KMIN: usize = slot(SPECS, "kmin");
    pub const KMAX: usize = slot(SPECS, "kmax");
    pub const SEED: usize = slot(SPECS, "seed");
    pub const EPOCHS: usize = slot(SPECS, "ep");
    pub const NET_N: usize = slot(SPECS, "nn");
}

impl ParamSet for DigitsCurveParams {
    const NAMESPACE: &'static str = "dg";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            reduction: Curves::from_index(v[at::RED] as usize),
            train: v[at::N] as u32,
            tests: v[at::TESTS] as u32,
            kmin: v[at::KMIN] as usize,
            kmax: v[at::KMAX] as usize,
            seed: v[at::SEED] as u32,
            epochs: v[at::EPOCHS] as u32,
            net_train: v[at::NET_N] as u32,
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::RED] = self.reduction.index() as f64;
        v[at::N] = self.train as f64;
        v[at::TESTS] = self.tests as f64;
        v[at::KMIN] = self.kmin as f64;
        v[at::KMAX] = self.kmax as f64;
        v[at::SEED] = self.seed as f64;
        v[at::EPOCHS] = self.epochs as f64;
        v[at::NET_N] = self.net_train as f64;
        v
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
    latent: Option<LatentReport>,
}

impl DigitsCurveFigure {
    /// The pixel-space reductions drawn (none when only the latent curve is asked for).
    pub fn reductions(&self) -> Vec<Reduction> {
        match self.params.reduction {
            Curves::Crop => vec![Reduction::Crop],
            Curves::Smooth => vec![Reduction::Smooth],
            Curves::Pca => vec![Reduction::Pca],
            Curves::Latent => Vec::new(),
            Curves::AllPixels | Curves::All => Reduction::ALL.to_vec(),
        }
    }

    /// Whether the latent curve is asked for.
    pub fn shows_latent(&self) -> bool {
        matches!(self.params.reduction, Curves::Latent | Curves::All)
    }

    /// The bottleneck widths trained: the chosen values of k up to [`MAX_LATENT_K`].
    pub fn latent_ks(&self) -> Vec<u32> {
        self.ks()
            .into_iter()
            .filter(|&k| k <= MAX_LATENT_K)
            .collect()
    }

    /// The latent job's spec, when the latent curve is asked for and some k fits.
    pub fn latent_spec(&self) -> Option<LatentSpec> {
        let ks = self.latent_ks();
        (self.shows_latent() && !ks.is_empty()).then_some(LatentSpec {
            ks,
            train: self.params.net_train,
            tests: self.params.tests,
            epochs: self.params.epochs,
            hidden: HIDDEN,
            seed: self.params.seed as u64,
        })
    }

    /// The latent report for the current parameters, if any.
    pub fn latent(&self) -> Option<&LatentReport> {
        self.latent.as_ref()
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

    /// The caption of the pixel-space curves.
    fn pixel_summary(&self) -> String {
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

    /// The caption of the latent curve: accuracy beside the hull fraction, computed.
    fn latent_summary(&self) -> String {
        let p = &self.params;
        let net = format!(
            "784-{HIDDEN}-k-10 networks trained for {} epoch{} on N = {} digits",
            p.epochs,
            if p.epochs == 1 { "" } else { "s" },
            thousands(p.net_train as i64)
        );
        let ks = self.latent_ks();
        let (Some(&first), Some(&last)) = (ks.first(), ks.last()) else {
            return format!(
                "The latent curve needs a bottleneck no wider than {MAX_LATENT_K}: choose a smallest k of {MAX_LATENT_K} or less."
            );
        };
        let capped = if self.ks().last().is_some_and(|&k| k > MAX_LATENT_K) {
            format!(" (bottlenecks at most {MAX_LATENT_K} wide)")
        } else {
            String::new()
        };
        let Some(l) = &self.latent else {
            return format!(
                "Latent space: {net} will train in turn for k from {first} to {last}{capped}…"
            );
        };
        let mut s = format!(
            "Latent space of {net}, {} test digits{capped}: ",
            thousands(p.tests as i64)
        );
        let mut named: Vec<_> = [16u32, 64].iter().filter_map(|&k| l.point(k)).collect();
        if named.is_empty() {
            named.extend(l.points.last().copied());
        }
        let said: Vec<String> = named
            .iter()
            .enumerate()
            .map(|(i, pt)| {
                let (acc, inside) = (percent(pt.accuracy), percent(pt.fraction()));
                if i == 0 {
                    format!(
                        "in a {}-dimensional latent space the net classifies {acc} of test digits correctly while {inside} lie inside the training hull",
                        pt.k
                    )
                } else {
                    format!("in {} dimensions, {acc} correct and {inside} inside", pt.k)
                }
            })
            .collect();
        if said.is_empty() {
            s.push_str("training the first network");
        } else {
            s.push_str(&said.join("; "));
        }
        s.push('.');
        if let Some(c) = l.current {
            if c.epoch < p.epochs {
                s.push_str(&format!(
                    " Training the k = {} network: epoch {} of {}, minibatch {} of {}…",
                    c.k,
                    c.epoch + 1,
                    p.epochs,
                    c.batch,
                    c.batches
                ));
            } else {
                s.push_str(&format!(
                    " Placing the k = {} network's test codes against the hull of its training codes…",
                    c.k
                ));
            }
        }
        s
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
            latent: None,
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
        if self.latent.as_ref().map(|l| &l.spec) != self.latent_spec().as_ref() {
            self.latent = None;
        }
    }

    fn summary(&self) -> String {
        if let Some(m) = self.data.message() {
            return m;
        }
        let mut s = if self.reductions().is_empty() {
            String::new()
        } else {
            self.pixel_summary()
        };
        if self.shows_latent() {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&self.latent_summary());
        }
        s
    }

    fn description(&self) -> String {
        format!(
            "Line chart: percentage of test digits inside the convex hull of the training digits (vertical) against the number of dimensions kept, k, on a logarithmic axis from {} to {}, one line per reduction{}. {}",
            self.ks().first().unwrap_or(&1),
            self.ks().last().unwrap_or(&784),
            if self.shows_latent() {
                "; for the trained networks, diamonds give the share of test codes inside the hull of the training codes, and crosses on a dotted line the test accuracy"
            } else {
                ""
            },
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
        let p = &self.params;
        let title = match (self.reductions().is_empty(), self.shows_latent()) {
            (true, _) => format!(
                "{} test digits' codes inside the hull of the codes of N = {} training digits (seed {})",
                thousands(p.tests as i64),
                thousands(p.net_train as i64),
                p.seed
            ),
            (false, true) => format!(
                "{} test digits inside the hull of N = {} training digits (the nets: N = {}; seed {})",
                thousands(p.tests as i64),
                thousands(p.train as i64),
                thousands(p.net_train as i64),
                p.seed
            ),
            (false, false) => format!(
                "{} test digits inside the hull of N = {} training digits (seed {})",
                thousands(p.tests as i64),
                thousands(p.train as i64),
                p.seed
            ),
        };
        theme::panel_title(root, &th, &title)?;
        let ks = self.ks();
        let (kmin, kmax) = (
            *ks.first().unwrap_or(&1) as f64,
            (*ks.last().unwrap_or(&784) as f64).max(2.0),
        );
        let reductions = self.reductions();
        let pca_row = usize::from(reductions.contains(&Reduction::Pca));
        let latent_rows = if self.shows_latent() { 2 } else { 0 };
        let legend_rows = reductions.len() + pca_row + latent_rows;
        let top = 28.0 + 16.0 * legend_rows as f64;
        for (i, red) in reductions.iter().enumerate() {
            let (c, label) = style(*red);
            let y = th.px(28.0 + 16.0 * i as f64);
            let x = th.px(12.0);
            draw_mark(
                root,
                &th,
                (x + th.px(8.0), y + th.px(6.0)),
                mark_of(*red),
                4.0,
                c,
            )?;
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
        if pca_row == 1 {
            let y = th.px(28.0 + 16.0 * reductions.len() as f64);
            root.draw(&Text::new(
                "- - variance explained by the first k components".to_string(),
                (th.px(12.0), y),
                th.muted(12.0).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        if self.shows_latent() {
            let row0 = reductions.len() + pca_row;
            for (j, (c, label)) in [LATENT, ACCURACY].into_iter().enumerate() {
                let y = th.px(28.0 + 16.0 * (row0 + j) as f64);
                let x = th.px(12.0);
                let mid = (x + th.px(8.0), y + th.px(6.0));
                if j == 0 {
                    root.draw(&PathElement::new(
                        vec![(x, mid.1), (x + th.px(16.0), mid.1)],
                        th.stroke(c, 2.0),
                    ))?;
                    draw_diamond(root, mid, &th, c)?;
                } else {
                    for d in [0.0, 6.0, 12.0] {
                        root.draw(&PathElement::new(
                            vec![(x + th.px(d), mid.1), (x + th.px(d + 3.0), mid.1)],
                            th.stroke(c, 1.5),
                        ))?;
                    }
                    draw_cross(root, mid, &th, c)?;
                }
                root.draw(&Text::new(
                    label.to_string(),
                    (x + th.px(22.0), y),
                    th.colored(12.0, c).pos(Pos::new(HPos::Left, VPos::Top)),
                ))?;
            }
        }
        let mut chart = ChartBuilder::on(root)
            .margin(th.upx(10.0))
            .margin_top(th.upx(top + 8.0))
            .margin_right(th.upx(18.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(48.0))
            .build_cartesian_2d((kmin..kmax).log_scale(), 0f64..1f64)?;
        theme::mesh(&mut chart, &th)
            .x_desc(if self.shows_latent() {
                "dimensions kept, k (for the net: bottleneck width)"
            } else {
                "dimensions kept, k"
            })
            .y_desc(if self.shows_latent() {
                "test digits inside (or correct)"
            } else {
                "test digits inside"
            })
            .x_label_formatter(&theme::log_axis_label)
            .y_label_formatter(&|v| percent(*v))
            .y_labels(6)
            .draw()?;
        if self.shows_latent() && self.latent_ks().is_empty() {
            theme::centered_message(
                root,
                &th,
                &format!("the net needs a smallest k of {MAX_LATENT_K} or less"),
            )?;
        }
        if self.report.is_none() && self.latent.is_none() {
            theme::centered_message(root, &th, "computing…")?;
            root.present()?;
            return Ok(());
        }
        if let Some(report) = &self.report {
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
                    draw_mark(root, &th, px, mark_of(s.reduction), 4.0, c)?;
                }
            }
        }
        if let Some(l) = &self.latent {
            let inside: Vec<(f64, f64)> = l
                .points
                .iter()
                .map(|p| (p.k as f64, p.fraction()))
                .collect();
            let acc: Vec<(f64, f64)> = l.points.iter().map(|p| (p.k as f64, p.accuracy)).collect();
            chart.draw_series(LineSeries::new(
                inside.iter().copied(),
                th.stroke(LATENT.0, 2.0),
            ))?;
            chart.draw_series(DashedLineSeries::new(
                acc.iter().copied(),
                th.px(3.0).max(1) as u32,
                th.px(3.0).max(1) as u32,
                th.stroke(ACCURACY.0, 1.5),
            ))?;
            for &pt in &inside {
                draw_diamond(
                    root,
                    theme::local(root, chart.backend_coord(&pt)),
                    &th,
                    LATENT.0,
                )?;
            }
            for &pt in &acc {
                draw_cross(
                    root,
                    theme::local(root, chart.backend_coord(&pt)),
                    &th,
                    ACCURACY.0,
                )?;
            }
        }
        root.present()?;
        Ok(())
    }

    /// The nets' epochs and training digits matter only with the latent curve; the pixel
    /// curves' N only with a pixel reduction.
    fn control_enabled(&self, key: &str) -> bool {
        match key {
            "ep" | "nn" => self.shows_latent(),
            "n" => !self.reductions().is_empty(),
            _ => true,
        }
    }

    fn job(&self) -> Option<JobSpec> {
        self.data.digits()?;
        // The pixel curves first (they are quicker), then the networks.
        if !self.reductions().is_empty() && !self.report.as_ref().is_some_and(|r| r.is_complete()) {
            return Some(JobSpec::DigitsCurve(self.spec()));
        }
        let spec = self.latent_spec()?;
        match &self.latent {
            Some(l) if l.is_complete() => None,
            _ => Some(JobSpec::DigitsLatent(spec)),
        }
    }

    fn accept(&mut self, output: &JobOutput) {
        match output {
            JobOutput::DigitsCurve(r) if r.spec == self.spec() => self.report = Some(r.clone()),
            JobOutput::DigitsLatent(l) if Some(&l.spec) == self.latent_spec().as_ref() => {
                self.latent = Some(l.clone())
            }
            _ => {}
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
        if self.report.is_none() && self.latent.is_none() {
            return None;
        }
        let p = &self.params;
        let mut t = Table::new(
            format!(
                "Share of {} test digits inside the convex hull of N = {} training digits \
                 against the number k of dimensions kept, per reduction (seed {}){}",
                thousands(p.tests as i64),
                thousands(if self.reductions().is_empty() {
                    p.net_train
                } else {
                    p.train
                } as i64),
                p.seed,
                if self.shows_latent() {
                    format!(
                        "; for the latent space, k is the bottleneck width of a 784-{HIDDEN}-k-10 \
                         network trained for {} epochs on the N of its rows, and the hull is that \
                         of the training digits' codes",
                        p.epochs
                    )
                } else {
                    String::new()
                }
            ),
            &[
                "reduction",
                "dimensions kept k",
                "training digits N",
                "test digits inside the hull",
                "test digits",
                "share inside",
                "variance explained by the first k components",
                "test accuracy of the net",
            ],
        );
        if let Some(r) = &self.report {
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
                        f64::NAN.into(),
                    ]);
                }
            }
        }
        // The networks: k is the bottleneck's width; the accuracy is the dotted curve.
        if let Some(l) = &self.latent {
            for pt in &l.points {
                t.push(vec![
                    LATENT.1.into(),
                    pt.k.into(),
                    l.spec.train.into(),
                    pt.inside.into(),
                    pt.tested.into(),
                    pt.fraction().into(),
                    f64::NAN.into(),
                    pt.accuracy.into(),
                ]);
            }
        }
        (!t.rows.is_empty()).then_some(t)
    }
}

/// A filled diamond: the latent curve's marker.
fn draw_diamond<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    th: &Theme,
    c: RGBColor,
) -> DrawResult {
    let s = th.px(5.0).max(2);
    area.draw(&Polygon::new(
        vec![(x, y - s), (x + s, y), (x, y + s), (x - s, y)],
        c.filled(),
    ))?;
    Ok(())
}

/// A cross (×): the marker of the networks' test accuracy.
fn draw_cross<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    th: &Theme,
    c: RGBColor,
) -> DrawResult {
    let s = th.px(4.0).max(2);
    for (dx, dy) in [(s, s), (s, -s)] {
        area.draw(&PathElement::new(
            vec![(x - dx, y - dy), (x + dx, y + dy)],
            th.stroke(c, 2.0),
        ))?;
    }
    Ok(())
}

/// The marker of a reduction: a disc for the crop, a square for the subsample, a triangle for
/// PCA.
fn mark_of(r: Reduction) -> Mark {
    match r {
        Reduction::Crop => Mark::Disc,
        Reduction::Smooth => Mark::Square,
        Reduction::Pca => Mark::Up,
    }
}
