//! Figure "ballcube": random points in the unit cube, the inscribed ball, and the Monte Carlo
//! estimate of the ball's share beside the exact value.
//!
//! Left panel: the picture. d = 2 is the disk in the square; d = 3 is a slice through the cube
//! at height z (scan it from one face to the other); for d ≥ 4 it is the shadow of the points
//! on the first two axes, each marked by whether the whole point is in the ball. Right panel:
//! the histogram of all samples' distances from the centre against the ball's radius ½.

use crate::figures::theme::{self, Theme};
use crate::figures::{
    step_tick, Action, DrawResult, Figure, Pointer, PointerPhase, Response, Table,
};
use crate::format::{count_from_log10, from_log10, number, percent, thousands};
use crate::jobs::{JobOutput, JobSpec};
use crate::math::sampling::{picture_points, BallInCubeEstimate, CubePoint};
use crate::math::volume::{cube_half_diagonal, ln_ball_in_cube_fraction};
use crate::params::{Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::f64::consts::LN_10;

/// Parameters of the ball-in-cube figure.
#[derive(Clone, Debug, PartialEq)]
pub struct BallCubeParams {
    /// Dimension.
    pub d: u32,
    /// Monte Carlo samples.
    pub samples: u32,
    /// Height of the slice (d = 3).
    pub z: f64,
    /// Seed.
    pub seed: u32,
}

const SPECS: &[Spec] = &[
    Spec::new(
        "d",
        "Dimension d",
        Control::LogInt { min: 1, max: 1000 },
        3.0,
        "dimensions",
    ),
    Spec::new(
        "m",
        "Samples M",
        Control::LogInt {
            min: 100,
            max: 1_000_000,
        },
        100_000.0,
        "samples",
    ),
    Spec::new(
        "z",
        "Slice height z",
        Control::Float {
            min: 0.0,
            max: 1.0,
            step: 0.01,
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
    pub const D: usize = slot(SPECS, "d");
    pub const SAMPLES: usize = slot(SPECS, "m");
    pub const Z: usize = slot(SPECS, "z");
    pub const SEED: usize = slot(SPECS, "seed");
}

impl ParamSet for BallCubeParams {
    const NAMESPACE: &'static str = "bc";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            d: v[at::D] as u32,
            samples: v[at::SAMPLES] as u32,
            z: v[at::Z],
            seed: v[at::SEED] as u32,
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::D] = self.d as f64;
        v[at::SAMPLES] = self.samples as f64;
        v[at::Z] = self.z;
        v[at::SEED] = self.seed as f64;
        v
    }
}

/// Half-thickness of the slab of points shown around the slice in d = 3.
const SLAB: f64 = 0.04;
/// Duration of a full scan, in milliseconds (under the 5 s limit for unpaused motion).
const SCAN_MS: f64 = 4000.0;

/// The ball-in-cube figure.
#[derive(Clone, Debug)]
pub struct BallCubeFigure {
    params: BallCubeParams,
    points: Vec<CubePoint>,
    estimate: Option<BallInCubeEstimate>,
    /// An active scan: (start time if known, z at start).
    scan: Option<(Option<f64>, f64)>,
}

impl BallCubeFigure {
    fn picture_count(d: u32) -> usize {
        match d {
            0..=2 => 2500,
            3 => 8000,
            // Bounded cost (~1.5 M coordinates) at any d.
            _ => (1_500_000 / d as usize).clamp(300, 2500),
        }
    }

    fn ln10_fraction(&self) -> f64 {
        ln_ball_in_cube_fraction(self.params.d) / LN_10
    }

    /// The estimate if it belongs to the current parameters.
    fn current(&self) -> Option<&BallInCubeEstimate> {
        self.estimate.as_ref()
    }

    fn matches(&self, e: &BallInCubeEstimate) -> bool {
        e.d == self.params.d && e.target == self.params.samples as u64
    }

    /// Disk radius of the ball's cross-section at height z (d = 3).
    fn slice_radius(&self) -> f64 {
        let h = self.params.z - 0.5;
        (0.25 - h * h).max(0.0).sqrt()
    }

    fn draw_picture<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        th: &Theme,
    ) -> DrawResult {
        let d = self.params.d;
        let title = match d {
            1 => "d = 1: the 'ball' is the whole segment".to_string(),
            2 => "d = 2: the disk fills most of the square".to_string(),
            3 => format!("d = 3: slice at height z = {:.2}", self.params.z),
            _ => format!("d = {d}: shadow on 2 of {d} axes"),
        };
        theme::panel_title(area, th, &title)?;
        let (w, h) = area.dim_in_pixel();
        // Keep the square square.
        let top = th.px(30.0);
        let bottom = th.px(26.0);
        let side = ((h as i32 - top - bottom).min(w as i32 - th.px(24.0))).max(10);
        let x0 = (w as i32 - side) / 2;
        let sq = area.clone().shrink((x0, top), (side as u32, side as u32));
        let mut chart = ChartBuilder::on(&sq).build_cartesian_2d(0f64..1f64, 0f64..1f64)?;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, 0.0), (1.0, 1.0)],
            th.stroke(theme::INK, 1.5),
        )))?;
        let circle = |r: f64| {
            (0..=128).map(move |i| {
                let a = i as f64 / 128.0 * std::f64::consts::TAU;
                (0.5 + r * a.cos(), 0.5 + r * a.sin())
            })
        };
        let radius = if d == 3 { self.slice_radius() } else { 0.5 };
        if d >= 2 && radius > 0.0 {
            chart.draw_series(std::iter::once(Polygon::new(
                circle(radius).collect::<Vec<_>>(),
                theme::SKY.mix(0.18),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                circle(radius).collect::<Vec<_>>(),
                th.stroke(theme::BLUE, 2.0),
            )))?;
        }
        let shown: Vec<&CubePoint> = match d {
            3 => self
                .points
                .iter()
                .filter(|p| (p.coords[2] - self.params.z).abs() < SLAB)
                .collect(),
            _ => self.points.iter().collect(),
        };
        let dot = th.upx(2.2).max(1);
        let cross = th.upx(2.6).max(1);
        for p in &shown {
            let y = if d == 1 {
                0.5 + 0.35 * (p.coords[0] * 977.0).fract() - 0.175
            } else {
                p.coords[1]
            };
            let c = (p.coords[0], y);
            if p.inside() {
                chart.draw_series(std::iter::once(Circle::new(c, dot, theme::BLUE.filled())))?;
            } else {
                chart.draw_series(std::iter::once(Cross::new(
                    c,
                    cross,
                    th.stroke(theme::VERMILLION, 1.2),
                )))?;
            }
        }
        let inside = shown.iter().filter(|p| p.inside()).count();
        let legend = format!(
            "● inside the ball: {}   × outside: {}",
            thousands(inside as i64),
            thousands((shown.len() - inside) as i64)
        );
        area.draw(&Text::new(
            legend,
            (w as i32 / 2, top + side + th.px(6.0)),
            th.text(12.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        Ok(())
    }

    fn draw_histogram<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        th: &Theme,
    ) -> DrawResult {
        let d = self.params.d;
        let Some(e) = self.current() else {
            theme::panel_title(area, th, "distance from the centre")?;
            theme::centered_message(area, th, "sampling…")?;
            return Ok(());
        };
        theme::panel_title(
            area,
            th,
            &format!(
                "distance from the centre, {} samples",
                thousands(e.samples as i64)
            ),
        )?;
        let h = &e.radii;
        let total = e.samples.max(1) as f64;
        let ymax = h.counts.iter().copied().max().unwrap_or(0) as f64 / total;
        let ymax = if ymax > 0.0 { ymax * 1.15 } else { 1.0 };
        let xmax = cube_half_diagonal(d);
        let mut chart = ChartBuilder::on(area)
            .margin(th.upx(10.0))
            .margin_top(th.upx(30.0))
            .margin_right(th.upx(18.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(52.0))
            .build_cartesian_2d(0f64..xmax, 0f64..ymax)?;
        theme::mesh(&mut chart, th)
            .x_desc(format!(
                "distance from the centre (corners at √d/2 = {})",
                number(xmax, 3)
            ))
            .y_desc("share of samples")
            .y_label_formatter(&|v| percent(*v))
            .x_labels(6)
            .y_labels(5)
            .draw()?;
        chart.draw_series(
            h.counts
                .iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(|(i, &c)| {
                    let x0 = h.bin_start(i);
                    let x1 = x0 + h.bin_width();
                    let color = if x0 + h.bin_width() / 2.0 <= 0.5 {
                        theme::BLUE
                    } else {
                        theme::VERMILLION
                    };
                    Rectangle::new(
                        [(x0, 0.0), (x1, c as f64 / total)],
                        color.mix(0.85).filled(),
                    )
                }),
        )?;
        // The ball's radius, and (off the right edge) the corners.
        let r = 0.5f64.min(xmax);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(r, 0.0), (r, ymax)],
            th.stroke(theme::INK, 2.0),
        )))?;
        let (px, py) = theme::local(area, chart.backend_coord(&(r, ymax)));
        area.draw(&Text::new(
            "ball radius ½".to_string(),
            (px + th.px(5.0), py + th.px(4.0)),
            th.text(12.0).pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
        Ok(())
    }
}

