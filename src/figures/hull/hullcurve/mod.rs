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
//!
//! The right panel is drawn in `hullcurve/n50.rs`; the tests are in `hullcurve/tests.rs`.

use super::panels::{draw_probability_panel, grid_table, series_crossing, train_grid, ExactCurves};
use crate::figures::theme::{self, Theme};
use crate::figures::{DrawResult, Figure, Response, Table};
use crate::format::{count_from_log10, number, thousands};
use crate::jobs::{JobOutput, JobSpec};
use crate::math::hull::{
    Distribution, GaussianHull, GridReport, GridSpec, Series, Support, MAX_EXACT_DIM,
};
use crate::math::stats::{fit_log_line, Crossing};
use crate::params::{Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;

mod n50;
#[cfg(test)]
mod tests;

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

/// The dimensions drawn for a largest dimension `dmax`: at most six, evenly spaced with a
/// round step, ending at `dmax`.
///
/// ```
/// use highdim::figures::hull::hullcurve::dims_for;
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
