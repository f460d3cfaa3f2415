//! Figure "definitions2d": what counts as interpolation depends on the definition. One 2-D
//! training sample with every region of [`crate::math::definitions`] drawn over each other —
//! the convex hull (solid outline, shaded), the bounding box (short dashes), the
//! minimum-volume enclosing ellipse (long dashes), the ball around the mean (dots) and the
//! cross-shaped "any coordinate in range" band (tinted) — and a test point the reader
//! drags (or moves with the arrow keys). The caption says which definitions call the point
//! interpolation, from the verdicts of the core's membership tests (not from the drawing).
//!
//! Degenerate samples draw and explain themselves: one point (every region is that point,
//! the band two lines), two points or collinear points (the hull and the ellipse are flat
//! segments with no area).

use crate::figures::theme::{self, Theme};
use crate::figures::{Cell, DrawResult, Figure, Pointer, PointerPhase, Response, Table};
use crate::format::thousands;
use crate::math::definitions::{fit, Definition, FitOptions, FittedRegion, Region};
use crate::math::hull::convex_polygon;
use crate::math::rng::Rng;
use crate::params::{choices, Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

choices! {
    /// The point laws of the figure.
    Law, LAWS;
    /// Standard normal in the plane.
    Gaussian => ("gauss", "Gaussian"),
    /// Uniform in the square `[−2.5, 2.5]²`.
    Uniform => ("uniform", "uniform in a square"),
    /// Gaussian positions along one line (a degenerate, flat sample).
    Line => ("line", "on a line (degenerate)"),
}

/// Half-width of the visible square, in data units.
pub const VIEW: f64 = 4.0;
/// How far an arrow key moves the test point.
pub const KEY_STEP: f64 = 0.1;

/// Parameters of the figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Definitions2dParams {
    /// Number of training points.
    pub n: u32,
    /// Law of the training points.
    pub law: Law,
    /// Seed.
    pub seed: u32,
    /// The test point's first coordinate.
    pub x: f64,
    /// The test point's second coordinate.
    pub y: f64,
}

const SPECS: &[Spec] = &[
    Spec::new(
        "n",
        "Training points N",
        Control::LogInt { min: 1, max: 1000 },
        30.0,
        "points",
    ),
    Spec::new("dist", "Distribution", Control::Choice(LAWS), 0.0, ""),
    Spec::new("seed", "Seed", Control::Seed, 1.0, ""),
    Spec::new(
        "x",
        "Test point x",
        Control::Float {
            min: -VIEW,
            max: VIEW,
            step: 0.01,
        },
        1.9,
        "",
    ),
    Spec::new(
        "y",
        "Test point y",
        Control::Float {
            min: -VIEW,
            max: VIEW,
            step: 0.01,
        },
        -2.3,
        "",
    ),
];

/// Where each parameter sits in [`ParamSet::values`], by key.
mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const N: usize = slot(SPECS, "n");
    pub const DIST: usize = slot(SPECS, "dist");
    pub const SEED: usize = slot(SPECS, "seed");
    pub const X: usize = slot(SPECS, "x");
    pub const Y: usize = slot(SPECS, "y");
}

impl ParamSet for Definitions2dParams {
    const NAMESPACE: &'static str = "d2";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            n: v[at::N] as u32,
            law: Law::from_index(v[at::DIST] as usize),
            seed: v[at::SEED] as u32,
            x: v[at::X],
            y: v[at::Y],
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::N] = self.n as f64;
        v[at::DIST] = self.law.index() as f64;
        v[at::SEED] = self.seed as f64;
        v[at::X] = self.x;
        v[at::Y] = self.y;
        v
    }
}

type P2 = [f64; 2];

/// The training points of `params` (seed stream 0).
pub fn training_points(params: &Definitions2dParams) -> Vec<P2> {
    let mut rng = Rng::stream(params.seed as u64, 0);
    (0..params.n)
        .map(|_| match params.law {
            Law::Gaussian => [rng.normal(), rng.normal()],
            Law::Uniform => [rng.uniform_in(-2.5, 2.5), rng.uniform_in(-2.5, 2.5)],
            Law::Line => {
                let t = 1.2 * rng.normal();
                [t, 0.6 * t + 0.3]
            }
        })
        .collect()
}

