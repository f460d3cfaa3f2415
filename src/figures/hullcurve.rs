//! Figure "hullcurve": the probability that a new sample lies in the convex hull of N training
//! samples, against N, for several dimensions d — the paper's Figure 1 (left), measured with
//! exact hull tests in the worker and, for Gaussian data, drawn exactly from the theorem.
//!
//! Left panel: P(x ∈ hull) against N on a log axis, one series per d: the exact curve of the
//! Kabluchko–Zaporozhets formula ([`crate::math::hull::exact`], Gaussian data, d ≤ 30) as a
//! thin solid line, the Monte Carlo estimates as markers with their 95 % (Wilson) bands over
//! it, and each curve's 50 % crossing marked (the exact N₅₀ where there is one, the measured
//! crossing otherwise). Right panel: N₅₀ against d on a log-N axis — the exact values for
//! every d ≤ 30, the measured crossings as markers, Wendel's N = 2d (what even the centre of
//! the law needs) and the Bárány–Füredi threshold 2^{d/2}/d, drawn for orientation and
//! labelled as what it is, an asymptotic statement (d → ∞), not the 50 % line. A target
//! dimension turns the figure into a calculator: the exact N₅₀ there (Gaussian, d ≤ 30), or
//! else an estimate from the measurements or a straight-line extrapolation, labelled as such.

use super::theme::{self, Theme};
use super::{DrawResult, Figure, Response, Table};
use crate::format::{count_from_log10, number, percent, superscript, thousands};
use crate::jobs::{JobOutput, JobSpec};
use crate::math::hull::exact::barany_furedi_threshold;
use crate::math::hull::{
    Distribution, GaussianHull, GridReport, GridSpec, InsideCount, Series, Support, MAX_EXACT_DIM,
};
use crate::math::stats::{crossing, fit_log_line, Crossing};
use crate::params::{Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const DISTS: &[(&str, &str)] = &[
    ("gauss", "Gaussian"),
    ("cube", "uniform in a cube"),
    ("ball", "uniform in a ball"),
];
/// The law of each option of [`DISTS`], in its order.
const DIST_ORDER: [Distribution; 3] = [
    Distribution::Gaussian,
    Distribution::UniformCube,
    Distribution::UniformBall,
];

/// Parameters of the curve figure.
#[derive(Clone, Debug, PartialEq)]
pub struct HullCurveParams {
    /// Largest dimension drawn (the curves are up to six dimensions ending here).
    pub dmax: u32,
    /// Largest training-set size.
    pub nmax: u32,
    /// Test points per (d, N) cell.
    pub tests: u32,
    /// Law of the points.
    pub dist: Distribution,
    /// The calculator's dimension.
    pub target: u32,
    /// Seed.
    pub seed: u32,
}

const SPECS: &[Spec] = &[
    Spec::new(
        "dmax",
        "Largest dimension d",
        Control::Int { min: 1, max: 64 },
        12.0,
        "dimensions",
    ),
    Spec::new(
        "nmax",
        "Largest training set N",
        Control::LogInt {
            min: 100,
            max: 100_000,
        },
        30_000.0,
        "points",
    ),
    Spec::new(
        "tests",
        "Test points per cell",
        Control::LogInt { min: 20, max: 500 },
        100.0,
        "points",
    ),
    Spec::new("dist", "Distribution", Control::Choice(DISTS), 0.0, ""),
    Spec::new(
        "target",
        "Calculator: target d",
        Control::Int { min: 1, max: 64 },
        20.0,
        "dimensions",
    ),
    Spec::new("seed", "Seed", Control::Seed, 1.0, ""),
];

/// Where each parameter sits in [`ParamSet::values`], by key.
mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const DMAX: usize = slot(SPECS, "dmax");
    pub const NMAX: usize = slot(SPECS, "nmax");
    pub const TESTS: usize = slot(SPECS, "tests");
    pub const DIST: usize = slot(SPECS, "dist");
    pub const TARGET: usize = slot(SPECS, "target");
    pub const SEED: usize = slot(SPECS, "seed");
}

