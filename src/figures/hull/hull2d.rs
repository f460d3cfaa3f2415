//! Figure "hull2d": the 2-D hull playground. N training points, the convex hull drawn around
//! them, and test points from the same law marked inside (filled disc) or outside (cross),
//! each decided by the exact hull core ([`crate::math::hull`]). In two dimensions the hull
//! soon covers almost everything, which is the intuition the article then takes apart.
//!
//! The reader can edit the points: click or tap to add, drag to move, and on the focused
//! canvas `n`/`p` select, arrows move, Enter adds, Delete removes. Editing turns the set into
//! "your own points", kept in the figure's state (not in the URL: it would be huge); a link
//! with `h2.dist=own` starts from a small seeded set.

use crate::figures::theme::{self, Theme};
use crate::figures::{
    Action, DrawResult, Figure, PointColumn, PointImport, Pointer, PointerPhase, Response, Table,
};
use crate::format::{number, percent, thousands};
use crate::math::hull::{convex_polygon, Classifier, Hull, HullOptions};
use crate::math::rng::Rng;
use crate::params::{choices, Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

choices! {
    /// The point laws of the playground.
    Law2d, LAWS;
    /// Standard normal.
    Gaussian => ("gauss", "Gaussian"),
    /// Uniform in the square `[−2.5, 2.5]²`.
    Uniform => ("uniform", "uniform in a square"),
    /// Uniform angle, radius uniform in `[1.8, 2.4]`.
    Ring => ("ring", "ring"),
    /// The reader's own points (test points uniform in the square).
    Own => ("own", "your own points"),
}

/// Parameters of the playground.
#[derive(Clone, Debug, PartialEq)]
pub struct Hull2dParams {
    /// Number of training points (for the random laws).
    pub n: u32,
    /// Number of test points.
    pub tests: u32,
    /// Law of the points.
    pub law: Law2d,
    /// Seed.
    pub seed: u32,
}

/// Most training points (also the cap on the reader's own points).
pub const MAX_POINTS: usize = 2000;

const SPECS: &[Spec] = &[
    Spec::new(
        "n",
        "Training points N",
        Control::LogInt {
            min: 3,
            max: MAX_POINTS as u32,
        },
        50.0,
        "points",
    ),
    Spec::new(
        "tests",
        "Test points",
        Control::LogInt { min: 10, max: 2000 },
        400.0,
        "points",
    ),
    Spec::new("dist", "Distribution", Control::Choice(LAWS), 0.0, ""),
    Spec::new("seed", "Seed", Control::Seed, 1.0, ""),
];

/// Where each parameter sits in [`ParamSet::values`], by key.
mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const N: usize = slot(SPECS, "n");
    pub const TESTS: usize = slot(SPECS, "tests");
    pub const DIST: usize = slot(SPECS, "dist");
    pub const SEED: usize = slot(SPECS, "seed");
}

impl ParamSet for Hull2dParams {
    const NAMESPACE: &'static str = "h2";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            n: v[at::N] as u32,
            tests: v[at::TESTS] as u32,
            law: Law2d::from_index(v[at::DIST] as usize),
            seed: v[at::SEED] as u32,
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::N] = self.n as f64;
        v[at::TESTS] = self.tests as f64;
        v[at::DIST] = self.law.index() as f64;
        v[at::SEED] = self.seed as f64;
        v
    }
}

/// Half-width of the visible square, in data units.
const VIEW: f64 = 3.0;
/// Half-width of the square of the uniform law (and of test points for own data).
const SQUARE: f64 = 2.5;
/// How far an arrow key moves the selected point.
const KEY_STEP: f64 = 0.1;
/// How close (CSS px) a press must be to a point to grab it.
const GRAB_PX: f64 = 12.0;

type P2 = [f64; 2];

fn sample(law: Law2d, rng: &mut Rng) -> P2 {
    match law {
        Law2d::Gaussian => [rng.normal(), rng.normal()],
        Law2d::Uniform | Law2d::Own => [
            rng.uniform_in(-SQUARE, SQUARE),
            rng.uniform_in(-SQUARE, SQUARE),
        ],
        Law2d::Ring => {
            let a = rng.uniform() * std::f64::consts::TAU;
            let r = rng.uniform_in(1.8, 2.4);
            [r * a.cos(), r * a.sin()]
        }
    }
}

