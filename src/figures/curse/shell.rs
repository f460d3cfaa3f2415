//! Figure "shell": in high dimension almost all of a ball's volume lies in a thin shell
//! under its surface, because the fraction within ε of the surface is 1 − (1 − ε)^d.

use crate::figures::theme::{self, Theme};
use crate::figures::{step_tick, DrawResult, Figure, Response, Table};
use crate::format::{number, percent, short};
use crate::math::volume::{shell_fraction, shell_thickness_for};
use crate::params::{Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Parameters of the shell figure.
#[derive(Clone, Debug, PartialEq)]
pub struct ShellParams {
    /// Dimension.
    pub d: u32,
    /// Shell thickness as a fraction of the radius.
    pub eps: f64,
}

const SPECS: &[Spec] = &[
    Spec::new(
        "d",
        "Dimension d",
        Control::LogInt { min: 1, max: 1000 },
        20.0,
        "dimensions",
    ),
    Spec::new(
        "eps",
        "Shell thickness ε",
        Control::LogFloat {
            min: 0.001,
            max: 0.5,
        },
        0.05,
        "of the radius",
    ),
];

/// Where each parameter sits in [`ParamSet::values`], by key.
mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const D: usize = slot(SPECS, "d");
    pub const EPS: usize = slot(SPECS, "eps");
}

impl ParamSet for ShellParams {
    const NAMESPACE: &'static str = "sh";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            d: v[at::D] as u32,
            eps: v[at::EPS],
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::D] = self.d as f64;
        v[at::EPS] = self.eps;
        v
    }
}

/// The shell figure.
#[derive(Clone, Debug)]
pub struct ShellFigure {
    params: ShellParams,
}

impl Figure for ShellFigure {
    type Params = ShellParams;
    const KIND: &'static str = "shell";
    const TITLE: &'static str = "The mass of a ball lives near its surface";

    fn new(params: ShellParams) -> Self {
        Self { params }
    }

    fn params(&self) -> &ShellParams {
        &self.params
    }

    fn set_params(&mut self, params: ShellParams) {
        self.params = params;
    }

    fn summary(&self) -> String {
        let ShellParams { d, eps } = self.params;
        format!(
            "d = {d}, ε = {}: {} of the ball's volume lies within ε of its surface \
             (1 − (1 − ε)^d). Half of the volume lies within {} of the surface.",
            short(eps, 3),
            percent(shell_fraction(d, eps)),
            number(shell_thickness_for(d, 0.5), 2),
        )
    }

