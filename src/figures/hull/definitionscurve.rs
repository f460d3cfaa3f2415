//! Figure "definitionscurve": P(inside) against the dimension d for every definition of
//! interpolation — hull, bounding box, any coordinate in range, minimum-volume enclosing
//! ellipsoid, ball around the mean — measured on the same training and test samples at each
//! d (Gaussian or uniform in a cube), in the worker ([`crate::jobs::JobSpec::Definitions`]).
//!
//! Each definition has its own marker shape and line pattern (colour is a third cue, never
//! the only one), with Wilson 95 % intervals as error bars. The caption reads the numbers at
//! the largest finished d.
//!
//! **What is drawn once and what is fresh.** At each d one training set is drawn, once, and
//! the test points are drawn fresh, one for each test; all five definitions are counted on
//! these same samples (fitting the ellipsoid per test point would multiply its cost by the
//! number of tests). Every count therefore estimates the probability *given that training
//! set*, and its interval covers that conditional probability — for the hull too, which is
//! not compared with a theorem here (the hull curves of the previous section draw a fresh
//! training set per test point for that). For the box the conditional probability is known
//! exactly for a product law: coordinate j of a new point falls in the training range
//! `[minⱼ, maxⱼ]` with probability `Φ(maxⱼ) − Φ(minⱼ)` (Gaussian) or `(maxⱼ − minⱼ)/2`
//! (cube), independently ([`crate::math::definitions::sweep::SweepCell::box_given_training`]).
//! The chart marks it at each d (what the box estimate targets) and draws beside it the
//! average over training sets, `((N − 1)/(N + 1))^d`: each coordinate is within the range of
//! N values with probability `(N − 1)/(N + 1)`. The table gives both, for the box and for
//! "any coordinate" (`1 − Πⱼ(1 − qⱼ)` given the set, `1 − (2/(N + 1))^d` on average).

use crate::figures::theme::{self, draw_mark, Mark, Theme};
use crate::figures::{DrawResult, Figure, Table};
use crate::format::{percent, thousands};
use crate::jobs::{JobOutput, JobSpec};
use crate::math::definitions::sweep::{SweepCell, SweepReport, SweepSpec};
use crate::math::definitions::Definition;
use crate::math::hull::{Distribution, InsideCount};
use crate::params::{Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const DISTS: &[(&str, &str)] = &[("gauss", "Gaussian"), ("cube", "uniform in a cube")];

/// Parameters of the figure.
#[derive(Clone, Debug, PartialEq)]
pub struct DefinitionsCurveParams {
    /// Largest dimension.
    pub dmax: u32,
    /// Training points N.
    pub n: u32,
    /// Test points per dimension.
    pub tests: u32,
    /// Law of the points.
    pub dist: Distribution,
    /// Seed.
    pub seed: u32,
}

const SPECS: &[Spec] = &[
    Spec::new(
        "dmax",
        "Largest dimension d",
        Control::Int { min: 2, max: 64 },
        30.0,
        "dimensions",
    ),
    Spec::new(
        "n",
        "Training points N",
        Control::LogInt { min: 10, max: 5000 },
        1000.0,
        "points",
    ),
    Spec::new(
        "tests",
        "Test points per dimension",
        Control::LogInt { min: 20, max: 2000 },
        200.0,
        "points",
    ),
    Spec::new("dist", "Distribution", Control::Choice(DISTS), 0.0, ""),
    Spec::new("seed", "Seed", Control::Seed, 1.0, ""),
];

impl ParamSet for DefinitionsCurveParams {
    const NAMESPACE: &'static str = "dc";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            dmax: v[0] as u32,
            n: v[1] as u32,
            tests: v[2] as u32,
            dist: if v[3] as usize == 1 {
                Distribution::UniformCube
            } else {
                Distribution::Gaussian
            },
            seed: v[4] as u32,
        }
    }
    fn values(&self) -> Vec<f64> {
        vec![
            self.dmax as f64,
            self.n as f64,
            self.tests as f64,
            if self.dist == Distribution::UniformCube {
                1.0
            } else {
                0.0
            },
            self.seed as f64,
        ]
    }
}