/// Where the square plot sits in a `w × h` CSS-pixel canvas: `(left, top, side)`.
fn square(w: f64, h: f64) -> (f64, f64, f64) {
    let top = 30.0;
    let bottom = 30.0;
    let side = (h - top - bottom).min(w - 24.0).max(20.0);
    ((w - side) / 2.0, top, side)
}

/// The 2-D hull playground.
#[derive(Clone, Debug)]
pub struct Hull2dFigure {
    params: Hull2dParams,
    /// The reader's points (used when the law is [`Law2d::Own`]).
    own: Vec<P2>,
    /// The training points in use.
    train: Vec<P2>,
    /// Test points and whether each is inside.
    tests: Vec<(P2, bool)>,
    /// The drawn hull.
    polygon: Vec<P2>,
    /// Selected training point (own points).
    selected: Option<usize>,
    dragging: bool,
}

impl Hull2dFigure {
    fn seeded_own(seed: u32) -> Vec<P2> {
        let mut rng = Rng::stream(seed as u64, 7);
        (0..5)
            .map(|_| [rng.normal() * 1.2, rng.normal() * 1.2])
            .collect()
    }

    /// Recomputes training points (for random laws), test points and their verdicts.
    fn recompute(&mut self) {
        let p = &self.params;
        self.train = match p.law {
            Law2d::Own => self.own.clone(),
            law => {
                let mut rng = Rng::stream(p.seed as u64, 0);
                (0..p.n).map(|_| sample(law, &mut rng)).collect()
            }
        };
        let mut rng = Rng::stream(p.seed as u64, 1);
        let points: Vec<P2> = (0..p.tests).map(|_| sample(p.law, &mut rng)).collect();
        let hull = Hull::from_rows(&self.train).ok();
        let mut classifier = hull
            .as_ref()
            .and_then(|h| Classifier::new(h, HullOptions::verdict_only()).ok());
        self.tests = points
            .into_iter()
            .map(|x| {
                let inside = classifier
                    .as_mut()
                    .and_then(|c| c.classify(&x).ok())
                    .is_some_and(|c| c.membership.is_inside());
                (x, inside)
            })
            .collect();
        self.polygon = convex_polygon(&self.train);
        if self.selected.is_some_and(|i| i >= self.train.len()) {
            self.selected = None;
        }
    }

    /// Number of test points inside.
    pub fn inside(&self) -> usize {
        self.tests.iter().filter(|t| t.1).count()
    }

    /// The training points in use.
    pub fn points(&self) -> &[P2] {
        &self.train
    }

    /// The selected point, if any.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Switches to the reader's own points, starting from the points on screen.
    fn make_own(&mut self) {
        if self.params.law != Law2d::Own {
            self.own = self.train.clone();
            self.params.law = Law2d::Own;
        }
    }

    fn edited(&mut self) -> Response {
        self.recompute();
        Response::PARAMS
    }

    fn to_data(p: &Pointer) -> Option<P2> {
        let (x0, y0, s) = square(p.width, p.height);
        let u = (p.x - x0) / s;
        let v = (p.y - y0) / s;
        if !(-0.02..=1.02).contains(&u) || !(-0.02..=1.02).contains(&v) {
            return None;
        }
        let c = |t: f64| (t.clamp(0.0, 1.0) * 2.0 - 1.0) * VIEW;
        Some([c(u), -c(v)])
    }
}

impl Figure for Hull2dFigure {
    type Params = Hull2dParams;
    const KIND: &'static str = "hull2d";
    const TITLE: &'static str = "The convex hull in two dimensions";

    fn new(params: Hull2dParams) -> Self {
        let mut f = Self {
            own: Self::seeded_own(params.seed),
            params,
            train: Vec::new(),
            tests: Vec::new(),
            polygon: Vec::new(),
            selected: None,
            dragging: false,
        };
        f.recompute();
        f
    }

