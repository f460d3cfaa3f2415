//! Figure "distances": pairwise distances concentrate around their mean as d grows, so
//! "near" and "far" lose their meaning (Beyer et al. 1999).

use crate::figures::theme::{self, Theme};
use crate::figures::{step_tick, Cell, DrawResult, Figure, Response, Table};
use crate::format::{number, percent, thousands};
use crate::jobs::{JobOutput, JobSpec};
use crate::math::distances::{DistanceReport, PairStats, PointLaw, SWEEP_DIMS};
use crate::params::{Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const LAWS: &[(&str, &str)] = &[("cube", "uniform in the cube"), ("gauss", "Gaussian")];
/// The law of each option of [`LAWS`], in its order.
const LAW_ORDER: [PointLaw; 2] = [PointLaw::UniformCube, PointLaw::Gaussian];

/// Parameters of the distance figure.
#[derive(Clone, Debug, PartialEq)]
pub struct DistancesParams {
    /// Dimension.
    pub d: u32,
    /// Number of points.
    pub n: u32,
    /// Point law.
    pub law: PointLaw,
    /// Seed.
    pub seed: u32,
}

const SPECS: &[Spec] = &[
    Spec::new(
        "d",
        "Dimension d",
        Control::LogInt { min: 1, max: 1000 },
        100.0,
        "dimensions",
    ),
    Spec::new(
        "n",
        "Points N",
        Control::LogInt { min: 10, max: 1000 },
        300.0,
        "points",
    ),
    Spec::new("law", "Distribution", Control::Choice(LAWS), 0.0, ""),
    Spec::new("seed", "Seed", Control::Seed, 1.0, ""),
];

/// Where each parameter sits in [`ParamSet::values`], by key.
mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const D: usize = slot(SPECS, "d");
    pub const N: usize = slot(SPECS, "n");
    pub const LAW: usize = slot(SPECS, "law");
    pub const SEED: usize = slot(SPECS, "seed");
}

impl ParamSet for DistancesParams {
    const NAMESPACE: &'static str = "dist";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            d: v[at::D] as u32,
            n: v[at::N] as u32,
            law: LAW_ORDER[(v[at::LAW] as usize).min(LAW_ORDER.len() - 1)],
            seed: v[at::SEED] as u32,
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::D] = self.d as f64;
        v[at::N] = self.n as f64;
        v[at::LAW] = LAW_ORDER.iter().position(|l| *l == self.law).unwrap_or(0) as f64;
        v[at::SEED] = self.seed as f64;
        v
    }
}

/// The distance-concentration figure.
#[derive(Clone, Debug)]
pub struct DistancesFigure {
    params: DistancesParams,
    /// The latest report for the current parameters (focus may be pending).
    report: Option<DistanceReport>,
    /// The finished sweep for (n, law, seed), kept while only d changes.
    sweep: Option<(u32, PointLaw, u32, Vec<PairStats>)>,
}

impl DistancesFigure {
    fn sweep_matches(&self) -> Option<&Vec<PairStats>> {
        match &self.sweep {
            Some((n, law, seed, s))
                if *n == self.params.n && *law == self.params.law && *seed == self.params.seed =>
            {
                Some(s)
            }
            _ => None,
        }
    }

    /// Sweep points to draw: the cached sweep, or the partial one of a running job.
    fn sweep_points(&self) -> &[PairStats] {
        if let Some(s) = self.sweep_matches() {
            return s;
        }
        self.report
            .as_ref()
            .map(|r| r.sweep.as_slice())
            .unwrap_or(&[])
    }

    fn focus(&self) -> Option<&PairStats> {
        self.report.as_ref().and_then(|r| r.focus.as_ref())
    }

    fn law_name(&self) -> &'static str {
        match self.params.law {
            PointLaw::UniformCube => "uniform",
            PointLaw::Gaussian => "Gaussian",
        }
    }
}

impl Figure for DistancesFigure {
    type Params = DistancesParams;
    const KIND: &'static str = "distances";
    const TITLE: &'static str = "Distances concentrate";

    fn new(params: DistancesParams) -> Self {
        Self {
            params,
            report: None,
            sweep: None,
        }
    }

    fn params(&self) -> &DistancesParams {
        &self.params
    }

    fn set_params(&mut self, params: DistancesParams) {
        if params != self.params {
            self.params = params;
            self.report = None;
        }
    }