/// How each definition is drawn: colour, stroke width and dash pattern (dash, gap in CSS
/// px; `None` solid). Meaning never rests on colour alone: the patterns differ and the
/// legend names each one.
fn style_of(def: Definition) -> (RGBColor, f64, Option<(f64, f64)>) {
    match def {
        Definition::Hull => (theme::BLUE, 2.5, None),
        Definition::BoundingBox => (theme::VERMILLION, 2.0, Some((8.0, 5.0))),
        Definition::AnyCoordinate => (theme::GREEN, 1.2, None),
        Definition::Ellipsoid => (theme::PURPLE, 2.4, Some((18.0, 6.0))),
        Definition::Ball => (theme::INK, 1.8, Some((2.0, 4.0))),
    }
}

/// The noun phrase of a definition in captions.
pub fn region_name(def: Definition) -> &'static str {
    match def {
        Definition::Hull => "the hull",
        Definition::BoundingBox => "the box",
        Definition::AnyCoordinate => "the any-coordinate band",
        Definition::Ellipsoid => "the ellipsoid",
        Definition::Ball => "the ball",
    }
}

fn legend_name(def: Definition) -> &'static str {
    match def {
        Definition::Hull => "convex hull",
        Definition::BoundingBox => "bounding box",
        Definition::AnyCoordinate => "any coordinate in range",
        Definition::Ellipsoid => "min-volume ellipsoid",
        Definition::Ball => "ball around the mean",
    }
}

/// "a", "a and b", "a, b and c".
fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [a] => (*a).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Where things sit in a `w × h` CSS-pixel canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Layout {
    /// Left, top and side of the square plot.
    x0: f64,
    y0: f64,
    side: f64,
    /// Top-left corner of the legend.
    lx: f64,
    ly: f64,
}

const LEGEND_W: f64 = 250.0;
const LEGEND_ROW: f64 = 19.0;

fn layout(w: f64, h: f64) -> Layout {
    let top = 30.0;
    if w >= 620.0 {
        let side = (h - top - 16.0).min(w - 24.0 - LEGEND_W).max(20.0);
        let x0 = ((w - side - LEGEND_W) / 2.0).max(8.0);
        Layout {
            x0,
            y0: top,
            side,
            lx: x0 + side + 18.0,
            ly: top + 8.0,
        }
    } else {
        let legend_h = LEGEND_ROW * 5.0 + 14.0;
        let side = (h - top - legend_h - 10.0).min(w - 24.0).max(20.0);
        let x0 = (w - side) / 2.0;
        Layout {
            x0,
            y0: top,
            side,
            lx: x0.max(8.0),
            ly: top + side + 10.0,
        }
    }
}

/// The regions figure.
#[derive(Clone, Debug)]
pub struct Definitions2dFigure {
    params: Definitions2dParams,
    train: Vec<P2>,
    /// One fitted region (or the reason it could not be fitted) per definition, in the
    /// order of [`Definition::ALL`].
    regions: Vec<Result<FittedRegion, String>>,
    polygon: Vec<P2>,
    dragging: bool,
}

impl Definitions2dFigure {
    fn recompute(&mut self) {
        self.train = training_points(&self.params);
        let data: Vec<f64> = self.train.iter().flatten().copied().collect();
        let opts = FitOptions::default();
        self.regions = Definition::ALL
            .iter()
            .map(|&def| fit(def, 2, &data, &opts).map_err(|e| e.to_string()))
            .collect();
        self.polygon = convex_polygon(&self.train);
    }

    /// The test point.
    pub fn point(&self) -> P2 {
        [self.params.x, self.params.y]
    }

    /// The training points.
    pub fn points(&self) -> &[P2] {
        &self.train
    }

    /// The verdict of every definition for the test point, in the order of
    /// [`Definition::ALL`]: `Some(true)` inside (interpolation), `None` when the region
    /// could not be fitted.
    pub fn verdicts(&self) -> Vec<(Definition, Option<bool>)> {
        let x = self.point();
        Definition::ALL
            .iter()
            .zip(&self.regions)
            .map(|(&d, r)| (d, r.as_ref().ok().and_then(|r| r.contains(&x).ok())))
            .collect()
    }

