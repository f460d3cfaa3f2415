//! What the hull section's curve figures share: the probability panel (P(x ∈ hull) against N
//! with bands, exact curves and crossings, its legend), the series' colours and markers, the
//! grid of training sizes, and the grid's data table. Used by [`super::hullcurve`] and
//! [`super::hullsubspace`].

use crate::figures::table::Table;
use crate::figures::theme::{self, draw_mark, Mark, Theme};
use crate::figures::DrawResult;
use crate::format::percent;
use crate::math::hull::{GaussianHull, GridReport, GridSpec, InsideCount, MAX_EXACT_DIM};
use crate::math::stats::{crossing, Crossing};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The training-set sizes of a curve: four per decade from 2, then `nmax` itself.
///
/// ```
/// use highdim::figures::hull::panels::train_grid;
/// assert_eq!(train_grid(100), vec![2, 3, 6, 10, 18, 32, 56, 100]);
/// ```
pub fn train_grid(nmax: u32) -> Vec<u32> {
    let nmax = nmax.max(2);
    let mut v: Vec<u32> = Vec::new();
    for j in 1.. {
        let n = 10f64.powf(j as f64 / 4.0).round();
        if n > nmax as f64 / 10f64.powf(0.12) {
            break;
        }
        if v.last() != Some(&(n as u32)) {
            v.push(n as u32);
        }
    }
    v.insert(0, 2);
    v.dedup();
    v.push(nmax);
    v.dedup();
    v
}

/// Colours of the series, in order (direct labels carry the meaning, not the colour).
pub(crate) const SERIES_COLORS: [RGBColor; 6] = [
    theme::BLUE,
    theme::GREEN,
    theme::ORANGE,
    theme::PURPLE,
    theme::VERMILLION,
    theme::INK,
];

/// The shape of series `s`.
pub(crate) const SERIES_MARKS: [Mark; 6] = [
    Mark::Disc,
    Mark::Square,
    Mark::Diamond,
    Mark::Ring,
    Mark::Cross,
    Mark::Down,
];

/// A legend item: its text and, for a series, its colour and marker.
pub(crate) type LegendItem = (String, Option<RGBColor>, Option<Mark>);

/// A curve of a grid as `(n, count)` for its finished cells.
pub(crate) fn row_points(report: &GridReport, s: usize) -> Vec<(f64, InsideCount)> {
    report
        .spec
        .train
        .iter()
        .zip(&report.cells[s])
        .filter_map(|(&n, c)| c.map(|c| (n as f64, c.count)))
        .collect()
}

/// A grid's finished cells as a table: one row per series and training size, with the
/// counts, the fraction inside and its Wilson 95 % interval (what the curves and bands show),
/// and, when `exact` is given, the theorem's value for the series and N (empty where it has
/// none).
pub(crate) fn grid_table(
    title: String,
    series_header: &str,
    labels: &[String],
    report: &GridReport,
    exact: Option<&dyn Fn(usize, f64) -> Option<f64>>,
) -> Option<Table> {
    let mut columns = vec![
        series_header,
        "ambient dimension d",
        "training points N",
        "tests inside the hull",
        "tests",
        "P(x in hull)",
        "95% interval, low",
        "95% interval, high",
    ];
    if exact.is_some() {
        columns.push("exact P(x in hull), theorem");
    }
    let mut t = Table::new(title, &columns);
    for (s, label) in labels.iter().enumerate().take(report.cells.len()) {
        let dim = report.spec.series.get(s).map_or(0, |x| x.dim);
        for (n, c) in row_points(report, s) {
            let (lo, hi) = c.interval();
            let mut row = vec![
                label.as_str().into(),
                dim.into(),
                n.into(),
                c.inside.into(),
                c.tests.into(),
                c.fraction().into(),
                lo.into(),
                hi.into(),
            ];
            if let Some(f) = exact {
                row.push(f(s, n).unwrap_or(f64::NAN).into());
            }
            t.push(row);
        }
    }
    (!t.rows.is_empty()).then_some(t)
}

/// The crossing of series `s`.
pub(crate) fn series_crossing(report: &GridReport, s: usize) -> Crossing {
    let ns: Vec<f64> = report.spec.train.iter().map(|&n| n as f64).collect();
    let ps: Vec<Option<f64>> = report.cells[s]
        .iter()
        .map(|c| c.map(|c| c.count.fraction()))
        .collect();
    crossing(&ns, &ps)
}

/// One extra line on the probability panel (an exact law), with its label.
pub(crate) struct Reference {
    pub points: Vec<(f64, f64)>,
    pub label: String,
}

/// Lays out legend items in rows across `width` CSS pixels: returns each item's row and
/// x offset (CSS px). Text width is estimated at 6.4 px per character at 11.5 px.
fn legend_layout(items: &[LegendItem], width: f64) -> Vec<(usize, f64)> {
    let mut out = Vec::with_capacity(items.len());
    let (mut row, mut x) = (0usize, 0.0f64);
    for (label, color, _) in items {
        let w =
            label.chars().count() as f64 * 6.4 + if color.is_some() { 26.0 } else { 4.0 } + 14.0;
        if x > 0.0 && x + w > width {
            row += 1;
            x = 0.0;
        }
        out.push((row, x));
        x += w;
    }
    out
}