    fn summary(&self) -> String {
        let DistancesParams { d, n, .. } = self.params;
        let head = format!(
            "d = {d}, N = {} {} points",
            thousands(n as i64),
            self.law_name()
        );
        match self.focus() {
            None => format!(
                "{head}: computing the {} pairwise distances…",
                thousands((n as i64) * (n as i64 - 1) / 2)
            ),
            Some(f) => format!(
                "{head}: the {} pairwise distances have a spread of ±{} around their mean \
                 (large-d theory: ±{}); the farthest pair is {}× as far as the nearest, \
                 (max − min)/min = {}.",
                thousands(f.distances.n as i64),
                percent(f.relative_spread()),
                percent(self.params.law.predicted_relative_spread(d)),
                number(f.distances.max / f.distances.min, 3),
                number(f.contrast(), 3),
            ),
        }
    }

    fn description(&self) -> String {
        format!(
            "Two charts. Left: histogram of all pairwise distances among {} random points in {} \
             dimensions, divided by their mean. Right: (max − min)/min of those distances against \
             the dimension, on logarithmic axes.",
            self.params.n, self.params.d
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        theme::two_panel_height(width, 0.42)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let (left, right) = theme::two_panels(root, th.scale, 0.5);

        theme::panel_title(
            &left,
            &th,
            &format!("distance ÷ mean distance, d = {}", self.params.d),
        )?;
        match self.report.as_ref().and_then(|r| r.ratios.as_ref()) {
            None => theme::centered_message(&left, &th, "computing…")?,
            Some(h) => {
                let dens = h.density();
                let ymax = dens.iter().copied().fold(0.0, f64::max).max(1e-9) * 1.12;
                let mut chart = ChartBuilder::on(&left)
                    .margin(th.upx(10.0))
                    .margin_top(th.upx(30.0))
                    .x_label_area_size(th.upx(40.0))
                    .y_label_area_size(th.upx(46.0))
                    .build_cartesian_2d(h.lo..h.hi, 0f64..ymax)?;
                theme::mesh(&mut chart, &th)
                    .x_desc("distance / mean")
                    .y_desc("density")
                    .x_labels(5)
                    .y_labels(4)
                    .draw()?;
                chart.draw_series(dens.iter().enumerate().filter(|(_, &v)| v > 0.0).map(
                    |(i, &v)| {
                        let x0 = h.bin_start(i);
                        Rectangle::new(
                            [(x0, 0.0), (x0 + h.bin_width(), v)],
                            theme::BLUE.mix(0.85).filled(),
                        )
                    },
                ))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(1.0, 0.0), (1.0, ymax)],
                    th.stroke(theme::INK, 1.5),
                )))?;
                if h.above > 0 {
                    let (px, py) = theme::local(&left, chart.backend_coord(&(h.hi, ymax)));
                    left.draw(&Text::new(
                        format!("{} beyond 2× →", thousands(h.above as i64)),
                        (px, py + th.px(4.0)),
                        th.muted(11.5).pos(Pos::new(HPos::Right, VPos::Top)),
                    ))?;
                }
            }
        }

        theme::panel_title(&right, &th, "(max − min) / min against d")?;
        let pts: Vec<(f64, f64)> = self
            .sweep_points()
            .iter()
            .map(|s| (s.d as f64, s.contrast()))
            .filter(|(_, c)| c.is_finite() && *c > 0.0)
            .collect();
        let focus = self
            .focus()
            .map(|f| (f.d as f64, f.contrast()))
            .filter(|(_, c)| c.is_finite() && *c > 0.0);
        let all = pts.iter().chain(focus.iter());
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for &(_, c) in all {
            lo = lo.min(c);
            hi = hi.max(c);
        }
        if !lo.is_finite() {
            theme::centered_message(&right, &th, "computing…")?;
            root.present()?;
            return Ok(());
        }
        let (lo, hi) = (
            10f64.powf(lo.log10().floor()),
            10f64.powf(hi.log10().ceil()).max(lo * 10.0),
        );
        let mut chart = ChartBuilder::on(&right)
            .margin(th.upx(10.0))
            .margin_top(th.upx(30.0))
            .margin_right(th.upx(18.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(52.0))
            .build_cartesian_2d((1f64..1000f64).log_scale(), (lo..hi).log_scale())?;
        theme::mesh(&mut chart, &th)
            .x_desc("dimension d")
            .y_desc("relative contrast")
            .x_label_formatter(&theme::log_axis_label)
            .y_label_formatter(&|v| number(*v, 1))
            .draw()?;
        chart.draw_series(LineSeries::new(
            pts.iter().copied(),
            th.stroke(theme::BLUE, 2.0),
        ))?;
        chart.draw_series(
            pts.iter()
                .map(|&p| Circle::new(p, th.upx(3.5), theme::BLUE.filled())),
        )?;
        if let Some(p) = focus {
            chart.draw_series(std::iter::once(TriangleMarker::new(
                p,
                th.upx(7.0),
                theme::ORANGE.filled(),
            )))?;
            let (px, py) = theme::local(&right, chart.backend_coord(&p));
            let right_side = p.0 > 30.0;
            right.draw(&Text::new(
                format!("d = {}: {}", p.0 as u32, number(p.1, 2)),
                (
                    px + if right_side {
                        -th.px(10.0)
                    } else {
                        th.px(10.0)
                    },
                    py - th.px(8.0),
                ),
                th.text(12.5).pos(Pos::new(
                    if right_side { HPos::Right } else { HPos::Left },
                    VPos::Bottom,
                )),
            ))?;
        }
        if pts.len() < SWEEP_DIMS.len() && self.sweep_matches().is_none() {
            let (w, _) = right.dim_in_pixel();
            right.draw(&Text::new(
                format!("sweep {}/{}…", pts.len(), SWEEP_DIMS.len()),
                (w as i32 - th.px(24.0), th.px(40.0)),
                th.muted(12.0).pos(Pos::new(HPos::Right, VPos::Top)),
            ))?;
        }
        root.present()?;
        Ok(())
    }

    fn job(&self) -> Option<JobSpec> {
        let sweep_needed = self.sweep_matches().is_none();
        let focus_done = self.focus().is_some();
        let sweep_done = !sweep_needed
            || self
                .report
                .as_ref()
                .is_some_and(|r| r.sweep_requested && r.sweep.len() == SWEEP_DIMS.len());
        if focus_done && sweep_done {
            return None;
        }
        Some(JobSpec::Distances {
            d: self.params.d,
            n: self.params.n,
            law: self.params.law,
            seed: self.params.seed as u64,
            sweep: sweep_needed,
        })
    }

    fn accept(&mut self, output: &JobOutput) {
        let JobOutput::Distances(r) = output else {
            return;
        };
        let p = &self.params;
        if r.d != p.d || r.n != p.n || r.law != p.law {
            return;
        }
        if r.sweep_requested && r.sweep.len() == SWEEP_DIMS.len() {
            self.sweep = Some((p.n, p.law, p.seed, r.sweep.clone()));
        }
        self.report = Some(r.clone());
    }

    fn key(&mut self, key: &str) -> Response {
        let d = self.params.d as f64;
        let nd = match key {
            "ArrowRight" => step_tick(&SPECS[at::D], d, 1),
            "ArrowLeft" => step_tick(&SPECS[at::D], d, -1),
            _ => return Response::NONE,
        };
        if nd as u32 == self.params.d {
            return Response::NONE;
        }
        let p = DistancesParams {
            d: nd as u32,
            ..self.params.clone()
        };
        self.set_params(p);
        Response::PARAMS
    }

    fn keyboard_help(&self) -> &'static str {
        "On the chart: ← → change d."
    }

    fn table(&self) -> Option<Table> {
        let mut t = Table::new(
            format!(
                "Distances between {} {} points, by dimension",
                self.params.n,
                self.law_name()
            ),
            &[
                "dimension d",
                "which",
                "pairs",
                "mean distance",
                "smallest distance",
                "largest distance",
                "relative contrast (max − min) / min",
            ],
        );
        let row = |s: &PairStats, which: &str| -> Vec<Cell> {
            vec![
                s.d.into(),
                which.into(),
                s.distances.n.into(),
                s.distances.mean.into(),
                s.distances.min.into(),
                s.distances.max.into(),
                s.contrast().into(),
            ]
        };
        for s in self.sweep_points() {
            t.push(row(s, "sweep"));
        }
        if let Some(f) = self.focus() {
            t.push(row(f, "chosen d"));
        }
        if t.rows.is_empty() {
            return None;
        }
        Some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::run_to_end;

    #[test]
    fn sweep_is_cached_across_d() {
        let mut f = DistancesFigure::new(DistancesParams {
            n: 40,
            ..DistancesParams::defaults()
        });
        let spec = f.job().unwrap();
        assert!(matches!(spec, JobSpec::Distances { sweep: true, .. }));
        f.accept(&run_to_end(&spec).unwrap());
        assert!(f.job().is_none());
        assert!(f.summary().contains("spread"), "{}", f.summary());
        f.key("ArrowRight");
        let spec = f.job().unwrap();
        assert!(
            matches!(spec, JobSpec::Distances { sweep: false, d, .. } if d > 100),
            "{spec:?}"
        );
        f.accept(&run_to_end(&spec).unwrap());
        assert!(f.job().is_none());
        assert_eq!(f.sweep_points().len(), SWEEP_DIMS.len());
    }

    #[test]
    fn stale_reports_are_ignored() {
        let mut f = DistancesFigure::new(DistancesParams {
            n: 20,
            ..DistancesParams::defaults()
        });
        let out = run_to_end(&f.job().unwrap()).unwrap();
        f.set_params(DistancesParams {
            n: 30,
            ..f.params().clone()
        });
        f.accept(&out);
        assert!(f.focus().is_none());
    }
}