impl ParamSet for HullCurveParams {
    const NAMESPACE: &'static str = "hc";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            dmax: v[at::DMAX] as u32,
            nmax: v[at::NMAX] as u32,
            tests: v[at::TESTS] as u32,
            dist: DIST_ORDER[(v[at::DIST] as usize).min(DIST_ORDER.len() - 1)],
            target: v[at::TARGET] as u32,
            seed: v[at::SEED] as u32,
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::DMAX] = self.dmax as f64;
        v[at::NMAX] = self.nmax as f64;
        v[at::TESTS] = self.tests as f64;
        v[at::DIST] = DIST_ORDER.iter().position(|d| *d == self.dist).unwrap_or(0) as f64;
        v[at::TARGET] = self.target as f64;
        v[at::SEED] = self.seed as f64;
        v
    }
}

/// The training-set sizes of a curve: four per decade from 2, then `nmax` itself.
///
/// ```
/// use highdim::figures::hullcurve::train_grid;
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

/// The dimensions drawn for a largest dimension `dmax`: at most six, evenly spaced with a
/// round step, ending at `dmax`.
///
/// ```
/// use highdim::figures::hullcurve::dims_for;
/// assert_eq!(dims_for(12), vec![2, 4, 6, 8, 10, 12]);
/// assert_eq!(dims_for(64), vec![4, 16, 28, 40, 52, 64]);
/// assert_eq!(dims_for(3), vec![1, 2, 3]);
/// ```
pub fn dims_for(dmax: u32) -> Vec<u32> {
    let dmax = dmax.max(1);
    let step = [1u32, 2, 3, 4, 5, 6, 8, 10, 12, 16]
        .into_iter()
        .find(|s| dmax.div_ceil(*s) <= 6)
        .unwrap_or(16);
    let mut v: Vec<u32> = (0..6)
        .map(|k| dmax as i64 - (k * step) as i64)
        .filter(|&d| d > 0)
        .map(|d| d as u32)
        .collect();
    v.reverse();
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

/// Marker shapes of the series, in the order of [`SERIES_COLORS`]: curves differ by shape
/// as well as colour, in the legend and on the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// A filled disc.
    Disc,
    /// A filled square.
    Square,
    /// A filled diamond.
    Diamond,
    /// An open ring.
    Ring,
    /// A diagonal cross.
    Cross,
    /// A filled triangle pointing down.
    Down,
}

/// The shape of series `s`.
pub(crate) const SERIES_MARKS: [Mark; 6] = [
    Mark::Disc,
    Mark::Square,
    Mark::Diamond,
    Mark::Ring,
    Mark::Cross,
    Mark::Down,
];

/// Draws marker `mark` centred at pixel `(x, y)` of `area`, `r` CSS pixels in radius.
pub(crate) fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    th: &Theme,
    (x, y): (i32, i32),
    mark: Mark,
    r: f64,
    color: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let r = th.px(r).max(2);
    match mark {
        Mark::Disc => area.draw(&Circle::new((x, y), r as u32, color.filled())),
        Mark::Ring => area.draw(&Circle::new((x, y), r as u32, th.stroke(color, 1.6))),
        Mark::Square => {
            let q = (r as f64 * 0.85).round() as i32;
            area.draw(&Rectangle::new(
                [(x - q, y - q), (x + q, y + q)],
                color.filled(),
            ))
        }
        Mark::Diamond => {
            let q = (r as f64 * 1.25).round() as i32;
            area.draw(&Polygon::new(
                vec![(x, y - q), (x + q, y), (x, y + q), (x - q, y)],
                color.filled(),
            ))
        }
        Mark::Down => {
            let q = (r as f64 * 1.2).round() as i32;
            area.draw(&Polygon::new(
                vec![(x - q, y - q * 2 / 3), (x + q, y - q * 2 / 3), (x, y + q)],
                color.filled(),
            ))
        }
        Mark::Cross => {
            let st = th.stroke(color, 2.0);
            area.draw(&PathElement::new(vec![(x - r, y - r), (x + r, y + r)], st))?;
            area.draw(&PathElement::new(vec![(x - r, y + r), (x + r, y - r)], st))
        }
    }
}