/// Draws legend items in rows under a panel title starting `top` CSS px from the area's top;
/// returns the number of rows.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    th: &Theme,
    legend: &[LegendItem],
    top: f64,
) -> Result<usize, DrawingAreaErrorKind<DB::ErrorType>> {
    let (aw, _) = area.dim_in_pixel();
    let layout = legend_layout(legend, aw as f64 / th.scale - 20.0);
    for ((label, color, mark), (row, x)) in legend.iter().zip(&layout) {
        let y = th.px(top + 8.0 + 16.0 * *row as f64);
        let x = th.px(12.0 + x);
        if let Some(c) = color {
            area.draw(&PathElement::new(
                vec![(x, y), (x + th.px(18.0), y)],
                th.stroke(*c, 2.0),
            ))?;
            if let Some(m) = mark {
                draw_mark(area, th, (x + th.px(9.0), y), *m, 4.0, *c)?;
            }
        }
        area.draw(&Text::new(
            label.clone(),
            (x + th.px(if color.is_some() { 24.0 } else { 0.0 }), y),
            th.text(11.5).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(layout.last().map(|l| l.0 + 1).unwrap_or(0))
}

/// Exact curves drawn under the measurements: one per series (empty where the theorem does
/// not apply), with each curve's exact 50 % crossing.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ExactCurves {
    /// `(N, P(x ∈ hull))` per series.
    pub curves: Vec<Vec<(f64, f64)>>,
    /// The exact N₅₀ per series, where known.
    pub n50: Vec<Option<u64>>,
}

impl ExactCurves {
    /// The exact curves of Gaussian data whose hull dimension is `dims[s]` (the ambient
    /// dimension, or k for data on a k-dimensional subspace), over `[nmin, nmax]`: 64 sizes
    /// spaced evenly on log N plus d and d + 1, where the curve leaves zero. Nothing for
    /// `None` or d above [`MAX_EXACT_DIM`].
    pub fn gaussian(
        exact: &GaussianHull,
        dims: &[Option<u32>],
        (nmin, nmax): (u32, u32),
        n50: impl Fn(u32) -> Option<u64>,
    ) -> Self {
        let (lo, hi) = ((nmin.max(1) as f64).ln(), (nmax.max(2) as f64).ln());
        let mut out = ExactCurves::default();
        for d in dims {
            let Some(d) = d.filter(|d| (1..=MAX_EXACT_DIM).contains(d)) else {
                out.curves.push(Vec::new());
                out.n50.push(None);
                continue;
            };
            let mut ns: Vec<u64> = (0..64)
                .map(|i| (lo + (hi - lo) * i as f64 / 63.0).exp().round() as u64)
                .chain([d as u64, d as u64 + 1])
                .filter(|n| (nmin as u64..=nmax as u64).contains(n))
                .collect();
            ns.sort_unstable();
            ns.dedup();
            out.curves.push(
                ns.into_iter()
                    .filter_map(|n| exact.p_inside(d, n).ok().map(|p| (n as f64, p)))
                    .collect(),
            );
            out.n50.push(n50(d));
        }
        out
    }

    fn curve(&self, s: usize) -> &[(f64, f64)] {
        self.curves.get(s).map_or(&[], Vec::as_slice)
    }

    fn any(&self) -> bool {
        self.curves.iter().any(|c| !c.is_empty())
    }

    /// How many finished cells of `report` have the exact value inside their 95 % band, of
    /// how many cells have an exact value.
    pub fn covered(
        &self,
        report: &GridReport,
        exact: &GaussianHull,
        dims: &[Option<u32>],
    ) -> (usize, usize) {
        let (mut inside, mut total) = (0, 0);
        for (s, d) in dims.iter().enumerate().take(report.cells.len()) {
            let Some(d) = d.filter(|d| (1..=MAX_EXACT_DIM).contains(d)) else {
                continue;
            };
            for (n, c) in row_points(report, s) {
                if let Ok(p) = exact.p_inside(d, n as u64) {
                    let (lo, hi) = c.interval();
                    total += 1;
                    inside += usize::from(lo <= p && p <= hi);
                }
            }
        }
        (inside, total)
    }
}

/// Draws P(x ∈ hull) against N for every series: the exact curves (thin solid lines, drawn
/// at once), then the finished Monte Carlo cells of `report` as markers with 95 % bands (from
/// where the curve leaves 0 %; joined by a line only where there is no exact curve), the 50 %
/// line and each curve's crossing (exact where known, else measured; labelled when the labels
/// are short and the chart wide). The legend flows in rows under the title.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_probability_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    th: &Theme,
    title: &str,
    spec: &GridSpec,
    report: Option<&GridReport>,
    labels: &[String],
    exact: &ExactCurves,
    reference: Option<&Reference>,
) -> DrawResult {
    theme::panel_title(area, th, title)?;
    let (aw, _) = area.dim_in_pixel();
    let css_w = aw as f64 / th.scale;
    let mut legend: Vec<LegendItem> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.clone(),
                Some(SERIES_COLORS[i % SERIES_COLORS.len()]),
                Some(SERIES_MARKS[i % SERIES_MARKS.len()]),
            )
        })
        .collect();
    if exact.any() {
        legend.push((
            "thin lines: exact (theorem); markers: simulated, 95% band".to_string(),
            None,
            None,
        ));
    }
    if let Some(r) = reference {
        legend.push((format!("- - {}", r.label), None, None));
    }
    let legend_top = 26.0;
    let rows = draw_legend(area, th, &legend, legend_top)?;
    let nmax = spec.train.last().copied().unwrap_or(10) as f64;
    let nmin = spec.train.first().copied().unwrap_or(1) as f64;
    let mut chart = ChartBuilder::on(area)
        .margin(th.upx(10.0))
        .margin_top(th.upx(legend_top + 12.0 + 16.0 * rows as f64))
        .margin_right(th.upx(18.0))
        .x_label_area_size(th.upx(40.0))
        .y_label_area_size(th.upx(48.0))
        .build_cartesian_2d((nmin..nmax).log_scale(), 0f64..1f64)?;
    theme::mesh(&mut chart, th)
        .x_desc("training points N")
        .y_desc("P(x in hull)")
        .x_label_formatter(&theme::log_axis_label)
        .y_label_formatter(&|v| percent(*v))
        .y_labels(6)
        .draw()?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(nmin, 0.5), (nmax, 0.5)],
        th.stroke(theme::MUTED, 1.0),
    )))?;
    if let Some(r) = reference {
        chart.draw_series(DashedLineSeries::new(
            r.points.iter().copied(),
            th.px(5.0).max(1) as u32,
            th.px(4.0).max(1) as u32,
            th.stroke(theme::MUTED, 1.5),
        ))?;
    }
    for s in 0..labels.len() {
        let curve = exact.curve(s);
        // Series with the same hull dimension share one exact curve: drawn once, in ink.
        let shared = (0..labels.len()).any(|o| o != s && exact.curve(o) == curve);
        let first = (0..s).all(|o| exact.curve(o) != curve);
        if curve.len() >= 2 && first {
            let color = if shared {
                theme::INK
            } else {
                SERIES_COLORS[s % SERIES_COLORS.len()]
            };
            chart.draw_series(LineSeries::new(
                curve.iter().copied(),
                th.stroke(color, 1.5),
            ))?;
        }
    }
    let label_crossings = css_w > 480.0 && labels.iter().all(|l| l.chars().count() <= 8);
    for s in 0..labels.len() {
        let color = SERIES_COLORS[s % SERIES_COLORS.len()];
        let pts = report.map(|r| row_points(r, s)).unwrap_or_default();
        let has_exact = exact.curve(s).len() >= 2;
        if !pts.is_empty() {
            // The band starts at the last cell with no test inside before the curve rises:
            // the bands of every curve still at 0 % would otherwise pile up along the bottom.
            let first_hit = pts.iter().position(|(_, c)| c.inside > 0);
            if let Some(start) = first_hit.map(|i| i.saturating_sub(1)) {
                let rising = &pts[start..];
                let mut band: Vec<(f64, f64)> =
                    rising.iter().map(|(n, c)| (*n, c.interval().1)).collect();
                band.extend(rising.iter().rev().map(|(n, c)| (*n, c.interval().0)));
                chart.draw_series(std::iter::once(Polygon::new(band, color.mix(0.16))))?;
            }
            if !has_exact {
                chart.draw_series(LineSeries::new(
                    pts.iter().map(|(n, c)| (*n, c.fraction())),
                    th.stroke(color, 2.0),
                ))?;
            }
            let mark = SERIES_MARKS[s % SERIES_MARKS.len()];
            for (n, c) in &pts {
                let at = theme::local(area, chart.backend_coord(&(*n, c.fraction())));
                draw_mark(area, th, at, mark, 3.0, color)?;
            }
        }
        let cross = match exact.n50.get(s).copied().flatten() {
            Some(n) => Some(n as f64),
            None => match report.map(|r| series_crossing(r, s)) {
                Some(Crossing::Measured(n)) => Some(n),
                _ => None,
            },
        };
        if let Some(n) = cross.filter(|n| (nmin..=nmax).contains(n)) {
            chart.draw_series(std::iter::once(TriangleMarker::new(
                (n, 0.5),
                th.upx(6.0),
                color.filled(),
            )))?;
            if label_crossings {
                // Right of the marker, alternately above and below the 50 % line.
                let (px, py) = theme::local(area, chart.backend_coord(&(n, 0.5)));
                let up = s % 2 == 0;
                area.draw(&Text::new(
                    labels.get(s).cloned().unwrap_or_default(),
                    (
                        px + th.px(7.0),
                        if up { py - th.px(5.0) } else { py + th.px(5.0) },
                    ),
                    th.colored(11.5, color).pos(Pos::new(
                        HPos::Left,
                        if up { VPos::Bottom } else { VPos::Top },
                    )),
                ))?;
            }
        }
    }
    if report.is_none() {
        theme::centered_message(area, th, "simulation starting…")?;
    }
    Ok(())
}