    fn description(&self) -> String {
        format!(
            "Two charts. Left: how a uniform point's distance from the centre of a {}-dimensional \
             ball is distributed, with the outer shell of thickness {} shaded. Right: the shell's \
             share of the volume against the dimension.",
            self.params.d,
            short(self.params.eps, 3)
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        theme::two_panel_height(width, 0.42)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let ShellParams { d, eps } = self.params;
        let (left, right) = theme::two_panels(root, th.scale, 0.45);

        // Left: relative density of the radius, r^(d−1) on [0, 1].
        theme::panel_title(&left, &th, &format!("where the volume is (d = {d})"))?;
        let mut chart = ChartBuilder::on(&left)
            .margin(th.upx(10.0))
            .margin_top(th.upx(30.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(44.0))
            .build_cartesian_2d(0f64..1f64, 0f64..1.05f64)?;
        theme::mesh(&mut chart, &th)
            .x_desc("distance from centre r (radius 1)")
            .y_desc("relative density")
            .y_labels(3)
            .x_labels(6)
            .draw()?;
        let density = |r: f64| if d == 1 { 1.0 } else { r.powi(d as i32 - 1) };
        let n = 400;
        let inner = 1.0 - eps;
        chart.draw_series(AreaSeries::new(
            (0..=n)
                .map(|i| inner + eps * i as f64 / n as f64)
                .map(|r| (r, density(r))),
            0.0,
            theme::SKY.mix(0.55),
        ))?;
        chart.draw_series(LineSeries::new(
            (0..=n)
                .map(|i| i as f64 / n as f64)
                .map(|r| (r, density(r))),
            th.stroke(theme::BLUE, 2.5),
        ))?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(inner, 0.0), (inner, 1.05)],
            th.stroke(theme::INK, 1.0),
        )))?;
        let (px, py) = theme::local(&left, chart.backend_coord(&(inner, 1.0)));
        left.draw(&Text::new(
            format!("shell: {}", percent(shell_fraction(d, eps))),
            (px - th.px(6.0), py),
            th.text(12.5).pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;

        // Right: shell fraction against d.
        theme::panel_title(
            &right,
            &th,
            &format!("share within ε = {} of the surface", short(eps, 3)),
        )?;
        let mut chart = ChartBuilder::on(&right)
            .margin(th.upx(10.0))
            .margin_top(th.upx(30.0))
            .margin_right(th.upx(18.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(48.0))
            .build_cartesian_2d((1f64..1000f64).log_scale(), 0f64..1.0f64)?;
        theme::mesh(&mut chart, &th)
            .x_desc("dimension d")
            .y_desc("share of volume")
            .x_label_formatter(&theme::log_axis_label)
            .y_label_formatter(&|v| percent(*v))
            .y_labels(6)
            .draw()?;
        chart.draw_series(LineSeries::new(
            (1..=1000u32).map(|k| (k as f64, shell_fraction(k, eps))),
            th.stroke(theme::BLUE, 2.5),
        ))?;
        let here = (d as f64, shell_fraction(d, eps));
        chart.draw_series(std::iter::once(Circle::new(
            here,
            th.upx(5.0),
            theme::ORANGE.filled(),
        )))?;
        chart.draw_series(std::iter::once(Circle::new(
            here,
            th.upx(5.0),
            th.stroke(theme::INK, 1.0),
        )))?;
        let (px, py) = theme::local(&right, chart.backend_coord(&here));
        let right_half = d as f64 > 30.0;
        right.draw(&Text::new(
            format!("d = {d}: {}", percent(here.1)),
            (
                px + if right_half { -th.px(8.0) } else { th.px(8.0) },
                py + th.px(12.0),
            ),
            th.text(12.5).pos(Pos::new(
                if right_half { HPos::Right } else { HPos::Left },
                VPos::Top,
            )),
        ))?;
        root.present()?;
        Ok(())
    }

    fn key(&mut self, key: &str) -> Response {
        let d = self.params.d as f64;
        let e = self.params.eps;
        let (nd, ne) = match key {
            "ArrowRight" => (step_tick(&SPECS[at::D], d, 1), e),
            "ArrowLeft" => (step_tick(&SPECS[at::D], d, -1), e),
            "ArrowUp" => (d, step_tick(&SPECS[at::EPS], e, 8)),
            "ArrowDown" => (d, step_tick(&SPECS[at::EPS], e, -8)),
            _ => return Response::NONE,
        };
        let p = ShellParams {
            d: nd as u32,
            eps: ne,
        };
        if p == self.params {
            return Response::NONE;
        }
        self.params = p;
        Response::PARAMS
    }

    fn keyboard_help(&self) -> &'static str {
        "On the chart: ← → change d, ↑ ↓ change ε."
    }

    fn table(&self) -> Option<Table> {
        let eps = self.params.eps;
        let mut t = Table::new(
            format!(
                "Share of the ball's volume within ε = {} of its surface, exact",
                short(eps, 3)
            ),
            &["dimension d", "share of volume (fraction)"],
        );
        for k in 1..=1000u32 {
            t.push(vec![k.into(), shell_fraction(k, eps).into()]);
        }
        Some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_numbers() {
        let f = ShellFigure::new(ShellParams { d: 100, eps: 0.01 });
        let s = f.summary();
        assert!(s.contains("63%"), "{s}"); // 1 − 0.99¹⁰⁰ = 0.634
        assert!(s.contains("0.0069"), "{s}"); // 1 − 0.5^(1/100)
    }

    #[test]
    fn keys() {
        let mut f = ShellFigure::new(ShellParams::defaults());
        assert!(f.key("ArrowUp").params_changed);
        assert!(f.params().eps > 0.05);
        assert!(f.key("ArrowLeft").params_changed);
        assert_eq!(f.params().d, 19);
    }
}