/// The dimensions measured up to `dmax`: 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48 below it,
/// then `dmax` itself.
///
/// ```
/// use highdim::figures::hull::definitionscurve::dims_up_to;
/// assert_eq!(dims_up_to(30), vec![1, 2, 3, 4, 6, 8, 12, 16, 24, 30]);
/// assert_eq!(dims_up_to(2), vec![1, 2]);
/// ```
pub fn dims_up_to(dmax: u32) -> Vec<u32> {
    let mut v: Vec<u32> = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48]
        .into_iter()
        .filter(|&d| d < dmax)
        .collect();
    v.push(dmax.max(1));
    v
}

/// The exact P(inside the box) for a product law, averaged over training sets of `N`
/// points: `((N − 1)/(N + 1))^d` (given one training set it is
/// [`crate::math::definitions::boxes::BoundingBox::probability`]).
///
/// ```
/// let p = highdim::figures::hull::definitionscurve::box_exact(1000, 30);
/// assert!((p - 0.94176).abs() < 1e-5);
/// ```
pub fn box_exact(n: u32, d: u32) -> f64 {
    let n = n as f64;
    ((n - 1.0) / (n + 1.0)).powi(d as i32)
}

/// The exact P(some coordinate in range) for a product law, averaged over training sets of
/// `N` points: `1 − (2/(N + 1))^d`.
pub fn any_exact(n: u32, d: u32) -> f64 {
    1.0 - (2.0 / (n as f64 + 1.0)).powi(d as i32)
}

/// Line colour, width and dash pattern (dash, gap in CSS px) of each definition.
fn style_of(def: Definition) -> (RGBColor, f64, Option<(f64, f64)>) {
    match def {
        Definition::Hull => (theme::BLUE, 2.5, None),
        Definition::BoundingBox => (theme::VERMILLION, 2.0, Some((8.0, 5.0))),
        Definition::AnyCoordinate => (theme::GREEN, 1.3, None),
        Definition::Ellipsoid => (theme::PURPLE, 2.2, Some((16.0, 6.0))),
        Definition::Ball => (theme::INK, 1.8, Some((2.0, 4.0))),
    }
}

/// A definition's marker: hull a filled disc, box an open square, any a filled triangle,
/// ellipsoid an open diamond, ball a cross.
fn mark_of(def: Definition) -> Mark {
    match def {
        Definition::Hull => Mark::Disc,
        Definition::BoundingBox => Mark::OpenSquare,
        Definition::AnyCoordinate => Mark::Up,
        Definition::Ellipsoid => Mark::OpenDiamond,
        Definition::Ball => Mark::Cross,
    }
}

/// Draws a definition's marker centred at pixel `c` of `area`, in its colour.
fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    def: Definition,
    c: (i32, i32),
    th: &Theme,
) -> DrawResult {
    draw_mark(area, th, c, mark_of(def), 4.5, style_of(def).0)?;
    Ok(())
}

/// Draws the mark of the box's exact value given the training set, centred at pixel `c`: a
/// short thick horizontal bar in the box's colour, outlined in white so it reads over the
/// error bars.
fn draw_exact_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    c: (i32, i32),
    th: &Theme,
) -> DrawResult {
    let (color, _, _) = style_of(Definition::BoundingBox);
    let (x, y) = c;
    let half = th.px(8.0);
    area.draw(&PathElement::new(
        vec![(x - half, y), (x + half, y)],
        th.stroke(WHITE, 5.0),
    ))?;
    area.draw(&PathElement::new(
        vec![(x - half, y), (x + half, y)],
        th.stroke(color, 2.6),
    ))?;
    Ok(())
}

/// The curve figure.
#[derive(Clone, Debug)]
pub struct DefinitionsCurveFigure {
    params: DefinitionsCurveParams,
    report: Option<SweepReport>,
}