/// A legend item: its text and, for a series, its colour and marker.
type LegendItem = (String, Option<RGBColor>, Option<Mark>);

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
fn draw_legend<DB: DrawingBackend>(
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

/// The curve figure.
#[derive(Clone, Debug)]
pub struct HullCurveFigure {
    params: HullCurveParams,
    report: Option<GridReport>,
    /// The theorem, its internal angles computed once per figure.
    theorem: GaussianHull,
    /// Exact N₅₀ for d = 1..=MAX_EXACT_DIM (index d − 1), computed once per figure.
    n50: Vec<Option<u64>>,
    /// The exact curves of the dimensions drawn (Gaussian data only), recomputed when the
    /// dimensions, N or the law change; never while drawing.
    exact: ExactCurves,
}

/// The calculator's answer at the target dimension.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Estimate {
    /// The theorem's N₅₀ (Gaussian data, d ≤ 30).
    Exact(u64),
    /// Gaussian data beyond d = 30: the straight line through the exact log N₅₀ at
    /// d = 26..30, extended (an estimate).
    ExactExtrapolated(f64),
    /// Measured at that dimension (interpolated between grid sizes).
    Measured(f64),
    /// From the straight-line fit of the measured crossings; `extrapolated` when outside the
    /// measured dimensions.
    Fitted {
        /// N½.
        n: f64,
        /// Outside the range of measured dimensions.
        extrapolated: bool,
    },
    /// Not enough measured crossings yet.
    Unavailable,
}

impl HullCurveFigure {
    /// The dimensions drawn.
    pub fn dims(&self) -> Vec<u32> {
        dims_for(self.params.dmax)
    }

    /// The job's grid for the current parameters.
    pub fn spec(&self) -> GridSpec {
        let p = &self.params;
        GridSpec {
            series: self
                .dims()
                .into_iter()
                .map(|dim| Series {
                    dim,
                    support: Support::Full,
                })
                .collect(),
            train: train_grid(p.nmax),
            tests: p.tests,
            distribution: p.dist,
            seed: p.seed as u64,
        }
    }

    fn gaussian(&self) -> bool {
        self.params.dist == Distribution::Gaussian
    }

    /// The exact N₅₀ at dimension `d`, when the theorem applies (Gaussian data, d ≤ 30).
    pub fn exact_n50(&self, d: u32) -> Option<u64> {
        if !self.gaussian() || d == 0 {
            return None;
        }
        self.n50.get(d as usize - 1).copied().flatten()
    }

    /// The exact curves for the current parameters.
    fn exact_curves(&self) -> ExactCurves {
        if !self.gaussian() {
            return ExactCurves::default();
        }
        let dims: Vec<Option<u32>> = self.dims().into_iter().map(Some).collect();
        let train = train_grid(self.params.nmax);
        let range = (train[0], *train.last().unwrap_or(&train[0]));
        ExactCurves::gaussian(&self.theorem, &dims, range, |d| self.exact_n50(d))
    }

    fn current(&self) -> Option<&GridReport> {
        self.report.as_ref()
    }

    /// The measured crossing of every dimension drawn.
    pub fn crossings(&self) -> Vec<(u32, Crossing)> {
        let dims = self.dims();
        match self.current() {
            None => dims.into_iter().map(|d| (d, Crossing::Pending)).collect(),
            Some(r) => dims
                .into_iter()
                .enumerate()
                .map(|(s, d)| (d, series_crossing(r, s)))
                .collect(),
        }
    }

    fn measured(&self) -> Vec<(f64, f64)> {
        self.crossings()
            .into_iter()
            .filter_map(|(d, c)| match c {
                Crossing::Measured(n) => Some((d as f64, n)),
                _ => None,
            })
            .collect()
    }

    /// The exact N₅₀ against d, as points, for every d ≤ 30 the theorem covers.
    fn exact_line(&self) -> Vec<(f64, f64)> {
        (1..=MAX_EXACT_DIM)
            .filter_map(|d| self.exact_n50(d).map(|n| (d as f64, n as f64)))
            .collect()
    }

    /// The straight line `log10 N₅₀ = a + b·d` through the exact values at d = 26..30: the
    /// extrapolation beyond the formula's range.
    fn exact_tail_fit(&self) -> Option<(f64, f64)> {
        let tail: Vec<(f64, f64)> = self
            .exact_line()
            .into_iter()
            .filter(|p| p.0 >= (MAX_EXACT_DIM - 4) as f64)
            .collect();
        fit_log_line(&tail)
    }

    /// The calculator: N₅₀ at the target dimension.
    pub fn estimate(&self) -> Estimate {
        let t = self.params.target;
        if self.gaussian() {
            if let Some(n) = self.exact_n50(t) {
                return Estimate::Exact(n);
            }
            if let Some((a, b)) = self.exact_tail_fit() {
                return Estimate::ExactExtrapolated(10f64.powf(a + b * t as f64));
            }
        }
        if let Some((_, Crossing::Measured(n))) =
            self.crossings().into_iter().find(|(d, _)| *d == t)
        {
            return Estimate::Measured(n);
        }
        let pts = self.measured();
        match fit_log_line(&pts) {
            Some((a, b)) if b > 0.0 => {
                let lo = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
                let hi = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
                Estimate::Fitted {
                    n: 10f64.powf(a + b * t as f64),
                    extrapolated: (t as f64) < lo || (t as f64) > hi,
                }
            }
            _ => Estimate::Unavailable,
        }
    }

