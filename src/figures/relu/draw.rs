//! The figure drawn: the partition panel (the regions, or the worker's raster, the decision
//! boundary, the training hull, the points, the legend) and the history panel (regions
//! against the training step, with the counts and settings as text).

use super::params::{CLASS_GLYPHS, CLASS_NAMES};
use super::partition::FILL_LIMIT;
use super::text::architecture;
use super::worker::{ColouredPicture, PictureKey};
use super::ReluFigure;
use crate::figures::theme::{self, Theme};
use crate::figures::DrawResult;
use crate::format::{number, percent, thousands};
use crate::math::relu::{PartitionRaster, Sample, TessellateError, Window};
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendCoord, DrawingErrorKind};

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
    /// The square on a canvas `width × height` pixels at `scale` pixels per CSS pixel.
    pub fn new(width: f64, height: f64, scale: f64) -> Self {
        let (x0, y0, side) = square_frame(width, height, scale);
        SquareLayout { x0, y0, side }
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

/// Share of the width (or height, when stacked) taken by the partition panel.
const SHARE: f64 = 0.56;

/// Colour of the cuts the last shown layer adds (a dark reddish purple, apart from the class
/// colours).
const NEW_CUT: RGBColor = RGBColor(150, 50, 120);
/// Class colours (with [`CLASS_GLYPHS`]' shapes: class by shape and colour, never colour
/// alone).
const CLASS_COLORS: [RGBColor; 4] = [theme::BLUE, theme::VERMILLION, theme::GREEN, theme::PURPLE];

/// An RGB bitmap placed at a point of a drawing area (plotters' own `BitMapElement` needs its
/// bitmap backend, which the page does not otherwise use).
struct Bitmap<'a> {
    at: BackendCoord,
    size: (u32, u32),
    rgb: &'a [u8],
}

impl<'a> PointCollection<'a, BackendCoord> for &'a Bitmap<'_> {
    type Point = &'a BackendCoord;
    type IntoIter = std::iter::Once<&'a BackendCoord>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Bitmap<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(p) => backend.blit_bitmap(p, self.size, self.rgb),
            None => Ok(()),
        }
    }
}

/// Colours a raster for display at `side × side` pixels (nearest pixel): each cell of the
/// partition by the first `layers` layers in its pale tint, pixels where the cell changes to
/// the right or below as edges — in `new_cut` where only layer `layers` separates the two
/// cells, in `old_cut` where earlier layers do. RGB, row-major.
fn colour_raster(
    raster: &PartitionRaster,
    layers: usize,
    side: u32,
    new_cut: RGBColor,
    old_cut: RGBColor,
) -> Vec<u8> {
    let n = raster.len();
    // Cell ids after `l` layers: the regions come depth first (those cut from one cell are
    // adjacent), so a cell is a run of regions sharing the first `l` words; one pass, no sort.
    let cells = |l: usize| -> Vec<u32> {
        let mut next = 0u32;
        (0..n)
            .map(|i| {
                if i > 0 && (0..l).any(|j| raster.word(i, j) != raster.word(i - 1, j)) {
                    next += 1;
                }
                next
            })
            .collect::<Vec<u32>>()
    };
    let cell = cells(layers);
    let older = if layers >= 2 {
        cells(layers - 1)
    } else {
        vec![0; n]
    };
    let fill: Vec<RGBColor> = (0..n)
        .map(|i| tint(&raster.pattern(i).truncated(layers)))
        .collect();
    let (rw, rh) = (raster.width() as usize, raster.height() as usize);
    let s = side.max(1) as usize;
    let cols: Vec<usize> = (0..s).map(|x| x * rw / s).collect();
    let ids = raster.ids();
    let mut out = vec![0u8; 3 * s * s];
    for y in 0..s {
        let row = (y * rh / s) * rw;
        let below = if y + 1 < s {
            Some(((y + 1) * rh / s) * rw)
        } else {
            None
        };
        for x in 0..s {
            let a = ids[row + cols[x]] as usize;
            let mut c = fill[a];
            let mut edge = |b: usize| {
                if cell[a] != cell[b] {
                    c = if older[a] != older[b] {
                        old_cut
                    } else {
                        new_cut
                    };
                }
            };
            if x + 1 < s {
                edge(ids[row + cols[x + 1]] as usize);
            }
            if let Some(b) = below {
                edge(ids[b + cols[x]] as usize);
            }
            out[3 * (y * s + x)..3 * (y * s + x) + 3].copy_from_slice(&[c.0, c.1, c.2]);
        }
    }
    out
}