    /// The fitted region of `def`, if it could be fitted.
    pub fn region(&self, def: Definition) -> Option<&FittedRegion> {
        Definition::ALL
            .iter()
            .position(|&d| d == def)
            .and_then(|i| self.regions.get(i))
            .and_then(|r| r.as_ref().ok())
    }

    /// The dimension of the data's affine span (0 a point, 1 a line, 2 the plane), from the
    /// ellipse fit.
    pub fn affine_rank(&self) -> Option<usize> {
        match self.region(Definition::Ellipsoid) {
            Some(FittedRegion::Ellipsoid(e)) => Some(e.rank()),
            _ => None,
        }
    }

    fn set_point(&mut self, x: f64, y: f64) -> Response {
        let r = |v: f64| ((v * 100.0).round() / 100.0).clamp(-VIEW, VIEW);
        let (x, y) = (r(x), r(y));
        if x == self.params.x && y == self.params.y {
            return Response::NONE;
        }
        self.params.x = x;
        self.params.y = y;
        Response::PARAMS
    }

    fn to_data(p: &Pointer, pin: bool) -> Option<P2> {
        let l = layout(p.width, p.height);
        let u = (p.x - l.x0) / l.side;
        let v = (p.y - l.y0) / l.side;
        if !pin && (!(-0.02..=1.02).contains(&u) || !(-0.02..=1.02).contains(&v)) {
            return None;
        }
        let c = |t: f64| (t.clamp(0.0, 1.0) * 2.0 - 1.0) * VIEW;
        Some([c(u), -c(v)])
    }

    /// The boundary of the fitted ellipse as a closed polyline (a segment when flat, one
    /// point when all points coincide).
    fn ellipse_path(&self) -> Vec<(f64, f64)> {
        let Some(FittedRegion::Ellipsoid(e)) = self.region(Definition::Ellipsoid) else {
            return Vec::new();
        };
        let c = e.centre();
        let k = e.rank();
        let f = e.axes();
        match k {
            0 => vec![(c[0], c[1])],
            1 => vec![(c[0] - f[0], c[1] - f[1]), (c[0] + f[0], c[1] + f[1])],
            _ => (0..=160)
                .map(|i| {
                    let t = i as f64 / 160.0 * std::f64::consts::TAU;
                    let (s, co) = t.sin_cos();
                    (c[0] + f[0] * co + f[1] * s, c[1] + f[k] * co + f[k + 1] * s)
                })
                .collect(),
        }
    }
}

/// Draws a polyline in data coordinates, solid or dashed.
fn stroke_path<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    th: &Theme,
    pts: Vec<(f64, f64)>,
    def: Definition,
) -> DrawResult
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    let (color, width, dash) = style_of(def);
    let style = th.stroke(color, width);
    match dash {
        None => {
            chart.draw_series(std::iter::once(PathElement::new(pts, style)))?;
        }
        Some((on, off)) => {
            chart.draw_series(DashedLineSeries::new(
                pts,
                th.upx(on).max(1),
                th.upx(off).max(1),
                style,
            ))?;
        }
    }
    Ok(())
}

impl Figure for Definitions2dFigure {
    type Params = Definitions2dParams;
    const KIND: &'static str = "definitions2d";
    const TITLE: &'static str = "Five definitions of interpolation on one sample";

    fn new(params: Definitions2dParams) -> Self {
        let mut f = Self {
            params,
            train: Vec::new(),
            regions: Vec::new(),
            polygon: Vec::new(),
            dragging: false,
        };
        f.recompute();
        f
    }

    fn params(&self) -> &Definitions2dParams {
        &self.params
    }

    fn set_params(&mut self, params: Definitions2dParams) {
        let refit = params.n != self.params.n
            || params.law != self.params.law
            || params.seed != self.params.seed;
        self.params = params;
        if refit || self.regions.is_empty() {
            self.recompute();
        }
    }

