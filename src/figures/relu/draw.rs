//! The figure drawn: the partition panel (the regions, or the worker's raster, the decision
//! boundary, the training hull, the points, the legend) and the history panel (regions
//! against the training step, with the counts and settings as text).
//!
//! Drawing gives its layout back: [`ReluFigure::draw_panels`] returns the [`SquareLayout`] it
//! drew with, the mapping between the window's world coordinates and the canvas's pixels
//! that the pointer uses (through the same constructor, on the canvas size a gesture
//! reports). Drawing has no side effects: the raster size a job asks for comes from the
//! canvas the page announces (`Figure::set_viewport`), through the same constructor.

use super::params::{CLASS_GLYPHS, CLASS_NAMES};
use super::partition::FILL_LIMIT;
use super::picture::{tint, NEW_CUT};
use super::text::architecture;
use super::ReluFigure;
use crate::figures::theme::{self, Theme};
use crate::figures::{DrawError, DrawResult};
use crate::format::{number, percent, thousands};
use crate::math::relu::{Sample, TessellateError, Tessellation, Window};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Share of the width (or height, when stacked) taken by the partition panel.
const SHARE: f64 = 0.56;
/// Class colours (with [`CLASS_GLYPHS`]' shapes: class by shape and colour, never colour
/// alone).
const CLASS_COLORS: [RGBColor; 4] = [theme::BLUE, theme::VERMILLION, theme::GREEN, theme::PURPLE];
/// Colour of the focused region's outline and ring.
const FOCUS: RGBColor = RGBColor(150, 90, 0);

/// The partition square's chart: world coordinates, y up.
type SquareChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Where the partition's square sits on a canvas, and the mapping between the window's world
/// coordinates (y up) and the canvas's pixels (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct SquareLayout {
    /// Left edge of the square.
    pub x0: f64,
    /// Top edge of the square.
    pub y0: f64,
    /// Side of the square.
    pub side: f64,
}

impl SquareLayout {
    /// The square on a canvas `width × height` pixels at `scale` pixels per CSS pixel: in the
    /// partition panel, under its title, above its legend, centred.
    pub fn new(width: f64, height: f64, scale: f64) -> Self {
        let (pw, ph) = if theme::stacked(width / scale) {
            (width, (height * SHARE).floor())
        } else {
            ((width * SHARE).floor(), height)
        };
        let top = 30.0 * scale;
        let bottom = 44.0 * scale;
        let side = (ph - top - bottom).min(pw - 16.0 * scale).max(10.0 * scale);
        SquareLayout {
            x0: ((pw - side) / 2.0).floor(),
            y0: top,
            side: side.floor(),
        }
    }

    /// The side in whole pixels (at least one).
    pub fn side_px(&self) -> u32 {
        self.side.max(1.0) as u32
    }

    /// The world point at pixel `(x, y)`, if it is on the square.
    pub fn world_at(&self, x: f64, y: f64) -> Option<[f64; 2]> {
        let (u, v) = ((x - self.x0) / self.side, (y - self.y0) / self.side);
        if !(0.0..=1.0).contains(&u) || !(0.0..=1.0).contains(&v) {
            return None;
        }
        let w = Window::DEFAULT;
        Some([
            w.xmin() + u * (w.xmax() - w.xmin()),
            w.ymax() - v * (w.ymax() - w.ymin()),
        ])
    }

    /// The pixel at world point `p` (which may lie off the square).
    #[cfg(test)]
    pub fn pixel_at(&self, p: [f64; 2]) -> (f64, f64) {
        let w = Window::DEFAULT;
        (
            self.x0 + (p[0] - w.xmin()) / (w.xmax() - w.xmin()) * self.side,
            self.y0 + (w.ymax() - p[1]) / (w.ymax() - w.ymin()) * self.side,
        )
    }

    /// The world length of `px` pixels.
    pub fn world_length(&self, px: f64) -> f64 {
        let w = Window::DEFAULT;
        px / self.side.max(1.0) * (w.xmax() - w.xmin())
    }
}