impl Figure for BallCubeFigure {
    type Params = BallCubeParams;
    const KIND: &'static str = "ballcube";
    const TITLE: &'static str = "A ball in a cube";

    fn new(params: BallCubeParams) -> Self {
        let points = picture_points(params.d, Self::picture_count(params.d), params.seed as u64);
        Self {
            params,
            points,
            estimate: None,
            scan: None,
        }
    }

    fn params(&self) -> &BallCubeParams {
        &self.params
    }

    fn set_params(&mut self, params: BallCubeParams) {
        let old = std::mem::replace(&mut self.params, params);
        if old.d != self.params.d || old.seed != self.params.seed {
            self.points = picture_points(
                self.params.d,
                Self::picture_count(self.params.d),
                self.params.seed as u64,
            );
        }
        if old.d != self.params.d
            || old.seed != self.params.seed
            || old.samples != self.params.samples
        {
            self.estimate = None;
        }
        if self.params.d != 3 {
            self.scan = None;
        }
    }

    fn summary(&self) -> String {
        let d = self.params.d;
        let l10 = self.ln10_fraction();
        // Three significant digits: the interval must be able to show it brackets the truth.
        let pct = |p: f64| {
            let sig = if p > 0.99 && p < 1.0 { 4 } else { 3 };
            format!("{}%", number(p * 100.0, sig))
        };
        let exact = if l10 > -3.0 {
            pct(10f64.powf(l10))
        } else {
            from_log10(l10, 3)
        };
        let mut s = format!("d = {d}: the ball fills {exact} of the cube");
        match self.current() {
            None => s.push_str("; sampling…"),
            Some(e) => {
                let (lo, hi) = e.interval();
                let fmt = |p: f64| {
                    if p == 0.0 {
                        "0".to_string()
                    } else if p >= 0.001 {
                        pct(p)
                    } else {
                        number(p, 2)
                    }
                };
                let so_far = if e.is_complete() {
                    String::new()
                } else {
                    " so far".to_string()
                };
                s.push_str(&format!(
                    "; {} of {} random points landed inside{} (95% interval {} to {})",
                    thousands(e.hits as i64),
                    thousands(e.samples as i64),
                    so_far,
                    fmt(lo),
                    fmt(hi)
                ));
                if !e.is_complete() {
                    s.push_str(&format!(", of {} requested", thousands(e.target as i64)));
                }
            }
        }
        s.push('.');
        if l10 < -2.0 {
            s.push_str(&format!(
                " One hit would need about {} samples.",
                count_from_log10(-l10)
            ));
        }
        s
    }