    fn summary(&self) -> String {
        let [x, y] = self.point();
        let verdicts = self.verdicts();
        let inside: Vec<&str> = verdicts
            .iter()
            .filter(|v| v.1 == Some(true))
            .map(|v| region_name(v.0))
            .collect();
        let outside: Vec<&str> = verdicts
            .iter()
            .filter(|v| v.1 == Some(false))
            .map(|v| region_name(v.0))
            .collect();
        let total = verdicts.iter().filter(|v| v.1.is_some()).count();
        let mut s = format!("Test point ({x:.2}, {y:.2}): ");
        s.push_str(&match (inside.len(), outside.len()) {
            (0, _) => format!(
                "outside every region, even the any-coordinate band — extrapolation under all {total} definitions"
            ),
            (_, 0) => format!(
                "inside every region, the hull included — interpolation under all {total} definitions"
            ),
            (i, _) => format!(
                "inside {}, outside {} — interpolation under {i} of the {total} definitions",
                join(&inside),
                join(&outside)
            ),
        });
        s.push('.');
        if verdicts
            .iter()
            .any(|v| v.0 == Definition::Hull && v.1 == Some(false))
            && verdicts
                .iter()
                .any(|v| v.0 == Definition::Ellipsoid && v.1 == Some(true))
        {
            s.push_str(" The paper's definition calls it extrapolation; LeCun's ellipsoid calls it interpolation.");
        }
        let n = self.train.len();
        s.push_str(&format!(
            " {} {} training point{}.",
            thousands(n as i64),
            match self.params.law {
                Law::Gaussian => "Gaussian",
                Law::Uniform => "uniform",
                Law::Line => "collinear",
            },
            if n == 1 { "" } else { "s" }
        ));
        for (def, r) in Definition::ALL.iter().zip(&self.regions) {
            if let Err(e) = r {
                s.push_str(&format!(" {} could not be fitted: {e}.", region_name(*def)));
            }
        }
        match self.affine_rank() {
            Some(0) => s.push_str(
                " With a single point (or identical points) the hull, box, ellipse and ball are that point and the any-coordinate band is the two lines through it: nothing else is inside.",
            ),
            Some(1) => s.push_str(
                " The points lie on one line, so the hull and the ellipsoid are flat segments with no area: a point off the line is outside both, while the box and the ball still have area.",
            ),
            _ => {}
        }
        s
    }