    /// How many finished cells have the exact value inside their 95 % band, of how many
    /// have an exact value.
    pub fn coverage(&self) -> (usize, usize) {
        match self.current() {
            Some(r) if self.gaussian() => {
                let dims: Vec<Option<u32>> = self.dims().into_iter().map(Some).collect();
                self.exact.covered(r, &self.theorem, &dims)
            }
            _ => (0, 0),
        }
    }

    fn dist_words(&self) -> &'static str {
        match self.params.dist {
            Distribution::Gaussian => "Gaussian",
            Distribution::UniformCube => "uniform-in-a-cube",
            Distribution::UniformBall => "uniform-in-a-ball",
        }
    }

    fn draw_crossings<DB: DrawingBackend>(
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

    /// The caption's account of the theorem and of the simulation against it (Gaussian).
    fn exact_summary(&self, s: &mut String) {
        let dims = self.dims();
        let with: Vec<(u32, u64)> = dims
            .iter()
            .filter_map(|&d| self.exact_n50(d).map(|n| (d, n)))
            .collect();
        match (with.first(), with.last()) {
            (Some(&(d0, n0)), Some(&(d1, n1))) if d1 > d0 => {
                let per = (n1 as f64 / n0 as f64).powf(1.0 / (d1 - d0) as f64);
                s.push_str(&format!(
                    " Exact (Kabluchko–Zaporozhets theorem): an even chance that a new sample is inside the hull takes N₅₀ = {} training samples at d = {d0} and N₅₀ = {} at d = {d1}, about ×{} per extra dimension; even the centre of the law needs N = 2d (Wendel).",
                    thousands(n0 as i64),
                    thousands(n1 as i64),
                    number(per, 2)
                ));
            }
            (Some(&(d0, n0)), _) => s.push_str(&format!(
                " Exact (Kabluchko–Zaporozhets theorem): an even chance that a new sample is inside the hull takes N₅₀ = {} training samples at d = {d0}.",
                thousands(n0 as i64)
            )),
            _ => {}
        }
        if dims.iter().any(|&d| d > MAX_EXACT_DIM) {
            s.push_str(" Exact curves are drawn up to d = 30, where the formula is evaluated.");
        }
        let (inside, total) = self.coverage();
        if total > 0 {
            s.push_str(&format!(
                " The simulation agrees: the exact value lies inside the 95% band in {inside} of {total} cells."
            ));
        }
    }
}

impl Figure for HullCurveFigure {
    type Params = HullCurveParams;
    const KIND: &'static str = "hullcurve";
    const TITLE: &'static str = "The chance of interpolating, against N and d";

    fn new(params: HullCurveParams) -> Self {
        let theorem = GaussianHull::new();
        let n50 = (1..=MAX_EXACT_DIM)
            .map(|d| theorem.n50(d).ok().flatten())
            .collect();
        let mut f = Self {
            params,
            report: None,
            theorem,
            n50,
            exact: ExactCurves::default(),
        };
        f.exact = f.exact_curves();
        f
    }

    fn params(&self) -> &HullCurveParams {
        &self.params
    }

    fn set_params(&mut self, params: HullCurveParams) {
        let old = std::mem::replace(&mut self.params, params);
        if (old.dmax, old.nmax, old.dist) != (self.params.dmax, self.params.nmax, self.params.dist)
        {
            self.exact = self.exact_curves();
        }
        if self.report.as_ref().is_some_and(|r| r.spec != self.spec()) {
            self.report = None;
        }
    }