/// Where the partition's square sits: `(x0, y0, side)` in the root's pixels.
pub(super) fn square_frame(root_w: f64, root_h: f64, scale: f64) -> (f64, f64, f64) {
    let (pw, ph) = if theme::stacked(root_w / scale) {
        (root_w, (root_h * SHARE).floor())
    } else {
        ((root_w * SHARE).floor(), root_h)
    };
    let top = 30.0 * scale;
    let bottom = 44.0 * scale;
    let side = (ph - top - bottom).min(pw - 16.0 * scale).max(10.0 * scale);
    (((pw - side) / 2.0).floor(), top, side.floor())
}

/// A pale tint for a region, stable across frames for the same pattern.
fn tint(pattern: &crate::math::relu::ActivationPattern) -> RGBColor {
    const BASE: [RGBColor; 6] = [
        theme::SKY,
        theme::ORANGE,
        theme::GREEN,
        theme::PURPLE,
        RGBColor(240, 228, 66),
        theme::BLUE,
    ];
    // FNV-1a over the pattern's words.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for l in 0..pattern.layers() {
        for b in pattern.layer(l).to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let c = BASE[(h % BASE.len() as u64) as usize];
    let pale = |v: u8| (255.0 - (255.0 - v as f64) * 0.2).round() as u8;
    RGBColor(pale(c.0), pale(c.1), pale(c.2))
}