    fn description(&self) -> String {
        let d = self.params.d;
        format!(
            "Two panels. Left: random points of the {d}-dimensional unit cube{}, drawn as filled \
             dots when inside the inscribed ball and as crosses when outside. Right: histogram of \
             the points' distances from the centre, with the ball's radius ½ marked.",
            match d {
                3 => " in a slice",
                d if d >= 4 => " seen on two axes",
                _ => "",
            }
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        theme::two_panel_height(width, 0.45)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let (left, right) = theme::two_panels(root, th.scale, 0.45);
        self.draw_picture(&left, &th)?;
        self.draw_histogram(&right, &th)?;
        root.present()?;
        Ok(())
    }

    fn job(&self) -> Option<JobSpec> {
        match self.current() {
            Some(e) if e.is_complete() => None,
            _ => Some(JobSpec::BallCube {
                d: self.params.d,
                samples: self.params.samples as u64,
                seed: self.params.seed as u64,
            }),
        }
    }

    fn accept(&mut self, output: &JobOutput) {
        if let JobOutput::BallCube(e) = output {
            if self.matches(e) {
                self.estimate = Some(e.clone());
            }
        }
    }

    fn pointer(&mut self, p: Pointer) -> Response {
        // In d = 3, dragging up and down on the picture moves the slice.
        if self.params.d != 3
            || p.phase == PointerPhase::Up
            || theme::stacked(p.width) && p.y > p.height * 0.45
        {
            return Response::NONE;
        }
        if !theme::stacked(p.width) && p.x > p.width * 0.45 {
            return Response::NONE;
        }
        let panel_h = if theme::stacked(p.width) {
            p.height * 0.45
        } else {
            p.height
        };
        let z = (1.0 - (p.y - 30.0) / (panel_h - 56.0)).clamp(0.0, 1.0);
        let z = (z * 100.0).round() / 100.0;
        self.scan = None;
        if (z - self.params.z).abs() < 1e-9 {
            return Response::NONE;
        }
        self.params.z = z;
        Response::PARAMS
    }

    fn key(&mut self, key: &str) -> Response {
        let mut p = self.params.clone();
        match key {
            "ArrowRight" => p.d = step_tick(&SPECS[at::D], p.d as f64, 1) as u32,
            "ArrowLeft" => p.d = step_tick(&SPECS[at::D], p.d as f64, -1) as u32,
            "ArrowUp" if p.d == 3 => p.z = ((p.z + 0.05) * 100.0).round().min(100.0) / 100.0,
            "ArrowDown" if p.d == 3 => p.z = ((p.z - 0.05) * 100.0).round().max(0.0) / 100.0,
            _ => return Response::NONE,
        }
        if p == self.params {
            return Response::NONE;
        }
        self.set_params(p);
        Response::PARAMS
    }

    fn control_enabled(&self, key: &str) -> bool {
        key != "z" || self.params.d == 3
    }

    fn actions(&self) -> Vec<Action> {
        vec![Action {
            id: "scan",
            label: if self.scan.is_some() {
                "Pause scan"
            } else {
                "Scan the slice"
            },
            enabled: self.params.d == 3,
        }]
    }

    fn action(&mut self, id: &str, reduced_motion: bool) -> Response {
        if id != "scan" || self.params.d != 3 {
            return Response::NONE;
        }
        if self.scan.is_some() {
            self.scan = None;
            return Response::REDRAW;
        }
        if reduced_motion {
            // No motion: step the slice by a tenth of the cube per press, wrapping around.
            let z = ((self.params.z * 10.0).floor() + 1.0) / 10.0;
            self.params.z = if z > 1.0 + 1e-9 { 0.0 } else { z.min(1.0) };
            return Response::PARAMS;
        }
        let from = if self.params.z >= 1.0 {
            0.0
        } else {
            self.params.z
        };
        self.scan = Some((None, from));
        Response::REDRAW
    }

    fn tick(&mut self, now_ms: f64) -> bool {
        let Some((start, from)) = self.scan else {
            return false;
        };
        let start = start.unwrap_or(now_ms - from * SCAN_MS);
        let z = ((now_ms - start) / SCAN_MS).clamp(0.0, 1.0);
        self.params.z = (z * 100.0).round() / 100.0;
        if z >= 1.0 {
            self.scan = None;
            return false;
        }
        self.scan = Some((Some(start), from));
        true
    }

    fn captures_drag(&self) -> bool {
        self.params.d == 3
    }

    fn keyboard_help(&self) -> &'static str {
        "On the figure: ← → change d; in d = 3, ↑ ↓ move the slice (or drag on the picture)."
    }