    fn params(&self) -> &Hull2dParams {
        &self.params
    }

    fn set_params(&mut self, params: Hull2dParams) {
        if params != self.params {
            if params.law != Law2d::Own {
                self.selected = None;
            }
            self.params = params;
            self.recompute();
        }
    }

    fn summary(&self) -> String {
        let p = &self.params;
        let inside = self.inside();
        let total = self.tests.len();
        let share = if total == 0 {
            0.0
        } else {
            inside as f64 / total as f64
        };
        let n = self.train.len();
        let head = match p.law {
            Law2d::Own => format!(
                "Your {} point{} enclose {} of {} test points drawn uniformly in the square",
                thousands(n as i64),
                if n == 1 { "" } else { "s" },
                percent(share),
                thousands(total as i64)
            ),
            law => format!(
                "N = {} {} training points: {} of {} test points from the same law fall inside \
                 their hull ({} of {})",
                thousands(n as i64),
                match law {
                    Law2d::Gaussian => "Gaussian",
                    Law2d::Uniform => "uniform",
                    _ => "ring",
                },
                percent(share),
                thousands(total as i64),
                thousands(inside as i64),
                thousands(total as i64)
            ),
        };
        let mut s = head;
        s.push('.');
        match self
            .selected
            .and_then(|i| self.train.get(i).map(|q| (i, q)))
        {
            Some((i, q)) => s.push_str(&format!(
                " Point {} of {} selected at ({}, {}).",
                i + 1,
                n,
                number(q[0], 2),
                number(q[1], 2)
            )),
            None if p.law != Law2d::Own && share > 0.9 => {
                s.push_str(" In two dimensions the hull soon covers almost everything.")
            }
            None if p.law != Law2d::Own && share > 0.7 => s.push_str(
                " In two dimensions a few dozen points already enclose most new samples; a few \
                 hundred enclose almost all.",
            ),
            None => {}
        }
        if n < 3 {
            s.push_str(" With fewer than three points the hull is a segment or a point, so almost nothing is inside.");
        }
        s
    }

