//! Figure "hullsubspace": intrinsic against ambient dimension — the paper's Figure 1 (middle
//! and right).
//!
//! Linear mode: data drawn in `R^k` and carried into `R^16` and `R^64` by a random injective
//! linear map `R^k → R^d`. Such a map preserves hull membership exactly, so the curves follow
//! `k`, not the ambient dimension; `k`-dimensional data in `R^k` and 32-dimensional data
//! filling `R^32` are drawn for comparison, and under the simulated points the exact curve of
//! Gaussian data in `R^k` ([`crate::math::hull::exact`]). Curve mode: data on a smooth 1-D curve through 24 random
//! anchor points ([`crate::math::hull::SmoothCurve`]) in `R^2`, `R^3`, `R^8`, `R^32`. The
//! data are one-dimensional, yet they extrapolate, because the smallest affine subspace
//! holding them has dimension `min(23, d)`; data on a straight line (exactly
//! `(N − 1)/(N + 1)` inside) are drawn for comparison.

use super::panels::{
    draw_probability_panel, grid_table, row_points, train_grid, ExactCurves, Reference,
};
use crate::figures::theme::Theme;
use crate::figures::{DrawResult, Figure, Table};
use crate::format::{percent, superscript, thousands};
use crate::jobs::{JobOutput, JobSpec};
use crate::math::hull::{Distribution, GaussianHull, GridReport, GridSpec, Series, Support};
use crate::params::{choices, Control, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;

choices! {
    /// What the data lie on.
    Shape, SHAPES;
    /// A k-dimensional linear subspace.
    Linear => ("linear", "a k-dimensional linear subspace"),
    /// A smooth 1-D curve.
    Curve => ("curve", "a 1-D curve"),
}

/// Anchor points of the curve.
pub const ANCHORS: u32 = 24;
/// Ambient dimensions of the curve series.
const CURVE_DIMS: [u32; 4] = [2, 3, 8, 32];

/// Parameters of the subspace figure.
#[derive(Clone, Debug, PartialEq)]
pub struct HullSubspaceParams {
    /// What the data lie on.
    pub shape: Shape,
    /// Subspace dimension (linear mode).
    pub k: u32,
    /// Largest training set.
    pub nmax: u32,
    /// Test points per cell.
    pub tests: u32,
    /// Seed.
    pub seed: u32,
}

const SPECS: &[Spec] = &[
    Spec::new("shape", "Data lie on", Control::Choice(SHAPES), 0.0, ""),
    Spec::new(
        "k",
        "Subspace dimension k",
        Control::Int { min: 1, max: 8 },
        2.0,
        "dimensions",
    ),
    Spec::new(
        "nmax",
        "Largest training set N",
        Control::LogInt {
            min: 100,
            max: 100_000,
        },
        10_000.0,
        "points",
    ),
    Spec::new(
        "tests",
        "Test points per cell",
        Control::LogInt { min: 20, max: 500 },
        100.0,
        "points",
    ),
    Spec::new("seed", "Seed", Control::Seed, 1.0, ""),
];

/// Where each parameter sits in [`ParamSet::values`], by key.
mod at {
    use super::SPECS;
    use crate::params::slot;
    pub const SHAPE: usize = slot(SPECS, "shape");
    pub const K: usize = slot(SPECS, "k");
    pub const NMAX: usize = slot(SPECS, "nmax");
    pub const TESTS: usize = slot(SPECS, "tests");
    pub const SEED: usize = slot(SPECS, "seed");
}

impl ParamSet for HullSubspaceParams {
    const NAMESPACE: &'static str = "hs";
    const SPECS: &'static [Spec] = SPECS;
    fn from_values(v: &[f64]) -> Self {
        Self {
            shape: Shape::from_index(v[at::SHAPE] as usize),
            k: v[at::K] as u32,
            nmax: v[at::NMAX] as u32,
            tests: v[at::TESTS] as u32,
            seed: v[at::SEED] as u32,
        }
    }
    fn values(&self) -> Vec<f64> {
        let mut v = vec![0.0; SPECS.len()];
        v[at::SHAPE] = self.shape.index() as f64;
        v[at::K] = self.k as f64;
        v[at::NMAX] = self.nmax as f64;
        v[at::TESTS] = self.tests as f64;
        v[at::SEED] = self.seed as f64;
        v
    }
}

/// The intrinsic-dimension figure.
#[derive(Clone, Debug)]
pub struct HullSubspaceFigure {
    params: HullSubspaceParams,
    report: Option<GridReport>,
    /// The theorem, for the Gaussian series (everything but the curve).
    theorem: GaussianHull,
    /// Exact curves per series, recomputed when the series or N change.
    exact: ExactCurves,
}

impl HullSubspaceFigure {
    /// The series drawn, with their labels.
    pub fn series(&self) -> Vec<(Series, String)> {
        let k = self.params.k;
        match self.params.shape {
            Shape::Linear => vec![
                (
                    Series {
                        dim: k,
                        support: Support::Full,
                    },
                    format!("{k}-D data in R{}", superscript(k as i64)),
                ),
                (
                    Series {
                        dim: 16,
                        support: Support::Subspace { k },
                    },
                    format!("{k}-D subspace of R¹⁶"),
                ),
                (
                    Series {
                        dim: 64,
                        support: Support::Subspace { k },
                    },
                    format!("{k}-D subspace of R⁶⁴"),
                ),
                (
                    Series {
                        dim: 32,
                        support: Support::Full,
                    },
                    "32-D data filling R³²".to_string(),
                ),
            ],
            Shape::Curve => CURVE_DIMS
                .iter()
                .map(|&dim| {
                    let s = Series {
                        dim,
                        support: Support::Curve { anchors: ANCHORS },
                    };
                    (
                        s,
                        format!(
                            "curve in R{} (affine dim {})",
                            superscript(dim as i64),
                            s.affine_dim()
                        ),
                    )
                })
                .collect(),
        }
    }

    /// The hull dimension of each series where the theorem applies (Gaussian data, in `R^d` or
    /// on a linear subspace: the affine dimension), `None` on the curve.
    fn exact_dims(&self) -> Vec<Option<u32>> {
        self.series()
            .iter()
            .map(|(s, _)| match s.support {
                Support::Curve { .. } => None,
                _ => Some(s.affine_dim()),
            })
            .collect()
    }

    fn exact_curves(&self) -> ExactCurves {
        let train = train_grid(self.params.nmax);
        let range = (train[0], *train.last().unwrap_or(&train[0]));
        ExactCurves::gaussian(&self.theorem, &self.exact_dims(), range, |d| {
            self.theorem.n50(d).ok().flatten()
        })
    }

    /// The job's grid.
    pub fn spec(&self) -> GridSpec {
        GridSpec {
            series: self.series().into_iter().map(|s| s.0).collect(),
            train: train_grid(self.params.nmax),
            tests: self.params.tests,
            // Gaussian within the subspace, as in the paper; unused on the curve.
            distribution: Distribution::Gaussian,
            seed: self.params.seed as u64,
        }
    }

    /// The fraction inside at the largest N computed so far, per series.
    pub fn last_fractions(&self) -> Vec<Option<(f64, f64)>> {
        let n = self.series().len();
        match &self.report {
            None => vec![None; n],
            Some(r) => (0..n)
                .map(|s| row_points(r, s).last().map(|(n, c)| (*n, c.fraction())))
                .collect(),
        }
    }
}

impl Figure for HullSubspaceFigure {
    type Params = HullSubspaceParams;
    const KIND: &'static str = "hullsubspace";
    const TITLE: &'static str = "Intrinsic dimension against ambient dimension";

    fn new(params: HullSubspaceParams) -> Self {
        let mut f = Self {
            params,
            report: None,
            theorem: GaussianHull::new(),
            exact: ExactCurves::default(),
        };
        f.exact = f.exact_curves();
        f
    }

    fn params(&self) -> &HullSubspaceParams {
        &self.params
    }

    fn set_params(&mut self, params: HullSubspaceParams) {
        let old = std::mem::replace(&mut self.params, params);
        if (old.shape, old.k, old.nmax) != (self.params.shape, self.params.k, self.params.nmax) {
            self.exact = self.exact_curves();
        }
        if self.report.as_ref().is_some_and(|r| r.spec != self.spec()) {
            self.report = None;
        }
    }

    fn summary(&self) -> String {
        let p = &self.params;
        let series = self.series();
        let last = self.last_fractions();
        let complete = self.report.as_ref().is_some_and(GridReport::is_complete);
        let parts: Vec<String> = series
            .iter()
            .zip(&last)
            .filter_map(|((_, label), f)| f.map(|(_, x)| format!("{label}: {}", percent(x))))
            .collect();
        let mut s = if complete {
            format!(
                "Share of {} test points inside the hull of N = {} training points — ",
                p.tests,
                thousands(p.nmax as i64)
            )
        } else {
            "Computing; share inside at the largest N done so far — ".to_string()
        };
        if parts.is_empty() {
            s = "Computing the first cells…".to_string();
        } else {
            s.push_str(&parts.join("; "));
            s.push('.');
        }
        s.push(' ');
        s.push_str(match p.shape {
            Shape::Linear => {
                "A one-to-one linear map carries weighted averages to weighted averages, so it \
                 preserves hull membership exactly: what counts is k, the dimension of the \
                 smallest affine subspace holding the data — not the ambient dimension. The thin \
                 lines are the theorem's exact curves for Gaussian data (up to 30 dimensions); \
                 each test point is tested against its own freshly drawn training set."
            }
            Shape::Curve => {
                "The data are one-dimensional, yet in more than a few dimensions almost no new \
                 point is inside: a curved 1-D set still spans a high-dimensional affine \
                 subspace, and that, not the manifold's dimension, is what counts."
            }
        });
        s
    }

    fn description(&self) -> String {
        format!(
            "A chart of the probability that a new sample is inside the convex hull of N training \
             samples against N on a logarithmic axis, with 95% bands, for data on {}: {}.",
            match self.params.shape {
                Shape::Linear => "a linear subspace",
                Shape::Curve => "a smooth one-dimensional curve",
            },
            self.series()
                .into_iter()
                .map(|s| s.1)
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    fn height_for(&self, width: f64) -> f64 {
        (width * 0.5).clamp(300.0, 440.0)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult {
        let th = Theme::new(scale);
        root.fill(&WHITE)?;
        let labels: Vec<String> = self.series().into_iter().map(|s| s.1).collect();
        let spec = self.spec();
        let reference = match self.params.shape {
            Shape::Curve => Some(Reference {
                points: spec
                    .train
                    .iter()
                    .map(|&n| (n as f64, (n as f64 - 1.0) / (n as f64 + 1.0)))
                    .collect(),
                label: "data on a straight line: (N − 1)/(N + 1)".to_string(),
            }),
            Shape::Linear => None,
        };
        let title = match self.params.shape {
            Shape::Linear => format!(
                "P(new sample in the hull), {}-D data embedded linearly",
                self.params.k
            ),
            Shape::Curve => "P(new sample in the hull), data on a 1-D curve".to_string(),
        };
        draw_probability_panel(
            root,
            &th,
            &title,
            &spec,
            self.report.as_ref(),
            &labels,
            &self.exact,
            reference.as_ref(),
        )?;
        root.present()?;
        Ok(())
    }

    fn job(&self) -> Option<JobSpec> {
        match &self.report {
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

    fn control_enabled(&self, key: &str) -> bool {
        match key {
            "k" => self.params.shape == Shape::Linear,
            _ => true,
        }
    }

    fn table(&self) -> Option<Table> {
        let labels: Vec<String> = self.series().into_iter().map(|s| s.1).collect();
        let dims = self.exact_dims();
        let exact = |s: usize, n: f64| -> Option<f64> {
            let d = (*dims.get(s)?)?;
            self.theorem.p_inside(d, n as u64).ok()
        };
        grid_table(
            "P(x in hull) against the number of training points N, by where the data live"
                .to_string(),
            "data",
            &labels,
            self.report.as_ref()?,
            (self.params.shape == Shape::Linear)
                .then_some(&exact as &dyn Fn(usize, f64) -> Option<f64>),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::AnyFigure;
    use crate::jobs::run_to_end;

    fn params(shape: Shape) -> HullSubspaceParams {
        HullSubspaceParams {
            shape,
            k: 2,
            nmax: 1000,
            tests: 100,
            seed: 4,
        }
    }

    #[test]
    fn linear_embeddings_follow_k_not_d() {
        let mut f = HullSubspaceFigure::new(params(Shape::Linear));
        f.accept(&run_to_end(&f.job().unwrap()).unwrap());
        assert!(f.job().is_none());
        let last: Vec<f64> = f
            .last_fractions()
            .into_iter()
            .map(|x| x.unwrap().1)
            .collect();
        // 2-D data at N = 1000: nearly all inside, embedded or not; 32-D data: none.
        for &p in &last[..3] {
            assert!(p > 0.9, "{last:?}");
        }
        assert!(last[3] < 0.05, "{last:?}");
        let s = f.summary();
        assert!(s.contains("2-D subspace of R⁶⁴:"), "{s}");
        assert!(s.contains("not the ambient dimension"), "{s}");
        assert!(f.control_enabled("k"));
    }

    #[test]
    fn a_curve_still_extrapolates_in_high_dimension() {
        let mut f = HullSubspaceFigure::new(params(Shape::Curve));
        assert!(!f.control_enabled("k"));
        f.accept(&run_to_end(&f.job().unwrap()).unwrap());
        let last: Vec<f64> = f
            .last_fractions()
            .into_iter()
            .map(|x| x.unwrap().1)
            .collect();
        // In R^32 (affine dimension 23) essentially nothing is inside, even at N = 1000.
        assert!(last[3] < 0.1, "{last:?}");
        assert!(last[0] > last[3], "{last:?}");
        let svg = crate::figures::render_svg(&crate::figures::AnyFigure::HullSubspace(f), 800, 400)
            .unwrap();
        assert!(svg.contains("straight line"));
        assert!(svg.contains("curve in R³² (affine dim 23)"));
    }

    #[test]
    fn stale_outputs_are_ignored() {
        let mut f = HullSubspaceFigure::new(params(Shape::Linear));
        let out = run_to_end(&f.job().unwrap()).unwrap();
        f.set_params(HullSubspaceParams {
            k: 3,
            ..params(Shape::Linear)
        });
        f.accept(&out);
        assert!(f.report.is_none());
        assert!(f.summary().starts_with("Computing"));
    }

    #[test]
    fn the_legend_tells_series_apart_by_shape_not_only_colour() {
        // Before any result: only the legend draws series marks (disc, square, diamond, ring).
        let f = HullSubspaceFigure::new(params(Shape::Linear));
        let svg = crate::figures::render_svg(&AnyFigure::HullSubspace(f), 800, 400).unwrap();
        let count = |tag: &str| svg.matches(tag).count();
        assert!(count("<circle") >= 2, "disc and ring");
        assert!(svg.contains(r#"fill="none""#), "the ring is open");
        assert!(count("<rect") >= 2, "background and square");
        assert!(count("<polygon") >= 1, "diamond");
    }
}