    fn summary(&self) -> String {
        let p = &self.params;
        let spec = self.spec();
        let cells = spec.series.len() * spec.train.len();
        let done = self
            .current()
            .map(|r| r.cells.iter().flatten().filter(|c| c.is_some()).count())
            .unwrap_or(0);
        let mut s = format!(
            "{} data, N from 2 to {}, {} test points per (d, N), each tested against its own freshly drawn training set",
            match self.params.dist {
                Distribution::Gaussian => "Gaussian",
                Distribution::UniformCube => "Uniform-in-a-cube",
                Distribution::UniformBall => "Uniform-in-a-ball",
            },
            thousands(p.nmax as i64),
            p.tests
        );
        if done < cells {
            s.push_str(&format!(": simulating, {done} of {cells} cells done"));
        }
        s.push('.');
        if self.gaussian() {
            self.exact_summary(&mut s);
        } else {
            let measured = self.measured();
            match (measured.first(), measured.last()) {
                (Some(a), Some(b)) if measured.len() >= 2 => {
                    s.push_str(&format!(
                        " An even chance that a new sample is inside the hull takes about N ≈ {} at d = {} but N ≈ {} at d = {} (measured, interpolated on log N)",
                        count_from_log10(a.1.log10()),
                        a.0,
                        count_from_log10(b.1.log10()),
                        b.0
                    ));
                    if let Some((_, slope)) = fit_log_line(&measured) {
                        s.push_str(&format!(
                            ": about ×{} samples per extra dimension, an exponential law",
                            number(10f64.powf(slope), 2)
                        ));
                    }
                    s.push('.');
                }
                (Some(a), _) => s.push_str(&format!(
                    " At d = {} an even chance of interpolating takes about N ≈ {} (measured).",
                    a.0,
                    count_from_log10(a.1.log10())
                )),
                _ => {}
            }
            s.push_str(" No exact formula is known for this law; Gaussian data have one.");
        }
        let beyond: Vec<String> = self
            .crossings()
            .into_iter()
            .filter(|(_, c)| matches!(c, Crossing::Beyond(_)))
            .map(|(d, _)| d.to_string())
            .collect();
        if !beyond.is_empty() {
            s.push_str(&format!(
                " For d = {} even N = {} is not enough.",
                beyond.join(", "),
                thousands(p.nmax as i64)
            ));
        }
        match self.estimate() {
            Estimate::Exact(n) => s.push_str(&format!(
                " Calculator: at d = {} an even chance of interpolating needs N = {} training samples (exact).",
                p.target,
                thousands(n as i64)
            )),
            Estimate::ExactExtrapolated(n) => s.push_str(&format!(
                " Calculator: at d = {} an even chance of interpolating would need about N = {} training samples (extrapolated along the straight line through the exact values at d = 26 to 30: an estimate).",
                p.target,
                count_from_log10(n.log10())
            )),
            Estimate::Measured(n) => s.push_str(&format!(
                " Calculator: at d = {} you need about N = {} samples for an even chance of interpolating (measured; an estimate from {} test points per N).",
                p.target,
                count_from_log10(n.log10()),
                p.tests
            )),
            Estimate::Fitted { n, extrapolated } => s.push_str(&format!(
                " Calculator: at d = {} you would need about N = {} samples for an even chance of interpolating ({} from the measured 50% points: an estimate).",
                p.target,
                count_from_log10(n.log10()),
                if extrapolated {
                    "extrapolated along the straight line"
                } else {
                    "read off the straight line"
                }
            )),
            Estimate::Unavailable if done == cells => s.push_str(&format!(
                " Calculator: d = {} needs at least two measured 50% points to estimate.",
                p.target
            )),
            Estimate::Unavailable => {}
        }
        s
    }

