//! The hull curve figure's right panel: N₅₀ against d — the exact values, the simulated
//! crossings, Wendel's N = 2d, the Bárány–Füredi threshold, and the calculator's answer.

use super::{Estimate, HullCurveFigure};
use crate::figures::hull::panels::{draw_legend, LegendItem, SERIES_COLORS};
use crate::figures::theme::{self, draw_mark, Mark, Theme};
use crate::figures::DrawResult;
use crate::format::{count_from_log10, superscript, thousands};
use crate::math::hull::exact::barany_furedi_threshold;
use crate::math::hull::MAX_EXACT_DIM;
use crate::math::stats::{fit_log_line, Crossing};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

impl HullCurveFigure {
    /// Draws the panel in `area`.
    pub(super) fn draw_crossings<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        th: &Theme,
    ) -> DrawResult {
        theme::panel_title(area, th, "N for a 50% chance, against d")?;
        let gaussian = self.gaussian();
        let mut legend: Vec<LegendItem> = Vec::new();
        if gaussian {
            legend.push((
                "exact N₅₀ (theorem), d ≤ 30".to_string(),
                Some(theme::INK),
                Some(Mark::Disc),
            ));
        }
        legend.push((
            "simulated 50% points (colours as on the left)".to_string(),
            Some(theme::BLUE),
            Some(Mark::Ring),
        ));
        legend.push((
            "· · Wendel: even the centre needs N = 2d".to_string(),
            None,
            None,
        ));
        let narrow = area.dim_in_pixel().0 as f64 / th.scale < 440.0;
        legend.push((
            if narrow {
                "- - Bárány–Füredi 2^(d/2)/d: asymptotic (d → ∞) only"
            } else {
                "- - Bárány–Füredi 2^(d/2)/d: asymptotic only (d → ∞), not the 50% line"
            }
            .to_string(),
            None,
            None,
        ));
        if self
            .crossings()
            .iter()
            .any(|c| matches!(c.1, Crossing::Beyond(_)))
        {
            legend.push(("▲ 50% not reached by the largest N".to_string(), None, None));
        }
        let rows = draw_legend(area, th, &legend, 26.0)?;
        let p = &self.params;
        let xmax = (p.dmax.max(p.target) + 1) as f64;
        // Room for the largest N tried, the exact line in view and the calculator's answer.
        let est = match self.estimate() {
            Estimate::Exact(n) => n as f64,
            Estimate::ExactExtrapolated(n) | Estimate::Measured(n) | Estimate::Fitted { n, .. } => {
                n
            }
            Estimate::Unavailable => 1.0,
        };
        let exact_line: Vec<(f64, f64)> = self
            .exact_line()
            .into_iter()
            .filter(|pt| pt.0 <= xmax)
            .collect();
        let exact_top = exact_line.last().map_or(1.0, |pt| pt.1);
        let top = ((p.nmax as f64).log10().ceil() + 1.0)
            .max((est.log10() + 0.5).ceil())
            .max((exact_top.log10() + 0.5).ceil())
            .min(15.0);
        let ymax = 10f64.powf(top);
        // Every decade labelled where there is room (18 CSS px each), every second or third
        // otherwise.
        let plot_h = area.dim_in_pixel().1 as f64 / th.scale - (38.0 + 16.0 * rows as f64) - 50.0;
        let every = ((18.0 * top) / plot_h.max(1.0)).ceil().max(1.0) as i64;
        let mut chart = ChartBuilder::on(area)
            .margin(th.upx(10.0))
            .margin_top(th.upx(38.0 + 16.0 * rows as f64))
            .margin_right(th.upx(18.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(52.0))
            .build_cartesian_2d(0f64..xmax, (1f64..ymax).log_scale())?;
        theme::mesh(&mut chart, th)
            .x_desc("dimension d")
            .y_desc("N₅₀ (log scale)")
            .y_label_formatter(&|v| {
                let e = v.log10();
                if (e - e.round()).abs() < 1e-9 && (e.round() as i64) % every == 0 {
                    format!("10{}", superscript(e.round() as i64))
                } else {
                    String::new()
                }
            })
            .x_label_formatter(&|v| format!("{}", v.round() as i64))
            .draw()?;
        // Wendel: the centre of a symmetric law is inside with probability ½ at N = 2d.
        chart.draw_series(DashedLineSeries::new(
            [(0.5, 1.0), (xmax, 2.0 * xmax)],
            th.px(1.5).max(1) as u32,
            th.px(3.5).max(1) as u32,
            th.stroke(theme::MUTED, 1.5),
        ))?;
        // Bárány–Füredi, clipped to the chart, dashed: orientation only. From d = 4, where
        // 2^{d/2}/d has passed its minimum below 1.
        let bf: Vec<(f64, f64)> = (16..=(xmax * 4.0) as i64)
            .map(|i| i as f64 / 4.0)
            .map(|d| (d, barany_furedi_threshold(d)))
            .filter(|&(_, n)| (1.0..=ymax).contains(&n))
            .collect();
        if bf.len() >= 2 {
            chart.draw_series(DashedLineSeries::new(
                bf.iter().copied(),
                th.px(6.0).max(1) as u32,
                th.px(4.0).max(1) as u32,
                th.stroke(theme::MUTED, 1.5),
            ))?;
            let end = bf[bf.len() - 1];
            let (px, py) = theme::local(area, chart.backend_coord(&end));
            // Labelled directly only where it leaves through the right edge (the legend
            // carries it otherwise, clear of the calculator's text at the top).
            if end.0 >= xmax - 0.5 {
                area.draw(&Text::new(
                    "Bárány–Füredi".to_string(),
                    (px - th.px(4.0), py - th.px(6.0)),
                    th.muted(11.0).pos(Pos::new(HPos::Right, VPos::Bottom)),
                ))?;
            }
        }
        // The calculator's target.
        chart.draw_series(DashedLineSeries::new(
            [(p.target as f64, 1.0), (p.target as f64, ymax)],
            th.px(2.0).max(1) as u32,
            th.px(3.0).max(1) as u32,
            th.stroke(theme::ORANGE, 1.5),
        ))?;
        let measured = self.measured();
        if gaussian {
            // The exact N₅₀ at every d, and its straight-line continuation to the target.
            chart.draw_series(LineSeries::new(
                exact_line.iter().copied(),
                th.stroke(theme::INK, 1.5),
            ))?;
            for &pt in &exact_line {
                let at = theme::local(area, chart.backend_coord(&pt));
                draw_mark(area, th, at, Mark::Disc, 2.0, theme::INK)?;
            }
            if p.target > MAX_EXACT_DIM {
                if let Some((a, b)) = self.exact_tail_fit() {
                    let line: Vec<(f64, f64)> = (0..=40)
                        .map(|i| {
                            let d = MAX_EXACT_DIM as f64
                                + (p.target - MAX_EXACT_DIM) as f64 * i as f64 / 40.0;
                            (d, 10f64.powf(a + b * d))
                        })
                        .filter(|&(_, n)| (1.0..=ymax).contains(&n))
                        .collect();
                    chart.draw_series(DashedLineSeries::new(
                        line,
                        th.px(3.0).max(1) as u32,
                        th.px(3.0).max(1) as u32,
                        th.stroke(theme::INK, 1.0),
                    ))?;
                }
            }
        } else if let Some((a, b)) = fit_log_line(&measured) {
            // Without a theorem: the straight line through the measured crossings.
            let lo = measured
                .iter()
                .map(|p| p.0)
                .fold(f64::INFINITY, f64::min)
                .min(p.target as f64);
            let hi = measured
                .iter()
                .map(|p| p.0)
                .fold(0.0, f64::max)
                .max(p.target as f64);
            let line: Vec<(f64, f64)> = (0..=100)
                .map(|i| lo + (hi - lo) * i as f64 / 100.0)
                .map(|d| (d, 10f64.powf(a + b * d)))
                .filter(|&(_, n)| (1.0..=ymax).contains(&n))
                .collect();
            chart.draw_series(DashedLineSeries::new(
                line,
                th.px(3.0).max(1) as u32,
                th.px(3.0).max(1) as u32,
                th.stroke(theme::BLUE, 1.0),
            ))?;
            chart.draw_series(LineSeries::new(
                measured.iter().copied(),
                th.stroke(theme::BLUE, 2.0),
            ))?;
        }
        for (s, (d, c)) in self.crossings().into_iter().enumerate() {
            let color = SERIES_COLORS[s % SERIES_COLORS.len()];
            match c {
                Crossing::Measured(n) => {
                    let at = theme::local(area, chart.backend_coord(&(d as f64, n)));
                    draw_mark(area, th, at, Mark::Ring, 4.5, color)?;
                }
                Crossing::Beyond(n) => {
                    // Not reached: an open triangle pointing up, at the largest N tried.
                    chart.draw_series(std::iter::once(TriangleMarker::new(
                        (d as f64, n),
                        th.upx(6.0),
                        th.stroke(color, 1.5),
                    )))?;
                }
                Crossing::Below(n) => {
                    chart.draw_series(std::iter::once(Circle::new(
                        (d as f64, n),
                        th.upx(4.5),
                        th.stroke(color, 1.5),
                    )))?;
                }
                Crossing::Pending => {}
            }
        }
        let (w, _) = area.dim_in_pixel();
        let (tx, _) = theme::local(area, chart.backend_coord(&(p.target as f64, 1.0)));
        let (_, ty_top) = theme::local(area, chart.backend_coord(&(0.0, ymax)));
        let mut ring_at = |n: f64| -> DrawResult {
            if (1.0..=ymax).contains(&n) {
                chart.draw_series(std::iter::once(Circle::new(
                    (p.target as f64, n),
                    th.upx(5.5),
                    th.stroke(theme::ORANGE, 2.5),
                )))?;
            }
            Ok(())
        };
        let text = match self.estimate() {
            Estimate::Exact(n) => {
                ring_at(n as f64)?;
                format!("d = {}: N₅₀ = {} (exact)", p.target, thousands(n as i64))
            }
            Estimate::ExactExtrapolated(n) => {
                ring_at(n)?;
                format!(
                    "d = {}: N₅₀ ≈ {} (extrapolated)",
                    p.target,
                    count_from_log10(n.log10())
                )
            }
            Estimate::Measured(n) => format!(
                "d = {}: N₅₀ ≈ {} (measured)",
                p.target,
                count_from_log10(n.log10())
            ),
            Estimate::Fitted { n, extrapolated } => {
                ring_at(n)?;
                format!(
                    "d = {}: N₅₀ ≈ {} ({})",
                    p.target,
                    count_from_log10(n.log10()),
                    if extrapolated { "extrapolated" } else { "fit" }
                )
            }
            Estimate::Unavailable => format!("d = {}: needs two measured points", p.target),
        };
        let right = tx > w as i32 / 2;
        // A white box under the text keeps it readable over the curves.
        let tw = th.px(6.2 * text.chars().count() as f64);
        let bx = if right {
            tx - th.px(6.0) - tw
        } else {
            tx + th.px(6.0)
        };
        area.draw(&Rectangle::new(
            [
                (bx - th.px(2.0), ty_top + th.px(2.0)),
                (bx + tw + th.px(2.0), ty_top + th.px(18.0)),
            ],
            WHITE.mix(0.9).filled(),
        ))?;
        area.draw(&Text::new(
            text,
            (
                tx + if right { -th.px(6.0) } else { th.px(6.0) },
                ty_top + th.px(4.0),
            ),
            th.colored(11.5, theme::INK).pos(Pos::new(
                if right { HPos::Right } else { HPos::Left },
                VPos::Top,
            )),
        ))?;
        Ok(())
    }
}