    fn table(&self) -> Option<Table> {
        let e = self.current()?;
        let h = &e.radii;
        let mut t = Table::new(
            format!(
                "Distances of {} uniform points of the {}-cube from its centre (histogram)",
                e.samples, e.d
            ),
            &[
                "distance from the centre, bin start",
                "bin end",
                "samples",
                "share of samples",
                "inside the ball (radius ½)",
            ],
        );
        let total = e.samples.max(1) as f64;
        for (i, &c) in h.counts.iter().enumerate() {
            let x0 = h.bin_start(i);
            let x1 = x0 + h.bin_width();
            let inside = if x1 <= 0.5 {
                "yes"
            } else if x0 >= 0.5 {
                "no"
            } else {
                "partly"
            };
            t.push(vec![
                x0.into(),
                x1.into(),
                c.into(),
                (c as f64 / total).into(),
                inside.into(),
            ]);
        }
        Some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::run_to_end;

    fn complete(f: &mut BallCubeFigure) {
        let spec = f.job().expect("a job");
        let out = run_to_end(&spec).unwrap();
        f.accept(&out);
        assert!(f.job().is_none());
    }

    #[test]
    fn caption_at_d_20_matches_the_issue_example() {
        let mut f = BallCubeFigure::new(BallCubeParams {
            d: 20,
            samples: 100_000,
            z: 0.5,
            seed: 1,
        });
        assert!(f.summary().contains("sampling"));
        complete(&mut f);
        let s = f.summary();
        assert!(s.contains("2.46·10⁻⁸"), "{s}");
        assert!(s.contains("0 of 100,000"), "{s}");
        assert!(s.contains("about 41 million samples"), "{s}");
    }

    #[test]
    fn stale_results_are_ignored() {
        let mut f = BallCubeFigure::new(BallCubeParams::defaults());
        let spec = f.job().unwrap();
        let out = run_to_end(&spec).unwrap();
        f.set_params(BallCubeParams {
            d: 4,
            ..BallCubeParams::defaults()
        });
        f.accept(&out);
        assert!(f.current().is_none());
        assert!(f.summary().contains("sampling"));
    }

    #[test]
    fn scan_animates_and_ends() {
        let mut f = BallCubeFigure::new(BallCubeParams {
            z: 0.0,
            ..BallCubeParams::defaults()
        });
        assert_eq!(f.action("scan", false), Response::REDRAW);
        assert!(f.tick(1000.0));
        assert!(f.tick(3000.0));
        assert!((f.params().z - 0.5).abs() < 0.011, "{}", f.params().z);
        assert!(!f.tick(5000.0));
        assert_eq!(f.params().z, 1.0);
        // Reduced motion: discrete steps, no animation.
        assert!(f.action("scan", true).params_changed);
        assert_eq!(f.params().z, 0.0);
        assert!(!f.tick(6000.0));
        f.action("scan", true);
        assert!((f.params().z - 0.1).abs() < 1e-12);
    }

    #[test]
    fn slice_controls_only_matter_in_3d() {
        let mut f = BallCubeFigure::new(BallCubeParams::defaults());
        assert!(f.control_enabled("z"));
        assert!(f.key("ArrowUp").params_changed);
        f.key("ArrowRight");
        assert_eq!(f.params().d, 4);
        assert!(!f.control_enabled("z"));
        assert_eq!(f.key("ArrowUp"), Response::NONE);
        assert!(!f.actions()[0].enabled);
    }
}