    fn description(&self) -> String {
        let exact = if self.gaussian() {
            " The exact curves of the theorem are thin lines under the simulated points."
        } else {
            ""
        };
        format!(
            "Two charts. Left: the probability that a new sample is inside the convex hull of N \
             training samples against N on a logarithmic axis, for d = {}, with 95% bands and the \
             50% crossing of each curve marked.{exact} Right: the N needed for a 50% chance against \
             d, on a logarithmic axis, with {}the simulated crossings, the calculator's target \
             d = {}, Wendel's N = 2d dotted and the Bárány–Füredi asymptotic threshold dashed.",
            self.dims()
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            if self.gaussian() {
                "the exact values for every d up to 30, "
            } else {
                "a straight-line fit, "
            },
            self.params.target
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        if theme::stacked(width) {
            // Stacked, each panel's legend takes several rows: room for both charts.
            (width * 2.0).clamp(560.0, 900.0)
        } else {
            theme::two_panel_height(width, 0.48)
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let (left, right) = theme::two_panels(root, th.scale, 0.55);
        let labels: Vec<String> = self.dims().iter().map(|d| format!("d = {d}")).collect();
        draw_probability_panel(
            &left,
            &th,
            &format!("P(new sample in the hull), {} data", self.dist_words()),
            &self.spec(),
            self.current(),
            &labels,
            &self.exact,
            None,
        )?;
        self.draw_crossings(&right, &th)?;
        root.present()?;
        Ok(())
    }

    fn job(&self) -> Option<JobSpec> {
        match self.current() {
            Some(r) if r.is_complete() => None,
            _ => Some(JobSpec::HullGrid(self.spec())),
        }
    }

    fn accept(&mut self, output: &JobOutput) {
        if let JobOutput::HullGrid(r) = output {
            if r.spec == self.spec() {
                self.report = Some(r.clone());
            }
        }
    }

    fn key(&mut self, key: &str) -> Response {
        let t = self.params.target;
        let nt = match key {
            "ArrowRight" | "ArrowUp" => (t + 1).min(64),
            "ArrowLeft" | "ArrowDown" => t.saturating_sub(1).max(1),
            _ => return Response::NONE,
        };
        if nt == t {
            return Response::NONE;
        }
        self.params.target = nt;
        Response::PARAMS
    }

    fn keyboard_help(&self) -> &'static str {
        "On the charts: ← → move the calculator's target d."
    }

    fn table(&self) -> Option<Table> {
        let labels: Vec<String> = self.dims().iter().map(|d| format!("d = {d}")).collect();
        let dims = self.dims();
        let exact = |s: usize, n: f64| -> Option<f64> {
            let d = *dims.get(s)?;
            self.theorem.p_inside(d, n as u64).ok()
        };
        grid_table(
            format!(
                "P(x in hull) against the number of training points N, {} data",
                self.dist_words()
            ),
            "series",
            &labels,
            self.current()?,
            self.gaussian()
                .then_some(&exact as &dyn Fn(usize, f64) -> Option<f64>),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::table::Cell;
    use crate::jobs::run_to_end;

    fn small() -> HullCurveParams {
        HullCurveParams {
            dmax: 6,
            nmax: 1000,
            tests: 60,
            ..HullCurveParams::defaults()
        }
    }

    #[test]
    fn grids() {
        assert_eq!(train_grid(100_000).last(), Some(&100_000));
        let g = train_grid(20_000);
        assert!(g.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(*g.last().unwrap(), 20_000);
        assert!(g.contains(&10_000) && !g.contains(&17_783), "{g:?}");
        assert_eq!(train_grid(1), vec![2]);
        assert_eq!(dims_for(1), vec![1]);
        assert_eq!(dims_for(7), vec![1, 3, 5, 7]);
        assert_eq!(dims_for(6), vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(dims_for(13), vec![1, 4, 7, 10, 13]);
        for d in 1..=64 {
            let v = dims_for(d);
            assert!(v.len() <= 6 && *v.last().unwrap() == d && v[0] >= 1);
        }
    }

    #[test]
    fn job_accept_and_stale_outputs() {
        let mut f = HullCurveFigure::new(small());
        let spec = f.job().expect("a job");
        assert!(matches!(&spec, JobSpec::HullGrid(g) if g.series.len() == 6 && g.tests == 60));
        assert!(f.summary().contains("simulating, 0 of"), "{}", f.summary());
        let out = run_to_end(&spec).unwrap();
        // A result for other parameters is ignored.
        let mut other = f.clone();
        other.set_params(HullCurveParams { seed: 9, ..small() });
        other.accept(&out);
        assert!(other.current().is_none());
        f.accept(&out);
        assert!(f.job().is_none());
        // Changing only the target keeps the result: no new computation.
        f.set_params(HullCurveParams {
            target: 9,
            ..small()
        });
        assert!(f.job().is_none());
        let c = f.crossings();
        assert!(
            matches!(c[0], (1, Crossing::Measured(n)) if n < 6.0),
            "{c:?}"
        );
        // Gaussian data: the calculator gives the theorem's N₅₀.
        let exact = GaussianHull::new();
        let n9 = exact.n50(9).unwrap().unwrap();
        assert_eq!(f.estimate(), Estimate::Exact(n9));
        let s = f.summary();
        assert!(s.contains("per extra dimension"), "{s}");
        assert!(
            s.contains(&format!(
                "at d = 9 an even chance of interpolating needs N = {} training samples (exact)",
                thousands(n9 as i64)
            )),
            "{s}"
        );
        assert!(s.contains("inside the 95% band in"), "{s}");
        // Beyond d = 30: the straight line through the exact values, labelled an estimate.
        f.set_params(HullCurveParams {
            target: 40,
            ..small()
        });
        let Estimate::ExactExtrapolated(n40) = f.estimate() else {
            panic!("{:?}", f.estimate())
        };
        let n30 = exact.n50(30).unwrap().unwrap() as f64;
        assert!(n40 > 50.0 * n30 && n40 < 1e4 * n30, "{n40:e}");
        assert!(f
            .summary()
            .contains("extrapolated along the straight line through the exact values"));
    }

    #[test]
    fn without_a_theorem_the_calculator_reads_the_measurements() {
        let cube = HullCurveParams {
            dist: Distribution::UniformCube,
            target: 9,
            ..small()
        };
        let mut f = HullCurveFigure::new(cube.clone());
        assert!(f.exact.curves.is_empty() && f.exact_n50(4).is_none());
        f.accept(&run_to_end(&f.job().unwrap()).unwrap());
        let s = f.summary();
        assert!(s.contains("at d = 9 you would need about N ="), "{s}");
        assert!(s.contains("extrapolated"), "{s}");
        assert!(s.contains("No exact formula is known for this law"), "{s}");
        // The target at a measured dimension reads the measurement.
        f.set_params(HullCurveParams { target: 3, ..cube });
        assert!(matches!(f.estimate(), Estimate::Measured(_)));
        assert!(
            f.summary().contains("(measured; an estimate"),
            "{}",
            f.summary()
        );
        assert_eq!(f.table().unwrap().columns.len(), 8, "no exact column");
    }

    #[test]
    fn exact_curves_follow_the_theorem_and_are_drawn_at_once() {
        let f = HullCurveFigure::new(small());
        let exact = GaussianHull::new();
        assert_eq!(f.exact.curves.len(), 6);
        for (s, d) in f.dims().into_iter().enumerate() {
            let curve = &f.exact.curves[s];
            assert!(curve.len() > 40, "d = {d}");
            assert!(curve
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1 + 1e-12));
            for &(n, p) in curve {
                assert_eq!(p, exact.p_inside(d, n as u64).unwrap());
            }
            assert_eq!(f.exact.n50[s], exact.n50(d).unwrap());
            // Zero up to N = d, positive just after.
            assert!(curve.iter().any(|&(n, p)| n == d as f64 && p == 0.0) || d < 2);
        }
        // Drawn before any simulation: one thin line per dimension.
        let svg =
            crate::figures::render_svg(&crate::figures::AnyFigure::HullCurve(f.clone()), 900, 430)
                .unwrap();
        assert!(svg.matches("<polyline").count() >= 6, "exact lines missing");
        assert!(svg.contains("simulation starting"));
        // Dimensions past 30 have no exact curve; the caption says so.
        let big = HullCurveFigure::new(HullCurveParams {
            dmax: 40,
            ..small()
        });
        assert_eq!(big.dims(), vec![8, 16, 24, 32, 40]);
        assert!(big.exact.curves[3].is_empty() && !big.exact.curves[2].is_empty());
        assert!(big
            .summary()
            .contains("Exact curves are drawn up to d = 30"));
    }

    #[test]
    fn the_table_carries_the_exact_value_beside_each_estimate() {
        let mut f = HullCurveFigure::new(small());
        f.accept(&run_to_end(&f.job().unwrap()).unwrap());
        let t = f.table().unwrap();
        assert_eq!(t.columns.len(), 9);
        let exact = GaussianHull::new();
        for row in &t.rows {
            let (Cell::Num(d), Cell::Num(n), Cell::Num(p)) = (&row[1], &row[2], &row[8]) else {
                panic!("{row:?}")
            };
            assert_eq!(*p, exact.p_inside(*d as u32, *n as u64).unwrap());
        }
        let (inside, total) = f.coverage();
        assert_eq!(total, t.rows.len());
        assert!(inside <= total);
    }

    #[test]
    fn keys_move_the_target() {
        let mut f = HullCurveFigure::new(small());
        assert!(f.key("ArrowRight").params_changed);
        assert_eq!(f.params().target, 21);
        f.set_params(HullCurveParams {
            target: 1,
            ..small()
        });
        assert_eq!(f.key("ArrowLeft"), Response::NONE);
        assert_eq!(f.key("x"), Response::NONE);
    }
}