impl DefinitionsCurveFigure {
    /// The job spec of the current parameters.
    pub fn spec(&self) -> SweepSpec {
        let p = &self.params;
        SweepSpec {
            dims: dims_up_to(p.dmax),
            train: p.n,
            tests: p.tests,
            distribution: p.dist,
            seed: p.seed as u64,
        }
    }

    /// The results for the current parameters, if any arrived.
    pub fn current(&self) -> Option<&SweepReport> {
        self.report.as_ref().filter(|r| r.spec == self.spec())
    }

    /// The finished points of `def`: `(d, count)`.
    pub fn series(&self, def: Definition) -> Vec<(u32, InsideCount)> {
        self.current()
            .map(|r| {
                r.cells
                    .iter()
                    .flatten()
                    .filter_map(|c| c.count(def).map(|k| (c.dim, k.count)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The exact P(inside the box) given each finished dimension's training set: `(d, p)`
    /// (what the box counts estimate; empty for a law without a product form).
    pub fn box_given_training(&self) -> Vec<(u32, f64)> {
        self.current()
            .map(|r| {
                r.cells
                    .iter()
                    .flatten()
                    .filter_map(|c| c.box_given_training.map(|p| (c.dim, p)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The largest finished dimension, with its counts in the order of
    /// [`Definition::ALL`].
    pub fn last_finished(&self) -> Option<&SweepCell> {
        self.current()?.cells.iter().rev().flatten().next()
    }

    fn dist_words(&self) -> &'static str {
        match self.params.dist {
            Distribution::UniformCube => "uniform-in-a-cube",
            _ => "Gaussian",
        }
    }
}

impl Figure for DefinitionsCurveFigure {
    type Params = DefinitionsCurveParams;
    const KIND: &'static str = "definitionscurve";
    const TITLE: &'static str = "P(inside) against d, for every definition";

    fn new(params: DefinitionsCurveParams) -> Self {
        Self {
            params,
            report: None,
        }
    }

    fn params(&self) -> &DefinitionsCurveParams {
        &self.params
    }

    fn set_params(&mut self, params: DefinitionsCurveParams) {
        self.params = params;
        if self.current().is_none() {
            self.report = None;
        }
    }

    fn summary(&self) -> String {
        let p = &self.params;
        let spec = self.spec();
        let done = self
            .current()
            .map(|r| r.cells.iter().flatten().count())
            .unwrap_or(0);
        let mut s = format!(
            "{} data; at each d one training set of N = {} points, drawn once, and {} fresh \
             test points, the same for all five definitions",
            match p.dist {
                Distribution::UniformCube => "Uniform-in-a-cube",
                _ => "Gaussian",
            },
            thousands(p.n as i64),
            thousands(p.tests as i64)
        );
        if done < spec.dims.len() {
            s.push_str(&format!(
                ": computing, {done} of {} dimensions done",
                spec.dims.len()
            ));
        }
        s.push('.');
        if let Some(cell) = self.last_finished() {
            let (d, rank) = (cell.dim, cell.mvee_rank);
            let counts: Vec<(Definition, InsideCount)> = cell
                .counts
                .iter()
                .map(|c| (c.definition, c.count))
                .collect();
            let parts: Vec<String> = counts
                .iter()
                .map(|(def, c)| {
                    let name = match def {
                        Definition::BoundingBox => "box",
                        Definition::AnyCoordinate => "any",
                        other => other.name(),
                    };
                    format!("{name} {}", percent(c.fraction()))
                })
                .collect();
            s.push_str(&format!(
                " d = {d}, N = {}: {}.",
                thousands(p.n as i64),
                parts.join(", ")
            ));
            if let Some(given) = cell.box_given_training {
                s.push_str(&format!(
                    " Given this training set the box's exact value is {:.1}%, which its \
                     estimate targets; averaged over training sets it is ((N − 1)/(N + 1))^d = \
                     {:.1}%.",
                    100.0 * given,
                    100.0 * box_exact(p.n, d)
                ));
            }
            if let Some(worst) = counts
                .iter()
                .map(|(_, c)| {
                    let (lo, hi) = c.interval();
                    (hi - lo) / 2.0
                })
                .max_by(|a, b| a.total_cmp(b))
            {
                s.push_str(&format!(
                    " Each is an estimate from {} tests of the chance given the training set \
                     (95% Wilson intervals at most ±{} points), the hull's too: the theorems' \
                     chance over training sets is the hull curves' above.",
                    thousands(p.tests as i64),
                    percent(worst).trim_end_matches('%')
                ));
            }
            if rank < d as usize {
                s.push_str(&format!(
                    " With N ≤ d the data span only {rank} of the {d} dimensions, so the ellipsoid is flat and contains no new point."
                ));
            }
        }
        if let Some(e) = self.current().and_then(|r| r.error.as_ref()) {
            s.push_str(&format!(" The computation stopped: {e}."));
        }
        s
    }

    fn description(&self) -> String {
        format!(
            "A chart of the probability that a new {} sample counts as interpolation against \
             the dimension d from 1 to {}, for five definitions: inside the convex hull (solid \
             line, filled discs), the bounding box (short dashes, open squares), any coordinate \
             in range (thin line, triangles), the minimum-volume enclosing ellipsoid (long \
             dashes, open diamonds) and the ball around the mean (dots, crosses), with 95% \
             error bars; each d uses one training set for all five. For the box, short bars \
             mark its exact value given each training set and a thin dashed grey line its \
             average over training sets, ((N − 1)/(N + 1))^d.",
            self.dist_words(),
            self.params.dmax
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        if width < 620.0 {
            (width * 0.95).clamp(320.0, 520.0)
        } else {
            (width * 0.5).clamp(320.0, 470.0)
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let (w, _) = root.dim_in_pixel();
        let cw = w as f64 / th.scale;
        let title = if cw < 520.0 {
            format!(
                "P(counts as interpolation), N = {}",
                thousands(self.params.n as i64)
            )
        } else {
            format!(
                "P(new {} sample counts as interpolation), N = {}",
                self.dist_words(),
                thousands(self.params.n as i64)
            )
        };
        theme::panel_title(root, &th, &title)?;
        // Legend in rows under the title: line pattern, marker, name.
        let item_w = 150.0;
        let per_row = ((cw - 20.0) / item_w).floor().max(1.0) as usize;
        for (i, &def) in Definition::ALL.iter().enumerate() {
            let (row, col) = (i / per_row, i % per_row);
            let x = th.px(12.0 + col as f64 * item_w);
            let y = th.px(34.0 + 18.0 * row as f64);
            let (color, width, dash) = style_of(def);
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
            draw_marker(root, def, (x + th.px(15.0), y), &th)?;
            let name = match def {
                Definition::Hull => "hull",
                Definition::BoundingBox => "box",
                Definition::AnyCoordinate => "any coordinate",
                Definition::Ellipsoid => "ellipsoid (MVEE)",
                Definition::Ball => "ball",
            };
            root.draw(&Text::new(
                name,
                (x + th.px(36.0), y),
                th.text(12.0).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        let mut rows = Definition::ALL.len().div_ceil(per_row);
        // The box's two exact values, under the definitions: given the training set (bars)
        // and averaged over training sets (thin grey dashes).
        let ref_w = 250.0;
        let refs_per_row = ((cw - 20.0) / ref_w).floor().max(1.0) as usize;
        let references = [
            "box, exact given this training set",
            "box, averaged over training sets",
        ];
        for (i, label) in references.iter().enumerate() {
            let (row, col) = (rows + i / refs_per_row, i % refs_per_row);
            let x = th.px(12.0 + col as f64 * ref_w);
            let y = th.px(34.0 + 18.0 * row as f64);
            if i == 0 {
                draw_exact_bar(root, (x + th.px(15.0), y), &th)?;
            } else {
                root.draw(&DashedPathElement::new(
                    vec![(x, y), (x + th.px(30.0), y)],
                    th.upx(4.0).max(1),
                    th.upx(3.0).max(1),
                    th.stroke(theme::MUTED, 1.3),
                ))?;
            }
            root.draw(&Text::new(
                *label,
                (x + th.px(36.0), y),
                th.text(12.0).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        rows += references.len().div_ceil(refs_per_row);
        let dmax = self.params.dmax.max(2) as f64;
        let mut chart = ChartBuilder::on(root)
            .margin(th.upx(10.0))
            .margin_top(th.upx(34.0 + 18.0 * rows as f64))
            .margin_right(th.upx(18.0))
            .x_label_area_size(th.upx(40.0))
            .y_label_area_size(th.upx(48.0))
            .build_cartesian_2d(0.5f64..dmax + 0.5, -0.02f64..1.02f64)?;
        theme::mesh(&mut chart, &th)
            .x_desc("dimension d")
            .y_desc("P(inside)")
            .x_label_formatter(&|v| format!("{}", v.round() as i64))
            .y_label_formatter(&|v| percent(v.clamp(0.0, 1.0)))
            .y_labels(6)
            .draw()?;
        // The box averaged over training sets, at every d of the axis.
        let n = self.params.n;
        chart.draw_series(DashedLineSeries::new(
            (1..=self.params.dmax.max(2)).map(|d| (d as f64, box_exact(n, d))),
            th.upx(4.0).max(1),
            th.upx(3.0).max(1),
            th.stroke(theme::MUTED, 1.3),
        ))?;
        let Some(report) = self.current() else {
            theme::centered_message(root, &th, "starting…")?;
            return Ok(());
        };
        for def in Definition::ALL {
            let pts = self.series(def);
            if pts.is_empty() {
                continue;
            }
            let (color, width, dash) = style_of(def);
            // Wilson 95 % intervals as error bars.
            for (d, c) in &pts {
                let (lo, hi) = c.interval();
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(*d as f64, lo), (*d as f64, hi)],
                    color.mix(0.6).stroke_width(th.upx(1.0).max(1)),
                )))?;
            }
            let line: Vec<(f64, f64)> =
                pts.iter().map(|(d, c)| (*d as f64, c.fraction())).collect();
            match dash {
                None => {
                    chart.draw_series(LineSeries::new(line.clone(), th.stroke(color, width)))?;
                }
                Some((on, off)) => {
                    chart.draw_series(DashedLineSeries::new(
                        line.clone(),
                        th.upx(on).max(1),
                        th.upx(off).max(1),
                        th.stroke(color, width),
                    ))?;
                }
            }
            for p in &line {
                let c = theme::local(root, chart.backend_coord(p));
                draw_marker(root, def, c, &th)?;
            }
        }
        // The box's exact value given each d's training set: what its estimate targets.
        for (d, p) in self.box_given_training() {
            let c = theme::local(root, chart.backend_coord(&(d as f64, p)));
            draw_exact_bar(root, c, &th)?;
        }
        if report.error.is_some() {
            theme::centered_message(root, &th, "stopped: see the caption")?;
        }
        root.present()?;
        Ok(())
    }

    fn job(&self) -> Option<JobSpec> {
        match self.current() {
            Some(r) if r.is_complete() || r.error.is_some() => None,
            _ => Some(JobSpec::Definitions(self.spec())),
        }
    }

    fn accept(&mut self, output: &JobOutput) {
        if let JobOutput::Definitions(r) = output {
            if r.spec == self.spec() {
                self.report = Some(r.clone());
            }
        }
    }

    fn table(&self) -> Option<Table> {
        let p = &self.params;
        let mut t = Table::new(
            format!(
                "P(inside) against the dimension d for every definition, {} data, N = {} \
                 training points: at each d one training set, drawn once, and {} fresh test \
                 points, shared by all definitions, so each count (the hull's too) estimates \
                 the chance given that training set",
                self.dist_words(),
                p.n,
                p.tests
            ),
            &[
                "definition",
                "dimension d",
                "training points N",
                "tests inside",
                "tests",
                "P(inside)",
                "95% interval, low",
                "95% interval, high",
                "exact P given this training set (box and any coordinate)",
                "exact P averaged over training sets (box and any coordinate)",
            ],
        );
        let given: Vec<&SweepCell> = self
            .current()
            .map(|r| r.cells.iter().flatten().collect())
            .unwrap_or_default();
        for def in Definition::ALL {
            for (d, c) in self.series(def) {
                let (lo, hi) = c.interval();
                let cell = given.iter().find(|cell| cell.dim == d);
                let (exact_given, exact_mean) = match def {
                    Definition::BoundingBox => {
                        (cell.and_then(|c| c.box_given_training), box_exact(p.n, d))
                    }
                    Definition::AnyCoordinate => {
                        (cell.and_then(|c| c.any_given_training), any_exact(p.n, d))
                    }
                    _ => (None, f64::NAN),
                };
                t.push(vec![
                    def.name().into(),
                    d.into(),
                    p.n.into(),
                    c.inside.into(),
                    c.tests.into(),
                    c.fraction().into(),
                    lo.into(),
                    hi.into(),
                    exact_given.unwrap_or(f64::NAN).into(),
                    exact_mean.into(),
                ]);
            }
        }
        (!t.rows.is_empty()).then_some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::run_to_end;
    use crate::math::definitions::{DefinitionsCurve, DefinitionsParams, FitOptions};

    fn small(dist: &str) -> DefinitionsCurveFigure {
        DefinitionsCurveFigure::new(
            DefinitionsCurveParams::from_query(&format!(
                "dc.dmax=12&dc.n=300&dc.tests=150&dc.dist={dist}&dc.seed=4"
            ))
            .0,
        )
    }

    #[test]
    fn the_job_matches_the_core_run_directly() {
        let mut f = small("gauss");
        let spec = f.job().expect("a job");
        let out = run_to_end(&spec).unwrap();
        f.accept(&out);
        assert!(f.job().is_none());
        let r = f.current().unwrap();
        for (i, cell) in r.cells.iter().enumerate() {
            let cell = cell.as_ref().unwrap();
            let mut run = DefinitionsCurve::new(DefinitionsParams {
                sample: r.spec.params(i),
                definitions: Definition::ALL.to_vec(),
                options: FitOptions::default(),
            })
            .unwrap();
            while !run.step(97).unwrap() {}
            assert_eq!(cell.counts, run.counts(), "d = {}", cell.dim);
            // The hull count is the hull Monte Carlo's, on the same samples.
            let hull = crate::math::hull::inside_fraction(&r.spec.params(i)).unwrap();
            assert_eq!(cell.count(Definition::Hull).unwrap().count, hull);
        }
    }

    #[test]
    fn box_and_any_agree_with_their_exact_values_and_the_caption_gives_the_numbers() {
        for dist in ["gauss", "cube"] {
            let mut f = small(dist);
            f.complete();
            // The counts estimate the exact values given each d's training set (99.99 %
            // Wilson intervals: all 2 × 8 hold with overwhelming probability).
            let cells: Vec<SweepCell> = f
                .current()
                .unwrap()
                .cells
                .iter()
                .flatten()
                .cloned()
                .collect();
            for (def, given) in [
                (
                    Definition::BoundingBox,
                    cells
                        .iter()
                        .map(|c| c.box_given_training)
                        .collect::<Vec<_>>(),
                ),
                (
                    Definition::AnyCoordinate,
                    cells.iter().map(|c| c.any_given_training).collect(),
                ),
            ] {
                for ((d, c), exact) in f.series(def).into_iter().zip(given) {
                    let exact = exact.expect("a product law");
                    let (lo, hi) = crate::math::stats::wilson_interval(c.inside, c.tests, 3.89);
                    assert!(
                        lo <= exact && exact <= hi,
                        "{dist} {def:?} d = {d}: {c:?} vs {exact}"
                    );
                }
            }
            assert_eq!(
                f.box_given_training(),
                cells
                    .iter()
                    .map(|c| (c.dim, c.box_given_training.unwrap()))
                    .collect::<Vec<_>>()
            );
            // The table gives both exact values, given the set and averaged over sets.
            let t = f.table().unwrap();
            let col = |name: &str| t.columns.iter().position(|h| h.starts_with(name)).unwrap();
            let (given, mean) = (col("exact P given"), col("exact P averaged"));
            let boxes: Vec<_> = t
                .rows
                .iter()
                .filter(|r| r[0] == crate::figures::Cell::from("box"))
                .collect();
            assert_eq!(boxes.len(), cells.len());
            for (r, c) in boxes.iter().zip(&cells) {
                assert_eq!(r[given], c.box_given_training.unwrap().into());
                assert_eq!(r[mean], box_exact(300, c.dim).into());
            }
            // Inclusions on the same samples at every d.
            let at = |def| f.series(def);
            let (h, b, a, e, ba) = (
                at(Definition::Hull),
                at(Definition::BoundingBox),
                at(Definition::AnyCoordinate),
                at(Definition::Ellipsoid),
                at(Definition::Ball),
            );
            for i in 0..h.len() {
                assert!(h[i].1.inside <= b[i].1.inside && b[i].1.inside <= a[i].1.inside);
                assert!(h[i].1.inside <= e[i].1.inside && h[i].1.inside <= ba[i].1.inside);
            }
            // The caption reads the drawn numbers at the largest d.
            let s = f.summary();
            let cell = f.last_finished().unwrap();
            assert_eq!(cell.dim, 12);
            for &crate::math::definitions::DefinitionCount {
                definition: def,
                count: c,
            } in &cell.counts
            {
                let name = match def {
                    Definition::BoundingBox => "box",
                    Definition::AnyCoordinate => "any",
                    other => other.name(),
                };
                assert!(
                    s.contains(&format!("{name} {}", percent(c.fraction()))),
                    "{s}"
                );
            }
            assert!(s.contains("d = 12, N = 300: hull "), "{s}");
            assert!(!s.contains("computing"), "{s}");
            let given = format!(
                "Given this training set the box's exact value is {:.1}%",
                100.0 * cell.box_given_training.unwrap()
            );
            let mean = format!("((N − 1)/(N + 1))^d = {:.1}%", 100.0 * box_exact(300, 12));
            assert!(s.contains(&given) && s.contains(&mean), "{s}");
            assert!(
                s.contains("one training set of N = 300 points, drawn once"),
                "{s}"
            );
        }
    }

    #[test]
    fn partial_results_are_drawn_and_stale_ones_ignored() {
        let mut f = small("gauss");
        let JobSpec::Definitions(spec) = f.job().unwrap() else {
            panic!()
        };
        let mut run = crate::math::definitions::sweep::SweepRun::new(spec).unwrap();
        while run.report().cells.iter().flatten().count() < 3 {
            run.step(50_000);
        }
        f.accept(&JobOutput::Definitions(run.report().clone()));
        assert!(f.job().is_some());
        let s = f.summary();
        assert!(
            s.contains("computing,") && s.contains("dimensions done"),
            "{s}"
        );
        let svg = crate::figures::render_svg(
            &crate::figures::AnyFigure::DefinitionsCurve(f.clone()),
            900,
            450,
        )
        .unwrap();
        assert!(svg.contains("<polyline") || svg.contains("<path"));
        let mut other = f.clone();
        other.set_params(DefinitionsCurveParams {
            seed: 99,
            ..f.params().clone()
        });
        assert!(other.current().is_none());
        other.accept(&JobOutput::Definitions(run.report().clone()));
        assert!(other.current().is_none());
    }

    #[test]
    fn a_flat_ellipsoid_is_explained() {
        let mut f = DefinitionsCurveFigure::new(
            DefinitionsCurveParams::from_query("dc.dmax=16&dc.n=10&dc.tests=40").0,
        );
        f.complete();
        let s = f.summary();
        assert!(s.contains("ellipsoid is flat"), "{s}");
        assert!(s.contains("ellipsoid 0%"), "{s}");
    }

    impl DefinitionsCurveFigure {
        fn complete(&mut self) {
            let spec = self.job().unwrap();
            let out = run_to_end(&spec).unwrap();
            self.accept(&out);
        }
    }
}