/// A polygon's vertices as plotters wants them.
fn points(p: &[[f64; 2]]) -> Vec<(f64, f64)> {
    p.iter().map(|v| (v[0], v[1])).collect()
}

/// A polygon's outline, closed.
fn ring(p: &[[f64; 2]]) -> Vec<(f64, f64)> {
    let mut v = points(p);
    if let Some(&first) = v.first() {
        v.push(first);
    }
    v
}

/// The dashes of a polygon's outline (a segment for two vertices): every other piece of
/// about `seg` world units.
fn dashes(outline: &[[f64; 2]], seg: f64) -> Vec<Vec<(f64, f64)>> {
    let mut ring = outline.to_vec();
    if ring.len() > 2 {
        ring.push(ring[0]);
    }
    let mut out = Vec::new();
    for e in ring.windows(2) {
        let (a, b) = (e[0], e[1]);
        let len = (b[0] - a[0]).hypot(b[1] - a[1]);
        let n = (len / seg).ceil().max(1.0) as usize;
        let at = |t: f64| (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
        for k in (0..n).step_by(2) {
            let t0 = k as f64 / n as f64;
            let t1 = ((k + 1) as f64 / n as f64).min(1.0);
            out.push(vec![at(t0), at(t1)]);
        }
    }
    out
}

/// The legend of the cuts for `layers` layers shown (`prev_drawn`: the earlier layers' edges
/// are drawn grey).
fn cuts_legend(layers: usize, prev_drawn: bool) -> String {
    let l = layers;
    if l >= 2 && !prev_drawn {
        format!("the cuts of layers 1–{l}")
    } else if l >= 3 {
        format!(
            "grey: cuts of layers 1–{} · purple: cuts added by layer {l}",
            l - 1
        )
    } else if l == 2 {
        "grey: the lines of layer 1 · purple: cuts added by layer 2".to_string()
    } else {
        "purple: the lines of layer 1".to_string()
    }
}

/// Draws one element on the chart.
fn one<DB: DrawingBackend, E>(chart: &mut SquareChart<'_, DB>, element: E) -> DrawResult
where
    for<'b> &'b E: PointCollection<'b, (f64, f64)>,
    E: Drawable<DB>,
{
    chart.draw_series(std::iter::once(element))?;
    Ok(())
}

/// A point's marker, by class: disc, triangle, square, diamond, on a white backing for
/// contrast; `m` turns CSS pixels into device pixels at the markers' size.
fn draw_marker<DB: DrawingBackend>(
    chart: &mut SquareChart<'_, DB>,
    s: &Sample,
    style: ShapeStyle,
    m: &dyn Fn(f64) -> i32,
) -> DrawResult {
    let at = (s.point[0], s.point[1]);
    let halo = WHITE.filled();
    match s.class.min(3) {
        0 => {
            let r = m(3.6);
            one(
                chart,
                EmptyElement::at(at) + Circle::new((0, 0), r + m(1.2), halo),
            )?;
            one(chart, EmptyElement::at(at) + Circle::new((0, 0), r, style))
        }
        1 => {
            let t = m(5.0);
            one(
                chart,
                EmptyElement::at(at) + TriangleMarker::new((0, 0), t + m(2.0), halo),
            )?;
            one(
                chart,
                EmptyElement::at(at) + TriangleMarker::new((0, 0), t, style),
            )
        }
        2 => {
            let q = m(3.3);
            let h = q + m(1.2);
            one(
                chart,
                EmptyElement::at(at) + Rectangle::new([(-h, -h), (h, h)], halo),
            )?;
            one(
                chart,
                EmptyElement::at(at) + Rectangle::new([(-q, -q), (q, q)], style),
            )
        }
        _ => {
            let q = m(4.2);
            let h = q + m(1.4);
            let diamond = |q: i32| vec![(0, -q), (q, 0), (0, q), (-q, 0)];
            one(chart, EmptyElement::at(at) + Polygon::new(diamond(h), halo))?;
            one(
                chart,
                EmptyElement::at(at) + Polygon::new(diamond(q), style),
            )
        }
    }
}

impl ReluFigure {
    /// Preferred height in CSS pixels for a canvas `width` CSS pixels wide.
    pub(super) fn height(&self, width: f64) -> f64 {
        if theme::stacked(width) {
            // Stacked: the square, then the chart and its eight lines of text (at 1.8 × the
            // width the chart was left about 60 px tall on a phone).
            (width * 2.2).clamp(380.0, 1000.0)
        } else {
            theme::two_panel_height(width, 0.52)
        }
    }

    /// Both panels, on a white ground; returns where the square was drawn (in the root's
    /// pixels).
    pub(super) fn draw_panels<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<SquareLayout, DrawError> {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let (w, h) = root.dim_in_pixel();
        let layout = SquareLayout::new(w as f64, h as f64, th.scale);
        let (left, right) = theme::two_panels(root, th.scale, SHARE);
        self.draw_partition(&left, &layout, &th)?;
        self.draw_history(&right, &th)?;
        root.present()?;
        Ok(layout)
    }

    /// The partition panel, in the order its layers overlap.
    fn draw_partition<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        layout: &SquareLayout,
        th: &Theme,
    ) -> DrawResult {
        theme::panel_title(area, th, &self.partition_title())?;
        let side = layout.side_px();
        let sq = area
            .clone()
            .shrink((layout.x0 as i32, layout.y0 as i32), (side, side));
        let w = Window::DEFAULT;
        let mut chart =
            ChartBuilder::on(&sq).build_cartesian_2d(w.xmin()..w.xmax(), w.ymin()..w.ymax())?;
        let message = self.draw_cells(&sq, &mut chart, side, th)?;
        self.draw_boundary(&mut chart, th)?;
        self.draw_focus(&mut chart, th)?;
        self.draw_hull(&mut chart, th)?;
        self.draw_points(&mut chart, layout, th)?;
        self.draw_cursor(&mut chart, th)?;
        one(
            &mut chart,
            Rectangle::new(
                [(w.xmin(), w.ymin()), (w.xmax(), w.ymax())],
                th.stroke(theme::MUTED, 1.0),
            ),
        )?;
        let banner = self
            .model
            .divergence
            .map(|d| format!("training diverged at step {}", thousands(d.step as i64)))
            .or(message);
        if let Some(text) = banner {
            draw_banner(&sq, text, th)?;
        }
        self.draw_legend(area, layout, th)
    }

    /// The panel's title: architecture, regions, and the layer and step shown.
    fn partition_title(&self) -> String {
        let outputs = if self.classes() == 2 {
            1
        } else {
            self.classes()
        };
        let arch = architecture(self.params.depth, self.params.width, outputs);
        if let Some(pic) = self.picture() {
            let l = self.shown_layers();
            let cells = self
                .worker
                .live
                .as_ref()
                .and_then(|s| s.per_layer.get(l - 1).copied())
                .unwrap_or(0);
            let (cells, step) = (thousands(cells as i64), thousands(pic.step as i64));
            return if l < self.params.depth as usize {
                format!(
                    "{arch}: after layer {l} of {}, {cells} regions (step {step})",
                    self.params.depth
                )
            } else {
                format!("{arch}: {cells} linear regions (step {step})")
            };
        }
        match (self.shown(), &self.partition.view) {
            (Some(t), Some(_)) => format!(
                "{arch}: after layer {} of {}, {} regions",
                t.layers(),
                self.params.depth,
                thousands(t.len() as i64)
            ),
            (Some(t), None) => format!("{arch}: {} linear regions", thousands(t.len() as i64)),
            _ => arch,
        }
    }

    /// The cells on the square `sq` (`side` pixels): the worker's picture, else the
    /// partition shown, else a grey square; returns the message to show over it when there is
    /// no partition.
    fn draw_cells<DB: DrawingBackend>(
        &self,
        sq: &DrawingArea<DB, Shift>,
        chart: &mut SquareChart<'_, DB>,
        side: u32,
        th: &Theme,
    ) -> Result<Option<String>, DrawError> {
        if let Some(pic) = self.picture() {
            self.draw_picture(sq, pic, side)?;
            return Ok(None);
        }
        if let Some(t) = self.shown() {
            self.draw_regions(chart, t, th)?;
            return Ok(None);
        }
        sq.fill(&RGBColor(245, 245, 245))?;
        Ok(Some(self.failure_text()))
    }

    /// Why there is no partition to draw.
    fn failure_text(&self) -> String {
        match (self.partition.shown_error(), &self.model.setup_error) {
            (_, Some(e)) => format!("cannot set up the network: {e}"),
            (Some(TessellateError::TooManyRegions { layer, limit }), _) => format!(
                "more than {} regions after layer {}: too many to draw; use fewer units or \
                 layers",
                thousands(*limit as i64),
                layer + 1
            ),
            (Some(e), _) => e.to_string(),
            (None, None) => "no partition".to_string(),
        }
    }

    /// The regions of partition `t`, tinted (up to [`FILL_LIMIT`]), and their edges.
    fn draw_regions<DB: DrawingBackend>(
        &self,
        chart: &mut SquareChart<'_, DB>,
        t: &Tessellation,
        th: &Theme,
    ) -> DrawResult {
        // Thousands of tiny cells read as texture: above FILL_LIMIT only the edges are drawn
        // (half the canvas calls).
        let filled = t.len() <= FILL_LIMIT;
        if filled {
            chart.draw_series(
                t.regions()
                    .map(|r| Polygon::new(points(r.polygon), tint(&r.pattern).filled())),
            )?;
        }
        // Every edge in the colour of the last shown layer's cuts, then the edges of the
        // partition one layer earlier over them in grey: what stays coloured is what that
        // layer added, straight inside each earlier cell and bent at its edges.
        let (new_cut, old_cut) = if filled {
            (
                th.stroke(NEW_CUT, 1.0),
                th.stroke(RGBColor(135, 135, 135), 0.8),
            )
        } else {
            (
                th.stroke(RGBColor(195, 125, 175), 0.6),
                th.stroke(RGBColor(170, 170, 170), 0.6),
            )
        };
        chart.draw_series(
            t.regions()
                .map(|r| PathElement::new(ring(r.polygon), new_cut)),
        )?;
        if let Some(prev) = &self.partition.prev {
            chart.draw_series(
                prev.regions()
                    .map(|r| PathElement::new(ring(r.polygon), old_cut)),
            )?;
        }
        Ok(())
    }

    /// The decision boundary, bold: of the whole partition made here, else of the last one
    /// the worker counted.
    fn draw_boundary<DB: DrawingBackend>(
        &self,
        chart: &mut SquareChart<'_, DB>,
        th: &Theme,
    ) -> DrawResult {
        let style = th.stroke(theme::INK, 2.6);
        if let Some(Ok(f)) = &self.partition.full {
            chart.draw_series(f.boundary().iter().map(|s| {
                PathElement::new(vec![(s.from[0], s.from[1]), (s.to[0], s.to[1])], style)
            }))?;
        } else if let Some(l) = &self.worker.live {
            chart.draw_series(
                l.boundary
                    .iter()
                    .map(|b| PathElement::new(vec![(b[0], b[1]), (b[2], b[3])], style)),
            )?;
        }
        Ok(())
    }

    /// The focused region highlighted, with a ring at the focused point, visible however
    /// small the region is.
    fn draw_focus<DB: DrawingBackend>(
        &self,
        chart: &mut SquareChart<'_, DB>,
        th: &Theme,
    ) -> DrawResult {
        let (polygon, point) = if let Some((_, r, p)) = self.picture_focus() {
            (r.polygon, Some(p))
        } else {
            match (self.shown(), self.focus()) {
                (Some(t), Some(i)) if i < t.len() => {
                    (t.region(i).polygon.to_vec(), self.focus_point())
                }
                _ => return Ok(()),
            }
        };
        one(
            chart,
            Polygon::new(points(&polygon), theme::ORANGE.mix(0.45).filled()),
        )?;
        one(
            chart,
            PathElement::new(ring(&polygon), th.stroke(FOCUS, 2.5)),
        )?;
        if let Some(p) = point {
            one(
                chart,
                Circle::new((p[0], p[1]), th.upx(8.0), th.stroke(FOCUS, 2.0)),
            )?;
        }
        Ok(())
    }

    /// The training hull, dashed: test points beyond it are extrapolation.
    fn draw_hull<DB: DrawingBackend>(
        &self,
        chart: &mut SquareChart<'_, DB>,
        th: &Theme,
    ) -> DrawResult {
        if self.data.hull_outline.len() < 2 {
            return Ok(());
        }
        let style = th.stroke(RGBColor(60, 60, 60), 1.4);
        chart.draw_series(
            dashes(&self.data.hull_outline, 0.04)
                .into_iter()
                .map(|d| PathElement::new(d, style)),
        )?;
        Ok(())
    }

    /// The points: training filled, test hollow; smaller markers on a small square so the
    /// data stay legible on phones.
    fn draw_points<DB: DrawingBackend>(
        &self,
        chart: &mut SquareChart<'_, DB>,
        layout: &SquareLayout,
        th: &Theme,
    ) -> DrawResult {
        let k = (layout.side / th.scale / 420.0).clamp(0.65, 1.0);
        let m = |css: f64| th.px(css * k);
        let w = Window::DEFAULT;
        for (samples, hollow) in [(&self.data.set.train, false), (&self.data.set.test, true)] {
            for s in samples.iter().filter(|s| w.contains(s.point)) {
                let color = CLASS_COLORS[s.class.min(3)];
                let style = if hollow {
                    th.stroke(color, 1.6)
                } else {
                    color.filled()
                };
                draw_marker(chart, s, style, &m)?;
            }
        }
        Ok(())
    }

    /// The keyboard cursor for adding points: a cross.
    fn draw_cursor<DB: DrawingBackend>(
        &self,
        chart: &mut SquareChart<'_, DB>,
        th: &Theme,
    ) -> DrawResult {
        let (true, Some(c)) = (self.is_own(), self.selection.cursor) else {
            return Ok(());
        };
        let r = 0.06;
        for seg in [
            [(c[0] - r, c[1]), (c[0] + r, c[1])],
            [(c[0], c[1] - r), (c[0], c[1] + r)],
        ] {
            one(
                chart,
                PathElement::new(seg.to_vec(), th.stroke(theme::INK, 2.0)),
            )?;
        }
        Ok(())
    }

    /// The legend under the square: classes and marks on one line when it fits the panel,
    /// else two (a phone), then what the cut colours mean.
    fn draw_legend<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        layout: &SquareLayout,
        th: &Theme,
    ) -> DrawResult {
        let mut classes: Vec<String> = (0..self.classes())
            .map(|k| format!("{} {}", CLASS_GLYPHS[k], CLASS_NAMES[k]))
            .collect();
        classes.push("filled: train, hollow: test".to_string());
        let classes = classes.join(" · ");
        let mut marks = Vec::new();
        if self.data.hull_outline.len() >= 2 {
            marks.push("dashed: training hull");
        }
        marks.push("bold: decision boundary");
        let marks = marks.join(" · ");
        let (aw, _) = area.dim_in_pixel();
        let together = format!("{classes} · {marks}");
        // The width is estimated (0.55 em a character, DejaVu Sans' average) rather than
        // measured: the canvas backend measures text through an inline-styled element, which
        // the page's Content-Security-Policy refuses.
        let fits = together.chars().count() as f64 * 0.55 * 12.0 + 8.0 <= aw as f64 / th.scale;
        let (lines, size, top, step) = if fits {
            (vec![together], 12.0, 6.0, 17.0)
        } else {
            (vec![classes, marks], 11.0, 3.0, 13.0)
        };
        let below = (layout.y0 + layout.side) as i32;
        for (i, line) in lines.iter().enumerate() {
            area.draw(&Text::new(
                line.as_str(),
                (aw as i32 / 2, below + th.px(top + step * i as f64)),
                th.text(size).pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
        let pic = self.picture();
        let shown_layers = match (pic, self.shown()) {
            (Some(_), _) => Some(self.shown_layers()),
            (None, Some(t)) => Some(t.layers()),
            _ => None,
        };
        if let Some(l) = shown_layers {
            let prev_drawn = self.partition.prev.is_some() || pic.is_some();
            area.draw(&Text::new(
                cuts_legend(l, prev_drawn),
                (
                    aw as i32 / 2,
                    below + th.px(top + step * lines.len() as f64),
                ),
                th.colored(size, NEW_CUT)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
        Ok(())
    }

    /// The lines under the history chart: counts per layer, the bound, the settings, the
    /// accuracies inside and outside the hull, and the step.
    fn history_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        if let Some(per_layer) = self.per_layer() {
            let counts: Vec<String> = per_layer
                .iter()
                .enumerate()
                .map(|(l, n)| format!("{}: {}", l + 1, thousands(*n as i64)))
                .collect();
            // Three layers per line, so six layers of 32 units still fit.
            for (i, chunk) in counts.chunks(3).enumerate() {
                let lead = if i == 0 {
                    "regions after layer "
                } else {
                    "then "
                };
                lines.push(format!("{lead}{}", chunk.join(" · ")));
            }
        }
        lines.push(format!(
            "upper bound (Serra et al. 2018): {} regions",
            number(self.bound(), 2)
        ));
        // The settings, so a screenshot (or a printed page) says what it shows.
        lines.extend(self.settings_lines());
        if let Some(h) = &self.scores.hull_split {
            let part = |n: usize, acc: Option<f64>| match acc {
                Some(a) => format!("{n} ({} right)", percent(a)),
                None => "0".to_string(),
            };
            // Two short lines rather than one that a phone-width panel would clip.
            lines.push(format!(
                "test points inside the training hull: {}",
                part(h.inside, h.inside_accuracy())
            ));
            lines.push(format!(
                "outside it: {}",
                part(h.outside, h.outside_accuracy())
            ));
        }
        if let Some(m) = self.scores.metrics {
            lines.push(format!(
                "step {} · accuracy: train {}, test {}",
                thousands(self.steps() as i64),
                percent(m.train.accuracy),
                self.test_accuracy_text(m.test.accuracy)
            ));
        }
        lines
    }

    /// The history panel: regions against the training step, with its lines of text under
    /// the chart.
    fn draw_history<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        th: &Theme,
    ) -> DrawResult {
        theme::panel_title(area, th, "Linear regions during training")?;
        let lines = self.history_lines();
        // The text block takes what its lines need; the chart gets the rest.
        let (_, ah) = area.dim_in_pixel();
        let text_h = th.px(14.0 + 19.0 * lines.len() as f64).max(0) as u32;
        let (top, bottom) = area.split_vertically(ah.saturating_sub(text_h).max(ah / 3));
        let history = &self.history.points;
        let max_step = history.last().map_or(0, |h| h.step).max(10) as f64;
        let max_count = history.iter().map(|h| h.regions).max().unwrap_or(1).max(1) as f64;
        let mut chart = ChartBuilder::on(&top)
            .margin(th.upx(10.0))
            .margin_top(th.upx(30.0))
            .margin_right(th.upx(18.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(56.0))
            .build_cartesian_2d(0f64..max_step, 0f64..max_count * 1.15)?;
        theme::mesh(&mut chart, th)
            .x_desc("training step")
            .y_desc("regions")
            .x_label_formatter(&|v| thousands(v.round() as i64))
            .y_label_formatter(&|v| thousands(v.round() as i64))
            .x_labels(5)
            .y_labels(5)
            .draw()?;
        let pts: Vec<(f64, f64)> = history
            .iter()
            .map(|h| (h.step as f64, h.regions as f64))
            .collect();
        chart.draw_series(LineSeries::new(pts.clone(), th.stroke(theme::BLUE, 2.0)))?;
        if let Some(&last) = pts.last() {
            chart.draw_series(std::iter::once(Circle::new(
                last,
                th.upx(4.0),
                theme::BLUE.filled(),
            )))?;
        }
        for (i, line) in lines.iter().enumerate() {
            bottom.draw(&Text::new(
                line.clone(),
                (th.px(12.0), th.px(8.0 + 19.0 * i as f64)),
                th.text(12.5).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        Ok(())
    }
}

/// A banner across the top of the square (training diverged, no partition).
fn draw_banner<DB: DrawingBackend>(
    sq: &DrawingArea<DB, Shift>,
    text: String,
    th: &Theme,
) -> DrawResult {
    let (sw, _) = sq.dim_in_pixel();
    sq.draw(&Rectangle::new(
        [(0, 0), (sw as i32, th.px(26.0))],
        RGBColor(255, 236, 204).filled(),
    ))?;
    sq.draw(&Text::new(
        text,
        (sw as i32 / 2, th.px(13.0)),
        th.text(13.0).pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::relu::test_support::fig;
    use crate::figures::{render_svg, AnyFigure, Figure};
    use plotters::prelude::SVGBackend;

    #[test]
    fn svg_has_region_polygons_boundary_and_points() {
        let f = fig("nn.data=blobs");
        let regions = f.partition.full.as_ref().unwrap().as_ref().unwrap().len();
        let svg = render_svg(&AnyFigure::Relu(f), 900, 460).unwrap();
        assert!(svg.matches("<polygon").count() >= regions, "{regions}");
        assert!(svg.contains("Linear regions during training"));
        assert!(svg.contains("upper bound (Serra et al. 2018)"));
        assert!(svg.contains("cuts added by layer 3"));
        // Narrow (stacked) layout draws too.
        let f = fig("");
        let svg = render_svg(&AnyFigure::Relu(f), 400, 600).unwrap();
        assert!(svg.contains("<polygon"));
    }

    /// The layout drawing gives back is the one the pointer maps gestures with (at scale 1,
    /// device and CSS pixels agree), and the one whose side the next job asks a raster of;
    /// a pixel and its world point map back and forth.
    #[test]
    fn drawing_gives_back_the_layout_the_pointer_uses() {
        let f = fig("nn.depth=2&nn.width=4");
        for (w, h, scale) in [(800u32, 420u32, 1.0), (400, 900, 1.0), (1600, 840, 2.0)] {
            let mut svg = String::new();
            let layout = {
                let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
                f.draw_panels(&root, scale).unwrap()
            };
            assert_eq!(
                layout,
                SquareLayout::new(w as f64, h as f64, scale),
                "{w}×{h}"
            );
            // The page announces the canvas before drawing: the job's raster is the square.
            let mut g = f.clone();
            g.set_viewport(crate::figures::Viewport {
                width: w as f64,
                height: h as f64,
                scale,
            });
            assert_eq!(g.worker.raster_side, layout.side_px());
            let css = SquareLayout::new(w as f64 / scale, h as f64 / scale, 1.0);
            assert!(
                (css.side * scale - layout.side).abs() <= 2.0 * scale,
                "{w}×{h}"
            );
            let p = [0.3, -0.7];
            let (x, y) = layout.pixel_at(p);
            let q = layout.world_at(x, y).unwrap();
            assert!((q[0] - p[0]).abs() < 1e-12 && (q[1] - p[1]).abs() < 1e-12);
            assert!(layout.world_at(layout.x0 - 1.0, y).is_none());
        }
        assert!(f.height_for(800.0) > 0.0);
    }
}