    fn description(&self) -> String {
        let v = self.verdicts();
        let words: Vec<String> = v
            .iter()
            .map(|(d, b)| {
                format!(
                    "{}: {}",
                    legend_name(*d),
                    match b {
                        Some(true) => "inside",
                        Some(false) => "outside",
                        None => "not available",
                    }
                )
            })
            .collect();
        format!(
            "A square plot of {} training points with five regions drawn over each other: the \
             convex hull (shaded, solid outline), the bounding box (short dashes), the \
             minimum-volume enclosing ellipse (long dashes), the ball around the mean (dots) \
             and the cross-shaped band where at least one coordinate is in range (tinted). A \
             test point at ({:.2}, {:.2}) is marked with a ring; {}.",
            self.train.len(),
            self.params.x,
            self.params.y,
            words.join("; ")
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        if width < 620.0 {
            (width + 150.0).max(360.0)
        } else {
            (width * 0.62).clamp(360.0, 560.0)
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let (w, h) = root.dim_in_pixel();
        let (cw, ch) = (w as f64 / th.scale, h as f64 / th.scale);
        let l = layout(cw, ch);
        let sq = root
            .clone()
            .shrink((th.px(l.x0), th.px(l.y0)), (th.upx(l.side), th.upx(l.side)));
        let mut chart = ChartBuilder::on(&sq).build_cartesian_2d(-VIEW..VIEW, -VIEW..VIEW)?;
        // The any-coordinate band: the union of the vertical and horizontal strips.
        if let Some(FittedRegion::AnyCoordinate(a)) = self.region(Definition::AnyCoordinate) {
            let (lo, hi) = (a.ranges().lo(), a.ranges().hi());
            let (x0, x1, y0, y1) = (lo[0], hi[0], lo[1], hi[1]);
            let tint = theme::GREEN.mix(0.10).filled();
            let v = VIEW * 1.5;
            chart.draw_series([
                Rectangle::new([(x0, -v), (x1, v)], tint),
                Rectangle::new([(-v, y0), (x0, y1)], tint),
                Rectangle::new([(x1, y0), (v, y1)], tint),
            ])?;
            for arm in [
                vec![(x0, v), (x0, y1), (-v, y1)],
                vec![(-v, y0), (x0, y0), (x0, -v)],
                vec![(x1, -v), (x1, y0), (v, y0)],
                vec![(v, y1), (x1, y1), (x1, v)],
            ] {
                stroke_path(&mut chart, &th, arm, Definition::AnyCoordinate)?;
            }
        }
        // The hull: shaded, firm outline (a segment or a point when degenerate).
        if self.polygon.len() >= 3 {
            let poly: Vec<(f64, f64)> = self.polygon.iter().map(|p| (p[0], p[1])).collect();
            chart.draw_series(std::iter::once(Polygon::new(
                poly.clone(),
                theme::SKY.mix(0.25),
            )))?;
            let mut ring = poly;
            ring.push(ring[0]);
            stroke_path(&mut chart, &th, ring, Definition::Hull)?;
        } else if self.polygon.len() == 2 {
            let seg = self.polygon.iter().map(|p| (p[0], p[1])).collect();
            stroke_path(&mut chart, &th, seg, Definition::Hull)?;
        }
        // The ball.
        if let Some(FittedRegion::Ball(b)) = self.region(Definition::Ball) {
            let (c, r) = (b.centre(), b.radius());
            if r > 0.0 {
                let ring: Vec<(f64, f64)> = (0..=160)
                    .map(|i| {
                        let t = i as f64 / 160.0 * std::f64::consts::TAU;
                        (c[0] + r * t.cos(), c[1] + r * t.sin())
                    })
                    .collect();
                stroke_path(&mut chart, &th, ring, Definition::Ball)?;
            }
        }
        // The ellipse (flat: a segment).
        let ellipse = self.ellipse_path();
        if ellipse.len() >= 2 {
            stroke_path(&mut chart, &th, ellipse, Definition::Ellipsoid)?;
        }
        // The box.
        if let Some(FittedRegion::BoundingBox(b)) = self.region(Definition::BoundingBox) {
            let (lo, hi) = (b.lo(), b.hi());
            let rect = vec![
                (lo[0], lo[1]),
                (hi[0], lo[1]),
                (hi[0], hi[1]),
                (lo[0], hi[1]),
                (lo[0], lo[1]),
            ];
            stroke_path(&mut chart, &th, rect, Definition::BoundingBox)?;
        }
        // Training points: small black squares.
        let half = 2.6 / l.side * 2.0 * VIEW;
        chart.draw_series(self.train.iter().map(|p| {
            Rectangle::new(
                [(p[0] - half, p[1] - half), (p[0] + half, p[1] + half)],
                theme::INK.filled(),
            )
        }))?;
        // The test point: a ring with a dot, and its label.
        let [x, y] = self.point();
        chart.draw_series([
            Circle::new((x, y), th.upx(9.0), th.stroke(theme::ORANGE, 3.0)),
            Circle::new((x, y), th.upx(9.0), th.stroke(theme::INK, 1.0)),
            Circle::new((x, y), th.upx(2.5), theme::INK.filled()),
        ])?;
        let (px, py) = chart.backend_coord(&(x, y));
        let left = x > VIEW * 0.4;
        root.draw(&Text::new(
            "test point",
            (
                px + if left { -th.px(13.0) } else { th.px(13.0) },
                py - th.px(10.0),
            ),
            th.text(12.0).pos(Pos::new(
                if left { HPos::Right } else { HPos::Left },
                VPos::Bottom,
            )),
        ))?;
        // Whatever spilled past the square is covered, then the frame drawn on top.
        let (sx0, sy0) = (th.px(l.x0), th.px(l.y0));
        let (sx1, sy1) = (th.px(l.x0 + l.side), th.px(l.y0 + l.side));
        let white = WHITE.filled();
        root.draw(&Rectangle::new([(0, 0), (w as i32, sy0)], white))?;
        root.draw(&Rectangle::new([(0, sy1), (w as i32, h as i32)], white))?;
        root.draw(&Rectangle::new([(0, sy0), (sx0, sy1)], white))?;
        root.draw(&Rectangle::new([(sx1, sy0), (w as i32, sy1)], white))?;
        root.draw(&Rectangle::new(
            [(sx0, sy0), (sx1, sy1)],
            th.stroke(theme::MUTED, 1.0),
        ))?;
        let inside = self.verdicts().iter().filter(|v| v.1 == Some(true)).count();
        let title = if cw < 480.0 {
            format!("N = {}: test point inside {inside} of 5", self.train.len())
        } else {
            format!(
                "N = {} {} points: the test point is inside {inside} of 5 regions",
                self.train.len(),
                match self.params.law {
                    Law::Gaussian => "Gaussian",
                    Law::Uniform => "uniform",
                    Law::Line => "collinear",
                }
            )
        };
        root.draw(&Text::new(
            title,
            (th.px(l.x0 + l.side / 2.0), th.px(6.0)),
            th.text(14.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        // The legend: each definition's line style, its name and its verdict.
        for (row, (def, verdict)) in self.verdicts().into_iter().enumerate() {
            let y = th.px(l.ly + LEGEND_ROW * row as f64 + 8.0);
            let x = th.px(l.lx);
            let (color, width, dash) = style_of(def);
            if def == Definition::AnyCoordinate {
                root.draw(&Rectangle::new(
                    [(x, y - th.px(5.0)), (x + th.px(30.0), y + th.px(5.0))],
                    theme::GREEN.mix(0.18).filled(),
                ))?;
            }
            if def == Definition::Hull {
                root.draw(&Rectangle::new(
                    [(x, y - th.px(5.0)), (x + th.px(30.0), y + th.px(5.0))],
                    theme::SKY.mix(0.35).filled(),
                ))?;
            }
            let seg = vec![(x, y), (x + th.px(30.0), y)];
            match dash {
                None => root.draw(&PathElement::new(seg, th.stroke(color, width)))?,
                Some((on, off)) => root.draw(&DashedPathElement::new(
                    seg,
                    th.upx(on).max(1),
                    th.upx(off).max(1),
                    th.stroke(color, width),
                ))?,
            }
            let verdict = match verdict {
                Some(true) => "inside ✓",
                Some(false) => "outside ✗",
                None => "n/a",
            };
            root.draw(&Text::new(
                format!("{}: {verdict}", legend_name(def)),
                (x + th.px(38.0), y),
                th.text(12.0).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        root.present()?;
        Ok(())
    }

    fn pointer(&mut self, p: Pointer) -> Response {
        match p.phase {
            PointerPhase::Up => {
                let was = self.dragging;
                self.dragging = false;
                if was {
                    Response::REDRAW
                } else {
                    Response::NONE
                }
            }
            PointerPhase::Down => match Self::to_data(&p, false) {
                Some(q) => {
                    self.dragging = true;
                    let r = self.set_point(q[0], q[1]);
                    if r == Response::NONE {
                        Response::REDRAW
                    } else {
                        r
                    }
                }
                None => Response::NONE,
            },
            PointerPhase::Drag => {
                if !self.dragging {
                    return Response::NONE;
                }
                // Dragging past the edge pins the point to the edge.
                match Self::to_data(&p, true) {
                    Some(q) => self.set_point(q[0], q[1]),
                    None => Response::NONE,
                }
            }
            // Hovering does nothing here (the figure does not opt into hover).
            PointerPhase::Hover => Response::NONE,
        }
    }

    fn key(&mut self, key: &str) -> Response {
        let (dx, dy) = match key {
            "ArrowLeft" => (-KEY_STEP, 0.0),
            "ArrowRight" => (KEY_STEP, 0.0),
            "ArrowUp" => (0.0, KEY_STEP),
            "ArrowDown" => (0.0, -KEY_STEP),
            _ => return Response::NONE,
        };
        self.set_point(self.params.x + dx, self.params.y + dy)
    }

    fn keyboard_help(&self) -> &'static str {
        "On the plot: press or drag to move the test point. With the plot focused, the arrow \
         keys move it by 0.1; the Test point x and y sliders set it exactly."
    }

    fn captures_drag(&self) -> bool {
        true
    }

    fn table(&self) -> Option<Table> {
        let verdicts = self.verdicts();
        let inside = verdicts.iter().filter(|v| v.1 == Some(true)).count();
        let [x, y] = self.point();
        let mut columns = vec!["point".to_string(), "x".to_string(), "y".to_string()];
        columns.extend(
            Definition::ALL
                .iter()
                .map(|&d| format!("inside: {}", legend_name(d))),
        );
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let mut t = Table::new(
            format!(
                "The test point ({x}, {y}), inside {inside} of the {} regions, and the {} \
                 training points",
                verdicts.len(),
                self.train.len()
            ),
            &columns,
        );
        let mut row: Vec<Cell> = vec!["test point".into(), x.into(), y.into()];
        row.extend(verdicts.iter().map(|v| {
            Cell::from(match v.1 {
                Some(true) => "yes",
                Some(false) => "no",
                None => "not fitted",
            })
        }));
        t.push(row);
        for p in &self.train {
            let mut row: Vec<Cell> = vec!["training".into(), p[0].into(), p[1].into()];
            row.extend(verdicts.iter().map(|_| Cell::from("")));
            t.push(row);
        }
        Some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(query: &str) -> Definitions2dFigure {
        Definitions2dFigure::new(Definitions2dParams::from_query(query).0)
    }

    /// A pointer at data position (x, y) on a `w × h` canvas.
    fn at(phase: PointerPhase, x: f64, y: f64, w: f64, h: f64) -> Pointer {
        let l = layout(w, h);
        Pointer {
            phase,
            x: l.x0 + (x / VIEW + 1.0) / 2.0 * l.side,
            y: l.y0 + (1.0 - (y / VIEW + 1.0) / 2.0) * l.side,
            width: w,
            height: h,
        }
    }

    #[test]
    fn verdicts_follow_the_inclusions_and_the_caption_lists_them() {
        for seed in 1..6 {
            for law in ["gauss", "uniform", "line"] {
                let mut f = fig(&format!("d2.seed={seed}&d2.dist={law}"));
                for (x, y) in [(0.0, 0.0), (1.9, 1.3), (2.4, -0.2), (3.9, 3.9), (0.3, 3.5)] {
                    f.set_point(x, y);
                    let v: Vec<bool> = f.verdicts().iter().map(|v| v.1.unwrap()).collect();
                    let [hull, bx, any, ell, ball] = [v[0], v[1], v[2], v[3], v[4]];
                    assert!(
                        !hull || (bx && ell && ball),
                        "{law} {seed} ({x}, {y}): {v:?}"
                    );
                    assert!(!bx || any, "{v:?}");
                    let s = f.summary();
                    let n_in = v.iter().filter(|b| **b).count();
                    if n_in > 0 && n_in < 5 {
                        assert!(
                            s.contains(&format!("interpolation under {n_in} of the 5")),
                            "{s}"
                        );
                    }
                    // Box verdict equals the coordinate test, done here independently.
                    let xs: Vec<f64> = f.points().iter().map(|p| p[0]).collect();
                    let ys: Vec<f64> = f.points().iter().map(|p| p[1]).collect();
                    let within = |vs: &[f64], t: f64| {
                        vs.iter().cloned().fold(f64::INFINITY, f64::min) <= t
                            && t <= vs.iter().cloned().fold(f64::NEG_INFINITY, f64::max)
                    };
                    assert_eq!(bx, within(&xs, x) && within(&ys, y));
                    assert_eq!(any, within(&xs, x) || within(&ys, y));
                }
            }
        }
    }

    #[test]
    fn the_default_point_separates_the_definitions() {
        let f = fig("");
        let s = f.summary();
        // The example the article leans on: in the box and the ellipse, not in the hull.
        assert!(s.contains("outside the hull"), "{s}");
        assert!(s.contains("the box") && s.contains("the ellipsoid"), "{s}");
        assert!(
            s.contains("LeCun's ellipsoid calls it interpolation"),
            "{s}"
        );
    }

    #[test]
    fn the_ellipse_drawn_is_the_fitted_one() {
        let f = fig("d2.n=40&d2.seed=4");
        let Some(FittedRegion::Ellipsoid(e)) = f.region(Definition::Ellipsoid) else {
            panic!()
        };
        let path = f.ellipse_path();
        assert!(path.len() > 100);
        for (x, y) in path {
            let r = e.radius(&[x, y]).unwrap();
            assert!((r - 1.0).abs() < 1e-9, "{r}");
        }
        // Every training point is inside its ellipse, some on it (the core set).
        let on = f
            .points()
            .iter()
            .filter(|p| (e.radius(&p[..]).unwrap() - 1.0).abs() < 1e-3)
            .count();
        assert!(on >= 3, "{on}");
    }

    #[test]
    fn degenerate_samples_draw_and_explain() {
        for q in [
            "d2.n=1",
            "d2.n=2",
            "d2.n=3&d2.dist=line",
            "d2.n=200&d2.dist=line",
        ] {
            let f = fig(q);
            assert!(f.verdicts().iter().all(|v| v.1.is_some()), "{q}");
            let s = f.summary();
            let svg = crate::figures::render_svg(
                &crate::figures::AnyFigure::Definitions2d(f.clone()),
                800,
                500,
            )
            .unwrap();
            assert!(svg.contains("convex hull"), "{q}");
            if q == "d2.n=1" {
                assert!(s.contains("With a single point"), "{s}");
                assert_eq!(f.affine_rank(), Some(0));
            } else {
                assert!(s.contains("lie on one line"), "{q}: {s}");
                assert_eq!(f.affine_rank(), Some(1));
                // Off the line: outside the flat hull and ellipse.
                let mut g = f.clone();
                g.set_point(0.0, 3.0);
                let v = g.verdicts();
                assert_eq!(v[0].1, Some(false));
                assert_eq!(v[3].1, Some(false));
            }
        }
        // A single point: the test point placed on it is inside every region.
        let mut f = fig("d2.n=1");
        let p = f.points()[0];
        f.params.x = p[0];
        f.params.y = p[1];
        assert!(f.verdicts().iter().all(|v| v.1 == Some(true)));
        assert!(
            f.summary().contains("inside every region"),
            "{}",
            f.summary()
        );
    }

    #[test]
    fn pointer_and_keys_move_the_test_point() {
        let mut f = fig("");
        for (w, h) in [(900.0, 540.0), (390.0, 540.0)] {
            let r = f.pointer(at(PointerPhase::Down, -1.0, 2.0, w, h));
            assert!(r.params_changed);
            let p = f.point();
            assert!(
                (p[0] + 1.0).abs() < 0.02 && (p[1] - 2.0).abs() < 0.02,
                "{p:?}"
            );
            assert!(
                f.pointer(at(PointerPhase::Drag, 0.5, -0.5, w, h))
                    .params_changed
            );
            let p = f.point();
            assert!(
                (p[0] - 0.5).abs() < 0.02 && (p[1] + 0.5).abs() < 0.02,
                "{p:?}"
            );
            // Past the edge: pinned.
            f.pointer(Pointer {
                x: 1e4,
                ..at(PointerPhase::Drag, 0.0, 0.0, w, h)
            });
            assert_eq!(f.point()[0], VIEW);
            assert_eq!(
                f.pointer(at(PointerPhase::Up, 0.0, 0.0, w, h)),
                Response::REDRAW
            );
            assert_eq!(
                f.pointer(at(PointerPhase::Drag, 1.0, 1.0, w, h)),
                Response::NONE
            );
        }
        f.set_point(0.0, 0.0);
        let before = f.summary();
        for _ in 0..25 {
            f.key("ArrowRight");
        }
        assert_eq!(f.point(), [2.5, 0.0]);
        f.key("ArrowUp");
        assert_eq!(f.point(), [2.5, 0.1]);
        assert_ne!(f.summary(), before);
        assert!(f.summary().starts_with("Test point (2.50, 0.10)"));
        for _ in 0..50 {
            f.key("ArrowRight");
        }
        assert_eq!(f.point()[0], VIEW);
        assert_eq!(f.key("ArrowRight"), Response::NONE);
        assert_eq!(f.key("q"), Response::NONE);
        assert!(f.captures_drag());
    }

    #[test]
    fn join_reads_like_english() {
        assert_eq!(join(&["a"]), "a");
        assert_eq!(join(&["a", "b"]), "a and b");
        assert_eq!(join(&["a", "b", "c"]), "a, b and c");
    }
}
