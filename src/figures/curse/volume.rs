//! Figure "volume": the exact volume of the unit ball, the area of the unit sphere and the
//! share of the cube taken by its inscribed ball, against the dimension.

use crate::figures::theme::{self, Theme};
use crate::figures::{step_tick, DrawResult, Figure, Pointer, PointerPhase, Response, Table};
use crate::format::{from_log10, number};
use crate::math::volume::{
    ln_ball_in_cube_fraction, ln_sphere_area, ln_unit_ball_volume, VolumeReport,
};
use crate::params::{Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::f64::consts::LN_10;

/// Parameters of the volume figure.
#[derive(Clone, Debug, PartialEq)]
pub struct VolumeParams {
    /// The highlighted dimension.
    pub d: u32,
}

const SPECS: &[Spec] = &[Spec::new(
    "d",
    "Dimension d",
    Control::LogInt { min: 1, max: 1000 },
    10.0,
    "dimensions",
)];

/// Where each parameter sits in [`ParamSet::values`], by key.
mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const D: usize = slot(SPECS, "d");
}

impl ParamSet for VolumeParams {
    const NAMESPACE: &'static str = "vol";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self { d: v[at::D] as u32 }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::D] = self.d as f64;
        v
    }
}

/// A plotted curve: direct label, colour, log10 value as a function of d.
type Curve = (&'static str, RGBColor, fn(u32) -> f64);

/// The volume figure.
#[derive(Clone, Debug)]
pub struct VolumeFigure {
    params: VolumeParams,
    report: VolumeReport,
}

/// Margins of the plot area in CSS pixels: left, right, top, bottom.
const MARGINS: (f64, f64, f64, f64) = (62.0, 150.0, 36.0, 44.0);

impl VolumeFigure {
    /// Largest dimension on the x axis: the view follows the chosen d.
    fn x_max(&self) -> f64 {
        (self.params.d as f64 * 2.0).clamp(20.0, 2000.0)
    }

    fn curves(&self) -> [Curve; 3] {
        [
            ("unit-sphere area", theme::GREEN, |d| {
                ln_sphere_area(d, 1.0) / LN_10
            }),
            ("unit-ball volume", theme::BLUE, |d| {
                ln_unit_ball_volume(d) / LN_10
            }),
            ("ball's share of cube", theme::VERMILLION, |d| {
                ln_ball_in_cube_fraction(d) / LN_10
            }),
        ]
    }

    /// The d under a horizontal CSS position, if inside the plot.
    fn d_at(&self, x: f64, width: f64) -> Option<u32> {
        let (l, r, _, _) = margins(width);
        let t = (x - l) / (width - l - r);
        if !(-0.05..=1.05).contains(&t) {
            return None;
        }
        let d = (t.clamp(0.0, 1.0) * self.x_max().ln()).exp().round();
        Some(d.clamp(1.0, 1000.0) as u32)
    }
}

fn margins(width: f64) -> (f64, f64, f64, f64) {
    let (l, r, t, b) = MARGINS;
    // Narrow screens: labels move into the plot, so the right margin shrinks.
    if theme::stacked(width) {
        (l - 8.0, 64.0, t, b)
    } else {
        (l, r, t, b)
    }
}

impl Figure for VolumeFigure {
    type Params = VolumeParams;
    const KIND: &'static str = "volume";
    const TITLE: &'static str = "Volume of the ball against dimension";

    fn new(params: VolumeParams) -> Self {
        let report = VolumeReport::new(params.d, 0.01);
        Self { params, report }
    }

    fn params(&self) -> &VolumeParams {
        &self.params
    }

    fn set_params(&mut self, params: VolumeParams) {
        *self = Self::new(params);
    }

    fn summary(&self) -> String {
        let r = &self.report;
        let one_in = from_log10(-r.log10_ball_in_cube_fraction, 3);
        format!(
            "d = {}: the unit ball's volume is {}, the unit sphere's area is {}, and the ball \
             inscribed in the unit cube fills {} of it (1 part in {}). The volume peaks at \
             d = 5 (8π²/15 ≈ 5.264) and then falls towards zero.",
            r.d,
            from_log10(r.log10_unit_ball_volume, 4),
            from_log10(r.log10_sphere_area, 4),
            from_log10(r.log10_ball_in_cube_fraction, 3),
            one_in,
        )
    }

    fn description(&self) -> String {
        format!(
            "Line chart, logarithmic axes: unit-ball volume, unit-sphere area and the inscribed \
             ball's share of the cube for d from 1 to {}, with d = {} marked.",
            self.x_max() as u32,
            self.params.d
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        (width * 0.55).clamp(260.0, 440.0)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let (w, _) = root.dim_in_pixel();
        let css_w = w as f64 / th.scale;
        let (l, r, t, b) = margins(css_w);
        let xmax = self.x_max();
        let dmax = xmax as u32;
        // y range from the curves over the visible d range.
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for (_, _, f) in self.curves() {
            for d in 1..=dmax {
                let v = f(d);
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
        let pad = ((hi - lo) * 0.06).max(0.3);
        let (ylo, yhi) = ((lo - pad).floor(), (hi + pad).ceil());

        let mut chart = ChartBuilder::on(root)
            .margin_top(th.upx(t))
            .margin_right(th.upx(r))
            .margin_left(th.upx(8.0))
            .x_label_area_size(th.upx(b))
            .y_label_area_size(th.upx(l - 8.0))
            .build_cartesian_2d((1f64..xmax).log_scale(), ylo..yhi)?;
        theme::mesh(&mut chart, &th)
            .x_desc("dimension d")
            .y_desc("value (log scale)")
            .x_label_formatter(&theme::log_axis_label)
            .y_label_formatter(&theme::pow10_label)
            .y_labels(8)
            .draw()?;

        let label_x = xmax;
        let narrow = theme::stacked(css_w);
        for (name, color, f) in self.curves() {
            // On narrow screens the last word alone ("area", "volume", "cube") fits.
            let name = if narrow {
                name.rsplit(' ').next().unwrap_or(name)
            } else {
                name
            };
            chart.draw_series(LineSeries::new(
                (1..=dmax).map(|d| (d as f64, f(d))),
                th.stroke(color, 2.5),
            ))?;
            // Direct label at the right end (no legend to match colours against).
            let end = f(dmax);
            let (px, py) = chart.backend_coord(&(label_x, end));
            root.draw(&Text::new(
                name.to_string(),
                (px + th.px(6.0), py),
                th.colored(12.0, color)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }

        // The maxima: volume at d = 5, area at d = 7.
        let peaks = [
            (
                5u32,
                ln_unit_ball_volume(5) / LN_10,
                theme::BLUE,
                "max at d = 5",
            ),
            (
                7u32,
                ln_sphere_area(7, 1.0) / LN_10,
                theme::GREEN,
                "max at d = 7",
            ),
        ];
        for (d, y, color, text) in peaks {
            chart.draw_series(std::iter::once(Circle::new(
                (d as f64, y),
                th.upx(5.0),
                color.filled(),
            )))?;
            let (px, py) = chart.backend_coord(&(d as f64, y));
            root.draw(&Text::new(
                text.to_string(),
                (px, py - th.px(10.0)),
                th.colored(11.5, color)
                    .pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
        }

        // The chosen d.
        let d = self.params.d as f64;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(d, ylo), (d, yhi)],
            th.stroke(theme::ORANGE, 2.0),
        )))?;
        for (_, color, f) in self.curves() {
            chart.draw_series(std::iter::once(Circle::new(
                (d, f(self.params.d)),
                th.upx(4.0),
                ShapeStyle::from(&WHITE).filled(),
            )))?;
            chart.draw_series(std::iter::once(Circle::new(
                (d, f(self.params.d)),
                th.upx(4.0),
                th.stroke(color, 2.0),
            )))?;
        }
        let (px, _) = chart.backend_coord(&(d, yhi));
        let on_right = d > xmax.sqrt();
        let anchor = if on_right { HPos::Right } else { HPos::Left };
        let dx = if on_right { -th.px(5.0) } else { th.px(5.0) };
        root.draw(&Text::new(
            format!(
                "d = {}: share {}",
                self.params.d,
                from_log10(self.report.log10_ball_in_cube_fraction, 3)
            ),
            (px + dx, th.px(t - 6.0)),
            th.text(13.0).pos(Pos::new(anchor, VPos::Bottom)),
        ))?;
        root.present()?;
        Ok(())
    }

    fn pointer(&mut self, p: Pointer) -> Response {
        if p.phase == PointerPhase::Up {
            return Response::NONE;
        }
        match self.d_at(p.x, p.width) {
            Some(d) if d != self.params.d => {
                self.set_params(VolumeParams { d });
                Response::PARAMS
            }
            _ => Response::NONE,
        }
    }

    fn key(&mut self, key: &str) -> Response {
        let spec = &SPECS[at::D];
        let d = self.params.d as f64;
        let next = match key {
            "ArrowRight" | "ArrowUp" => step_tick(spec, d, 1),
            "ArrowLeft" | "ArrowDown" => step_tick(spec, d, -1),
            "PageUp" => step_tick(spec, d, 10),
            "PageDown" => step_tick(spec, d, -10),
            "Home" => 1.0,
            "End" => 1000.0,
            _ => return Response::NONE,
        };
        if next as u32 == self.params.d {
            return Response::NONE;
        }
        self.set_params(VolumeParams { d: next as u32 });
        Response::PARAMS
    }

    fn captures_drag(&self) -> bool {
        true
    }

    fn keyboard_help(&self) -> &'static str {
        "On the chart: ← → change d, Home/End jump to 1 or 1000. Click or drag to pick d."
    }

    fn table(&self) -> Option<Table> {
        let mut t = Table::new(
            format!(
                "Exact values for d = 1 to {} (base-10 logarithms)",
                self.x_max() as u32
            ),
            &[
                "dimension d",
                "log10 unit-ball volume",
                "log10 unit-sphere area",
                "log10 share of the cube filled by its inscribed ball",
            ],
        );
        let [area, volume, share] = self.curves();
        for d in 1..=self.x_max() as u32 {
            t.push(vec![
                d.into(),
                (volume.2)(d).into(),
                (area.2)(d).into(),
                (share.2)(d).into(),
            ]);
        }
        Some(t)
    }
}

/// The value shown for the plain share at small d, for tests and prose (`0.00249`).
pub fn share_text(d: u32) -> String {
    number(ln_ball_in_cube_fraction(d).exp(), 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_carries_the_exact_numbers() {
        let f = VolumeFigure::new(VolumeParams { d: 10 });
        let s = f.summary();
        assert!(s.contains("d = 10"), "{s}");
        assert!(s.contains("0.00249"), "{s}");
        assert!(s.contains("2.550"), "{s}"); // V_10 = π⁵/120 = 2.5502
        let f = VolumeFigure::new(VolumeParams { d: 1000 });
        assert!(f.summary().contains("·10⁻"), "{}", f.summary());
        assert_eq!(share_text(10), "0.00249");
    }

    #[test]
    fn pointer_picks_d_on_a_log_axis() {
        let mut f = VolumeFigure::new(VolumeParams { d: 10 });
        let w = 800.0;
        let (l, r, _, _) = margins(w);
        // The right end of the axis is x_max = 20.
        let resp = f.pointer(Pointer {
            phase: PointerPhase::Down,
            x: w - r,
            y: 100.0,
            width: w,
            height: 400.0,
        });
        assert!(resp.params_changed);
        assert_eq!(f.params().d, 20);
        // Far outside the plot: ignored.
        assert_eq!(
            f.pointer(Pointer {
                phase: PointerPhase::Drag,
                x: l - 200.0,
                y: 1.0,
                width: w,
                height: 400.0
            }),
            Response::NONE
        );
    }

    #[test]
    fn keys_walk_the_ticks() {
        let mut f = VolumeFigure::new(VolumeParams { d: 10 });
        assert!(f.key("ArrowRight").params_changed);
        assert_eq!(f.params().d, 11);
        f.key("End");
        assert_eq!(f.params().d, 1000);
        assert_eq!(f.key("ArrowRight"), Response::NONE);
        assert_eq!(f.key("q"), Response::NONE);
    }
}