    fn description(&self) -> String {
        format!(
            "A square plot of {} training points with their convex hull drawn as a shaded \
             polygon, and {} test points: filled dots inside the hull, crosses outside. {} are \
             inside.",
            self.train.len(),
            self.tests.len(),
            self.inside()
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        // On a phone the square spans the width: bigger targets for fingers.
        if width < 520.0 {
            (width + 40.0).max(300.0)
        } else {
            (width * 0.75).clamp(300.0, 520.0)
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let (w, h) = root.dim_in_pixel();
        let (x0, y0, s) = square(w as f64 / th.scale, h as f64 / th.scale);
        let title = match self.params.law {
            Law2d::Own => format!(
                "your {} points and {} test points",
                self.train.len(),
                self.tests.len()
            ),
            _ => format!(
                "N = {} training points, {} test points",
                self.train.len(),
                self.tests.len()
            ),
        };
        root.draw(&Text::new(
            title,
            (w as i32 / 2, th.px(6.0)),
            th.text(14.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        let sq = root
            .clone()
            .shrink((th.px(x0), th.px(y0)), (th.upx(s), th.upx(s)));
        let mut chart = ChartBuilder::on(&sq).build_cartesian_2d(-VIEW..VIEW, -VIEW..VIEW)?;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(-VIEW, -VIEW), (VIEW, VIEW)],
            th.stroke(theme::MUTED, 1.0),
        )))?;
        // The hull: a shaded polygon with a firm outline (a segment or point when degenerate).
        if self.polygon.len() >= 3 {
            let poly: Vec<(f64, f64)> = self.polygon.iter().map(|p| (p[0], p[1])).collect();
            chart.draw_series(std::iter::once(Polygon::new(
                poly.clone(),
                theme::SKY.mix(0.22),
            )))?;
            let mut ring = poly;
            ring.push(ring[0]);
            chart.draw_series(std::iter::once(PathElement::new(
                ring,
                th.stroke(theme::BLUE, 2.0),
            )))?;
        } else if self.polygon.len() == 2 {
            chart.draw_series(std::iter::once(PathElement::new(
                self.polygon
                    .iter()
                    .map(|p| (p[0], p[1]))
                    .collect::<Vec<_>>(),
                th.stroke(theme::BLUE, 2.0),
            )))?;
        }
        // Test points: filled discs inside, crosses outside.
        let dot = th.upx(2.2).max(1);
        let cross = th.upx(2.8).max(1);
        chart.draw_series(
            self.tests
                .iter()
                .filter(|t| t.1)
                .map(|(p, _)| Circle::new((p[0], p[1]), dot, theme::BLUE.filled())),
        )?;
        chart.draw_series(
            self.tests
                .iter()
                .filter(|t| !t.1)
                .map(|(p, _)| Cross::new((p[0], p[1]), cross, th.stroke(theme::VERMILLION, 1.3))),
        )?;
        // Training points: black squares with a white edge, so they read over anything.
        let half = 3.5 / s * 2.0 * VIEW;
        for (i, p) in self.train.iter().enumerate() {
            let r = if Some(i) == self.selected {
                half * 1.3
            } else {
                half
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(p[0] - r, p[1] - r), (p[0] + r, p[1] + r)],
                theme::INK.filled(),
            )))?;
        }
        if let Some(p) = self.selected.and_then(|i| self.train.get(i)) {
            chart.draw_series(std::iter::once(Circle::new(
                (p[0], p[1]),
                th.upx(10.0),
                th.stroke(theme::ORANGE, 2.5),
            )))?;
        }
        let inside = self.inside();
        let legend = format!(
            "■ training   ● inside the hull: {}   × outside: {}",
            thousands(inside as i64),
            thousands((self.tests.len() - inside) as i64)
        );
        root.draw(&Text::new(
            legend,
            (w as i32 / 2, th.px(y0 + s + 7.0)),
            th.text(12.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        root.present()?;
        Ok(())
    }

    fn pointer(&mut self, p: Pointer) -> Response {
        match p.phase {
            PointerPhase::Hover => Response::NONE,
            PointerPhase::Up => {
                let was = self.dragging;
                self.dragging = false;
                if was {
                    Response::REDRAW
                } else {
                    Response::NONE
                }
            }
            PointerPhase::Down => {
                let Some(q) = Self::to_data(&p) else {
                    return Response::NONE;
                };
                let (_, _, s) = square(p.width, p.height);
                let grab = GRAB_PX / s * 2.0 * VIEW;
                let nearest = self
                    .train
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (i, (t[0] - q[0]).hypot(t[1] - q[1])))
                    .min_by(|a, b| a.1.total_cmp(&b.1));
                self.make_own();
                match nearest {
                    Some((i, dist)) if dist <= grab => self.selected = Some(i),
                    _ if self.own.len() < MAX_POINTS => {
                        self.own.push(q);
                        self.selected = Some(self.own.len() - 1);
                    }
                    _ => return Response::NONE,
                }
                self.dragging = true;
                self.edited()
            }
            PointerPhase::Drag => {
                if !self.dragging {
                    return Response::NONE;
                }
                // Dragging past the edge pins the point to the edge.
                let (x0, y0, side) = square(p.width, p.height);
                let pinned = Pointer {
                    x: p.x.clamp(x0, x0 + side),
                    y: p.y.clamp(y0, y0 + side),
                    ..p
                };
                let (Some(i), Some(q)) = (self.selected, Self::to_data(&pinned)) else {
                    return Response::NONE;
                };
                match self.own.get_mut(i) {
                    Some(t) if *t != q => {
                        *t = q;
                        self.edited()
                    }
                    _ => Response::NONE,
                }
            }
        }
    }

    fn key(&mut self, key: &str) -> Response {
        let moves = |k: &str| match k {
            "ArrowLeft" => Some([-KEY_STEP, 0.0]),
            "ArrowRight" => Some([KEY_STEP, 0.0]),
            "ArrowUp" => Some([0.0, KEY_STEP]),
            "ArrowDown" => Some([0.0, -KEY_STEP]),
            _ => None,
        };
        match key {
            "Escape" if self.selected.is_some() => {
                self.selected = None;
                Response::PARAMS
            }
            "n" | "p" | "N" | "P" => {
                self.make_own();
                let len = self.own.len();
                if len == 0 {
                    return self.edited();
                }
                let forward = key.eq_ignore_ascii_case("n");
                self.selected = Some(match self.selected {
                    None if forward => 0,
                    None => len - 1,
                    Some(i) if forward => (i + 1) % len,
                    Some(i) => (i + len - 1) % len,
                });
                self.edited()
            }
            "Enter" | "+" => {
                self.make_own();
                if self.own.len() >= MAX_POINTS {
                    return self.edited();
                }
                self.own.push([0.0, 0.0]);
                self.selected = Some(self.own.len() - 1);
                self.edited()
            }
            "Delete" | "Backspace" | "-" => {
                self.make_own();
                let Some(i) = self.selected.filter(|&i| i < self.own.len()) else {
                    return self.edited();
                };
                self.own.remove(i);
                self.selected = if self.own.is_empty() {
                    None
                } else {
                    Some(i.min(self.own.len() - 1))
                };
                self.edited()
            }
            k => {
                let Some(d) = moves(k) else {
                    return Response::NONE;
                };
                self.make_own();
                if self.own.is_empty() {
                    return self.edited();
                }
                let i = *self.selected.get_or_insert(0);
                if let Some(t) = self.own.get_mut(i) {
                    t[0] = ((t[0] + d[0]) * 100.0).round() / 100.0;
                    t[1] = ((t[1] + d[1]) * 100.0).round() / 100.0;
                    t[0] = t[0].clamp(-VIEW, VIEW);
                    t[1] = t[1].clamp(-VIEW, VIEW);
                }
                self.edited()
            }
        }
    }

    fn control_enabled(&self, key: &str) -> bool {
        key != "n" || self.params.law != Law2d::Own
    }

    // Buttons for what the plot's letter keys and the pointer do, so every edit is also
    // reachable with Tab and Enter / Space alone (and by touch without precise tapping).
    fn actions(&self) -> Vec<Action> {
        vec![
            Action {
                id: "add",
                label: "Add a point",
                enabled: self.train.len() < MAX_POINTS,
            },
            Action {
                id: "next",
                label: "Select next point",
                enabled: !self.train.is_empty(),
            },
            Action {
                id: "delete",
                label: "Delete selected point",
                enabled: self.selected.is_some(),
            },
        ]
    }

    fn action(&mut self, id: &str, _reduced_motion: bool) -> Response {
        match id {
            "add" => self.key("Enter"),
            "next" => self.key("n"),
            "delete" if self.selected.is_some() => self.key("Delete"),
            _ => Response::NONE,
        }
    }

    fn keyboard_help(&self) -> &'static str {
        "On the plot: click or tap to add a point, drag to move one. With the plot focused: n / p \
         select the next / previous point, arrow keys move it, Enter adds a point at the centre, \
         Delete removes the selected point, Escape deselects. Editing turns the set into your own \
         points (not saved in the link)."
    }

    fn table(&self) -> Option<Table> {
        let mut t = Table::new(
            format!(
                "{} training points and {} test points; {} tests inside the hull",
                self.train.len(),
                self.tests.len(),
                self.inside()
            ),
            &["point", "x", "y", "inside the training hull"],
        );
        for p in &self.train {
            t.push(vec!["training".into(), p[0].into(), p[1].into(), "".into()]);
        }
        for (p, inside) in &self.tests {
            let verdict = if *inside { "yes" } else { "no" };
            t.push(vec![
                "test".into(),
                p[0].into(),
                p[1].into(),
                verdict.into(),
            ]);
        }
        Some(t)
    }

    fn point_import(&self) -> Option<PointImport> {
        const LIMIT: f64 = 1e6;
        const COLUMNS: &[PointColumn] = &[
            PointColumn {
                name: "x",
                min: -LIMIT,
                max: LIMIT,
                integer: false,
            },
            PointColumn {
                name: "y",
                min: -LIMIT,
                max: LIMIT,
                integer: false,
            },
        ];
        Some(PointImport {
            columns: COLUMNS,
            min_rows: 1,
            max_rows: MAX_POINTS,
            replaces: &["dist"],
            // The export lists the test points and their verdicts too.
            derived: &["inside the training hull"],
            skip_label: Some("test"),
        })
    }

    fn import_points(&mut self, rows: Vec<Vec<f64>>) -> Response {
        self.own = rows.iter().map(|r| [r[0], r[1]]).collect();
        self.params.law = Law2d::Own;
        self.selected = None;
        self.dragging = false;
        self.edited()
    }

    fn own_points(&self) -> Option<Vec<Vec<f64>>> {
        (self.params.law == Law2d::Own).then(|| self.own.iter().map(|p| p.to_vec()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(law: Law2d, n: u32) -> Hull2dFigure {
        Hull2dFigure::new(Hull2dParams {
            n,
            tests: 400,
            law,
            seed: 3,
        })
    }

    /// A pointer at data position (x, y) on a 600 × 450 canvas.
    fn at(phase: PointerPhase, x: f64, y: f64) -> Pointer {
        let (x0, y0, s) = square(600.0, 450.0);
        Pointer {
            phase,
            x: x0 + (x / VIEW + 1.0) / 2.0 * s,
            y: y0 + (1.0 - (y / VIEW + 1.0) / 2.0) * s,
            width: 600.0,
            height: 450.0,
        }
    }

    #[test]
    fn verdicts_agree_with_the_polygon() {
        let f = fig(Law2d::Gaussian, 30);
        let poly = &f.polygon;
        for (x, inside) in &f.tests {
            // Inside a CCW convex polygon ⇔ left of (or on) every edge.
            let geo = (0..poly.len()).all(|i| {
                let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
                (b[0] - a[0]) * (x[1] - a[1]) - (b[1] - a[1]) * (x[0] - a[0]) >= -1e-12
            });
            assert_eq!(geo, *inside, "{x:?}");
        }
    }

    #[test]
    fn the_hull_covers_more_as_n_grows_and_the_caption_says_so() {
        let small = fig(Law2d::Gaussian, 5);
        let big = fig(Law2d::Gaussian, 500);
        assert!(small.inside() < big.inside());
        assert!(big.inside() as f64 / 400.0 > 0.95, "{}", big.inside());
        let s = big.summary();
        assert!(s.starts_with("N = 500 Gaussian training points:"), "{s}");
        assert!(s.contains("covers almost everything"), "{s}");
        let pct = percent(big.inside() as f64 / 400.0);
        assert!(s.contains(&pct), "{s}");
        let ring = fig(Law2d::Ring, 200);
        // A ring's hull is a polygon inside the outer circle: some tests stay outside.
        assert!(
            ring.inside() < 400 && ring.inside() > 200,
            "{}",
            ring.inside()
        );
    }

    #[test]
    fn pointer_adds_selects_and_drags() {
        let mut f = fig(Law2d::Gaussian, 12);
        // Far from any point: adds one, switching to own points that start from the 12 shown.
        let r = f.pointer(at(PointerPhase::Down, 2.9, 2.9));
        assert!(r.params_changed);
        assert_eq!(f.params().law, Law2d::Own);
        assert_eq!(f.points().len(), 13);
        assert_eq!(f.selected(), Some(12));
        // Dragging moves it; the verdicts follow.
        let before = f.inside();
        assert!(f.pointer(at(PointerPhase::Drag, -0.1, 0.1)).params_changed);
        let p = f.points()[12];
        assert!(
            (p[0] + 0.1).abs() < 0.02 && (p[1] - 0.1).abs() < 0.02,
            "{p:?}"
        );
        assert!(f.inside() <= before);
        assert_eq!(f.pointer(at(PointerPhase::Up, -0.1, 0.1)), Response::REDRAW);
        // Pressing on an existing point grabs it instead of adding one.
        let q = f.points()[3];
        f.pointer(at(PointerPhase::Down, q[0] + 0.02, q[1]));
        assert_eq!(f.selected(), Some(3));
        assert_eq!(f.points().len(), 13);
        // Dragging beyond the plot pins the point to the edge.
        f.pointer(Pointer {
            x: 5000.0,
            ..at(PointerPhase::Drag, 0.0, 0.0)
        });
        assert!((f.points()[3][0] - VIEW).abs() < 1e-9);
        f.pointer(at(PointerPhase::Up, 0.0, 0.0));
        // Outside the plot (the title strip): nothing happens; a drag without a press neither.
        assert_eq!(
            f.pointer(Pointer {
                y: 2.0,
                ..at(PointerPhase::Down, 0.0, 0.0)
            }),
            Response::NONE
        );
        assert_eq!(f.pointer(at(PointerPhase::Drag, 1.0, 1.0)), Response::NONE);
        assert!(!f.control_enabled("n"));
    }

    #[test]
    fn buttons_add_select_and_delete() {
        let mut f = fig(Law2d::Gaussian, 12);
        let enabled =
            |f: &Hull2dFigure, id: &str| f.actions().iter().find(|a| a.id == id).map(|a| a.enabled);
        assert_eq!(enabled(&f, "delete"), Some(false), "nothing selected yet");
        assert_eq!(f.action("delete", false), Response::NONE);
        assert!(f.action("add", false).params_changed);
        assert_eq!(f.points().len(), 13, "the 12 shown, plus one at the centre");
        assert_eq!(f.points()[12], [0.0, 0.0]);
        assert_eq!(enabled(&f, "delete"), Some(true));
        assert!(f.action("next", false).params_changed);
        assert!(
            f.summary().contains("Point 1 of 13 selected"),
            "{}",
            f.summary()
        );
        assert!(f.action("delete", false).params_changed);
        assert_eq!(f.points().len(), 12);
    }

    #[test]
    fn keys_select_move_add_and_delete() {
        let mut f = fig(Law2d::Own, 12);
        assert_eq!(f.points().len(), 5, "a seeded start of five points");
        assert!(f.key("n").params_changed);
        assert_eq!(f.selected(), Some(0));
        f.key("p");
        assert_eq!(f.selected(), Some(4));
        let p = f.points()[4];
        f.key("ArrowRight");
        f.key("ArrowUp");
        let q = f.points()[4];
        assert!((q[0] - p[0] - 0.1).abs() < 0.011 && (q[1] - p[1] - 0.1).abs() < 0.011);
        assert!(
            f.summary().contains("Point 5 of 5 selected"),
            "{}",
            f.summary()
        );
        f.key("Enter");
        assert_eq!(f.points().len(), 6);
        assert_eq!(f.points()[5], [0.0, 0.0]);
        assert_eq!(f.selected(), Some(5));
        f.key("Delete");
        assert_eq!(f.points().len(), 5);
        assert_eq!(f.selected(), Some(4));
        for _ in 0..10 {
            f.key("Delete");
        }
        assert!(f.points().is_empty());
        assert!(f.summary().contains("fewer than three"), "{}", f.summary());
        assert_eq!(f.inside(), 0);
        // Keys on an empty set do not panic.
        for k in ["n", "p", "ArrowLeft", "Delete"] {
            f.key(k);
        }
        assert_eq!(f.key("q"), Response::NONE);
        f.key("Enter");
        assert_eq!(f.points().len(), 1);
        assert!(f.key("Escape").params_changed);
        assert_eq!(f.selected(), None);
    }

    #[test]
    fn random_laws_ignore_the_own_points_until_edited() {
        let mut f = fig(Law2d::Gaussian, 40);
        assert_eq!(f.points().len(), 40);
        f.set_params(Hull2dParams {
            law: Law2d::Own,
            ..f.params().clone()
        });
        assert_eq!(f.points().len(), 5);
        f.key("Enter");
        f.set_params(Hull2dParams {
            law: Law2d::Uniform,
            ..f.params().clone()
        });
        assert_eq!(f.points().len(), 40);
        assert_eq!(f.selected(), None);
        // Own points survive a trip to another law.
        f.set_params(Hull2dParams {
            law: Law2d::Own,
            ..f.params().clone()
        });
        assert_eq!(f.points().len(), 6);
    }
}