impl ReluFigure {
    fn draw_partition<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        root_dim: (u32, u32),
        th: &Theme,
    ) -> DrawResult {
        let outputs = if self.classes() == 2 {
            1
        } else {
            self.classes()
        };
        let arch = architecture(self.params.depth, self.params.width, outputs);
        let pic = self.picture();
        let title = match (self.shown(), &self.partition.view) {
            _ if pic.is_some() => {
                let l = self.shown_layers();
                let cells = self
                    .worker
                    .live
                    .as_ref()
                    .and_then(|s| s.per_layer.get(l - 1).copied())
                    .unwrap_or(0);
                let step = pic.map_or(0, |p| p.step);
                if l < self.params.depth as usize {
                    format!(
                        "{arch}: after layer {l} of {}, {} regions (step {})",
                        self.params.depth,
                        thousands(cells as i64),
                        thousands(step as i64)
                    )
                } else {
                    format!(
                        "{arch}: {} linear regions (step {})",
                        thousands(cells as i64),
                        thousands(step as i64)
                    )
                }
            }
            (Some(t), Some(_)) => format!(
                "{arch}: after layer {} of {}, {} regions",
                t.layers(),
                self.params.depth,
                thousands(t.len() as i64)
            ),
            (Some(t), None) => format!("{arch}: {} linear regions", thousands(t.len() as i64)),
            _ => arch,
        };
        theme::panel_title(area, th, &title)?;
        let (x0, y0, side) = square_frame(root_dim.0 as f64, root_dim.1 as f64, th.scale);
        let sq = area.clone().shrink(
            (x0 as i32, y0 as i32),
            (side.max(1.0) as u32, side.max(1.0) as u32),
        );
        let w = Window::DEFAULT;
        let mut chart =
            ChartBuilder::on(&sq).build_cartesian_2d(w.xmin()..w.xmax(), w.ymin()..w.ymax())?;
        let poly = |p: &[[f64; 2]]| p.iter().map(|v| (v[0], v[1])).collect::<Vec<_>>();
        let closed = |p: &[[f64; 2]]| {
            let mut v = poly(p);
            if let Some(&first) = v.first() {
                v.push(first);
            }
            v
        };
        let mut message: Option<String> = None;
        self.worker.drawn_side.set(side.max(1.0) as u32);
        match self.shown() {
            _ if pic.is_some() => {
                // The worker's raster of the whole partition, coloured for the layers shown
                // (cached: recoloured only when the picture, the layer or the size changes).
                let pic = pic.expect("guarded");
                let px = side.max(1.0) as u32;
                let key = PictureKey {
                    request: pic.id,
                    layers: self.shown_layers(),
                    side: px,
                };
                let mut cache = self.worker.coloured.borrow_mut();
                if cache.as_ref().map(|c| c.key) != Some(key) {
                    let many = self
                        .worker
                        .live
                        .as_ref()
                        .and_then(|s| s.per_layer.get(self.shown_layers() - 1))
                        .is_some_and(|&n| n > FILL_LIMIT);
                    let (new_cut, old_cut) = if many {
                        (RGBColor(200, 140, 185), RGBColor(185, 185, 185))
                    } else {
                        (NEW_CUT, RGBColor(135, 135, 135))
                    };
                    let rgb = colour_raster(&pic.raster, self.shown_layers(), px, new_cut, old_cut);
                    *cache = Some(ColouredPicture { key, rgb });
                }
                if let Some(c) = cache.as_ref() {
                    sq.draw(&Bitmap {
                        at: (0, 0),
                        size: (px, px),
                        rgb: &c.rgb,
                    })?;
                }
            }
            Some(t) => {
                // Thousands of tiny cells read as texture: above FILL_LIMIT only the edges
                // are drawn (half the canvas calls).
                if t.len() <= FILL_LIMIT {
                    chart.draw_series(
                        t.regions()
                            .map(|r| Polygon::new(poly(r.polygon), tint(&r.pattern).filled())),
                    )?;
                }
                // Every edge in the colour of the last shown layer's cuts, then the edges of
                // the partition one layer earlier over them in grey: what stays coloured is
                // what that layer added, straight inside each earlier cell and bent at its
                // edges.
                let (new_cut, old_cut) = if t.len() <= FILL_LIMIT {
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
                        .map(|r| PathElement::new(closed(r.polygon), new_cut)),
                )?;
                if let Some(prev) = &self.partition.prev {
                    chart.draw_series(
                        prev.regions()
                            .map(|r| PathElement::new(closed(r.polygon), old_cut)),
                    )?;
                }
            }
            None => {
                sq.fill(&RGBColor(245, 245, 245))?;
                message = Some(
                    match (self.partition.shown_error(), &self.model.setup_error) {
                        (_, Some(e)) => format!("cannot set up the network: {e}"),
                        (Some(TessellateError::TooManyRegions { layer, limit }), _) => format!(
                            "more than {} regions after layer {}: too many to draw; use fewer \
                         units or layers",
                            thousands(*limit as i64),
                            layer + 1
                        ),
                        (Some(e), _) => e.to_string(),
                        (None, None) => "no partition".to_string(),
                    },
                );
            }
        }
        if let Some(Ok(f)) = &self.partition.full {
            chart.draw_series(f.boundary().iter().map(|s| {
                PathElement::new(
                    vec![(s.from[0], s.from[1]), (s.to[0], s.to[1])],
                    th.stroke(theme::INK, 2.6),
                )
            }))?;
        } else if let Some(l) = &self.worker.live {
            // The worker path: the boundary of the last full partition the worker counted.
            chart.draw_series(l.boundary.iter().map(|b| {
                PathElement::new(vec![(b[0], b[1]), (b[2], b[3])], th.stroke(theme::INK, 2.6))
            }))?;
        }
        if let Some((_, r, p)) = self.picture_focus() {
            chart.draw_series(std::iter::once(Polygon::new(
                poly(&r.polygon),
                theme::ORANGE.mix(0.45).filled(),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                closed(&r.polygon),
                th.stroke(RGBColor(150, 90, 0), 2.5),
            )))?;
            chart.draw_series(std::iter::once(Circle::new(
                (p[0], p[1]),
                th.upx(8.0),
                th.stroke(RGBColor(150, 90, 0), 2.0),
            )))?;
        } else if let (Some(t), Some(i)) = (self.shown(), self.focus()) {
            if i < t.len() {
                let r = t.region(i);
                chart.draw_series(std::iter::once(Polygon::new(
                    poly(r.polygon),
                    theme::ORANGE.mix(0.45).filled(),
                )))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    closed(r.polygon),
                    th.stroke(RGBColor(150, 90, 0), 2.5),
                )))?;
                // A ring at the selection, visible however small the region is.
                if let Some(p) = self.focus_point() {
                    chart.draw_series(std::iter::once(Circle::new(
                        (p[0], p[1]),
                        th.upx(8.0),
                        th.stroke(RGBColor(150, 90, 0), 2.0),
                    )))?;
                }
            }
        }
        // The training hull, dashed: test points beyond it are extrapolation.
        if self.data.hull_outline.len() >= 2 {
            let mut ring = self.data.hull_outline.clone();
            if ring.len() > 2 {
                ring.push(ring[0]);
            }
            let seg = 0.04;
            let mut dashes = Vec::new();
            for e in ring.windows(2) {
                let (a, b) = (e[0], e[1]);
                let len = (b[0] - a[0]).hypot(b[1] - a[1]);
                let n = (len / seg).ceil().max(1.0) as usize;
                for k in (0..n).step_by(2) {
                    let t0 = k as f64 / n as f64;
                    let t1 = ((k + 1) as f64 / n as f64).min(1.0);
                    let at = |t: f64| (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
                    dashes.push(vec![at(t0), at(t1)]);
                }
            }
            chart.draw_series(
                dashes
                    .into_iter()
                    .map(|d| PathElement::new(d, th.stroke(RGBColor(60, 60, 60), 1.4))),
            )?;
        }
        // Points: training filled, test hollow, each on a white backing for contrast; smaller
        // markers on a small square so the data stay legible on phones.
        let k = (side / th.scale / 420.0).clamp(0.65, 1.0);
        let m = |css: f64| th.px(css * k);
        let mut draw_points = |samples: &[Sample], hollow: bool| -> DrawResult {
            for s in samples {
                if !w.contains(s.point) {
                    continue;
                }
                let k = s.class.min(3);
                let color = CLASS_COLORS[k];
                let style = if hollow {
                    th.stroke(color, 1.6)
                } else {
                    color.filled()
                };
                let at = (s.point[0], s.point[1]);
                let r = m(3.6);
                let halo = WHITE.filled();
                match k {
                    0 => {
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Circle::new((0, 0), r + m(1.2), halo),
                        ))?;
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Circle::new((0, 0), r, style),
                        ))?;
                    }
                    1 => {
                        let t = m(5.0);
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + TriangleMarker::new((0, 0), t + m(2.0), halo),
                        ))?;
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + TriangleMarker::new((0, 0), t, style),
                        ))?;
                    }
                    2 => {
                        let q = m(3.3);
                        let h = q + m(1.2);
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Rectangle::new([(-h, -h), (h, h)], halo),
                        ))?;
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Rectangle::new([(-q, -q), (q, q)], style),
                        ))?;
                    }
                    _ => {
                        let q = m(4.2);
                        let h = q + m(1.4);
                        let diamond = |q: i32| vec![(0, -q), (q, 0), (0, q), (-q, 0)];
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Polygon::new(diamond(h), halo),
                        ))?;
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(at) + Polygon::new(diamond(q), style),
                        ))?;
                    }
                }
            }
            Ok(())
        };
        draw_points(&self.data.set.train, false)?;
        draw_points(&self.data.set.test, true)?;
        // The keyboard cursor for adding points: a cross.
        if let (true, Some(c)) = (self.is_own(), self.selection.cursor) {
            let r = 0.06;
            for seg in [
                [(c[0] - r, c[1]), (c[0] + r, c[1])],
                [(c[0], c[1] - r), (c[0], c[1] + r)],
            ] {
                chart.draw_series(std::iter::once(PathElement::new(
                    seg.to_vec(),
                    th.stroke(theme::INK, 2.0),
                )))?;
            }
        }
        chart.draw_series(std::iter::once(Rectangle::new(
            [(w.xmin(), w.ymin()), (w.xmax(), w.ymax())],
            th.stroke(theme::MUTED, 1.0),
        )))?;
        let banner = self
            .model
            .divergence
            .map(|d| format!("training diverged at step {}", thousands(d.step as i64)))
            .or(message);
        if let Some(text) = banner {
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
        }
        let mut legend: Vec<String> = (0..self.classes())
            .map(|k| format!("{} {}", CLASS_GLYPHS[k], CLASS_NAMES[k]))
            .collect();
        legend.push("filled: train, hollow: test".to_string());
        let mut lines = vec![legend.join(" · ")];
        let mut marks = Vec::new();
        if self.data.hull_outline.len() >= 2 {
            marks.push("dashed: training hull");
        }
        marks.push("bold: decision boundary");
        let (aw, _) = area.dim_in_pixel();
        let one = format!("{} · {}", lines[0], marks.join(" · "));
        // One line when it fits the panel, else two (a phone), in the same band under the
        // square. The width is estimated (0.55 em a character, DejaVu Sans' average) rather
        // than measured: the canvas backend measures text through an inline-styled element,
        // which the page's Content-Security-Policy refuses.
        let fits = one.chars().count() as f64 * 0.55 * 12.0 + 8.0 <= aw as f64 / th.scale;
        if fits {
            lines = vec![one];
        } else {
            lines.push(marks.join(" · "));
        }
        let (size, top, step) = if fits {
            (12.0, 6.0, 17.0)
        } else {
            (11.0, 3.0, 13.0)
        };
        for (i, line) in lines.iter().enumerate() {
            area.draw(&Text::new(
                line.as_str(),
                (
                    aw as i32 / 2,
                    (y0 + side) as i32 + th.px(top + step * i as f64),
                ),
                th.text(size).pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
        let cuts_at = top + step * lines.len() as f64;
        let shown_layers = match (pic, self.shown()) {
            (Some(_), _) => Some(self.shown_layers()),
            (None, Some(t)) => Some(t.layers()),
            _ => None,
        };
        if let Some(l) = shown_layers {
            let cuts = if l >= 2 && self.partition.prev.is_none() && pic.is_none() {
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
            };
            area.draw(&Text::new(
                cuts,
                (aw as i32 / 2, (y0 + side) as i32 + th.px(cuts_at)),
                th.colored(size, NEW_CUT)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
        Ok(())
    }

    fn draw_history<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        th: &Theme,
    ) -> DrawResult {
        theme::panel_title(area, th, "Linear regions during training")?;
        let mut lines: Vec<String> = Vec::new();
        let per_layer: Option<&[usize]> = match (&self.partition.full, &self.worker.live) {
            (Some(Ok(f)), _) => Some(f.per_layer()),
            (None, Some(l)) if l.error.is_none() => Some(&l.per_layer),
            _ => None,
        };
        if let Some(per_layer) = per_layer {
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
        // The text block takes what its lines need; the chart gets the rest.
        let (_, ah) = area.dim_in_pixel();
        let text_h = th.px(14.0 + 19.0 * lines.len() as f64).max(0) as u32;
        let (top, bottom) = area.split_vertically(ah.saturating_sub(text_h).max(ah / 3));
        let max_step = self.history.points.last().map_or(0, |h| h.step).max(10) as f64;
        let max_count = self
            .history
            .points
            .iter()
            .map(|h| h.regions)
            .max()
            .unwrap_or(1)
            .max(1) as f64;
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
        let pts: Vec<(f64, f64)> = self
            .history
            .points
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

    /// Both panels, on a white ground.
    pub(super) fn draw_panels<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let dim = root.dim_in_pixel();
        let (left, right) = theme::two_panels(root, th.scale, SHARE);
        self.draw_partition(&left, dim, &th)?;
        self.draw_history(&right, &th)?;
        root.present()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::figures::relu::test_support::fig;
    use crate::figures::{render_svg, AnyFigure};

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
}
