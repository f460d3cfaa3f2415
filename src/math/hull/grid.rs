//! The paper's Figure 1 as one resumable computation: the fraction of test points inside the
//! training hull over a grid of (series, N), where a series fixes the ambient dimension and
//! where the data live (everywhere, on a linear subspace, on a curve).
//!
//! Cells run N-major (every series at the smallest N, then the next N, …) so that all curves
//! grow together from cheap to expensive. Within a series, training sets are nested and test
//! points shared across N (common random numbers, see [`MonteCarloParams::seed`]), so the
//! count is monotone in N: once every test point of a cell is inside, every later cell of the
//! series is too. Such cells are filled without computing and flagged
//! [`GridCell::inferred`]; this is exact, not an approximation.

use super::{Distribution, HullError, InsideCount, InsideFraction, MonteCarloParams};
use crate::math::rng::Rng;
use serde::{Deserialize, Serialize};

/// Largest ambient dimension of a grid series.
pub const MAX_GRID_DIM: u32 = 128;
/// Largest training-set size in a grid.
pub const MAX_GRID_TRAIN: u32 = 100_000;
/// Largest number of test points per cell.
pub const MAX_GRID_TESTS: u32 = 10_000;
/// Most series in one grid.
pub const MAX_GRID_SERIES: usize = 32;
/// Most training-set sizes in one grid.
pub const MAX_GRID_SIZES: usize = 40;

/// Where the points of a series live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Support {
    /// Drawn from the distribution in the whole ambient space.
    Full,
    /// Drawn in `R^k` and mapped into the ambient space by a random invertible linear map.
    Subspace {
        /// The subspace dimension (1 ≤ k ≤ ambient dimension).
        k: u32,
    },
    /// On a [`super::SmoothCurve`] through `anchors` random points.
    Curve {
        /// Number of anchor points (2..=64).
        anchors: u32,
    },
}

/// One curve of the figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// Ambient dimension.
    pub dim: u32,
    /// Where the data live.
    pub support: Support,
}

impl Series {
    /// The dimension of the smallest affine subspace holding the data (generically): `d`,
    /// `k`, or `min(anchors − 1, d)` for a curve.
    pub fn affine_dim(&self) -> u32 {
        match self.support {
            Support::Full => self.dim,
            Support::Subspace { k } => k.min(self.dim),
            Support::Curve { anchors } => anchors.saturating_sub(1).min(self.dim),
        }
    }
}

/// A whole grid: every series at every training-set size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridSpec {
    /// The series (1..=[`MAX_GRID_SERIES`]).
    pub series: Vec<Series>,
    /// Training-set sizes, strictly increasing, in `1..=MAX_GRID_TRAIN`.
    pub train: Vec<u32>,
    /// Test points per cell.
    pub tests: u32,
    /// Law of the points (for [`Support::Full`] and [`Support::Subspace`]).
    pub distribution: Distribution,
    /// Seed; each series gets its own independent stream of it.
    pub seed: u64,
}

impl GridSpec {
    /// Estimated work of cell (series `s`, size index `n`) in multiply-adds: drawing the
    /// training set plus about two passes over it per test point.
    fn cell_work(&self, s: usize, n: usize) -> u64 {
        let d = self.series[s].dim as u64;
        let train = self.train[n] as u64;
        let tests = self.tests as u64;
        d * train + tests * (2 * d * train + 16 * d)
    }

    /// Total estimated work, in multiply-adds.
    pub fn work(&self) -> u64 {
        (0..self.series.len())
            .flat_map(|s| (0..self.train.len()).map(move |n| (s, n)))
            .map(|(s, n)| self.cell_work(s, n))
            .fold(0u64, u64::saturating_add)
    }

    /// Checks the spec against the limits (specs may come from untrusted JSON).
    ///
    /// # Errors
    /// A message naming the offending field.
    pub fn validate(&self) -> Result<(), String> {
        if self.series.is_empty() || self.series.len() > MAX_GRID_SERIES {
            return Err(format!(
                "{} series is outside 1..={MAX_GRID_SERIES}",
                self.series.len()
            ));
        }
        for s in &self.series {
            if s.dim == 0 || s.dim > MAX_GRID_DIM {
                return Err(format!("dimension {} is outside 1..={MAX_GRID_DIM}", s.dim));
            }
            match s.support {
                Support::Full => {}
                Support::Subspace { k } if (1..=s.dim).contains(&k) => {}
                Support::Subspace { k } => {
                    return Err(format!("subspace {k} is outside 1..={}", s.dim))
                }
                Support::Curve { anchors } if (2..=64).contains(&anchors) => {}
                Support::Curve { anchors } => {
                    return Err(format!("{anchors} anchors is outside 2..=64"))
                }
            }
        }
        if self.train.is_empty() || self.train.len() > MAX_GRID_SIZES {
            return Err(format!(
                "{} training-set sizes is outside 1..={MAX_GRID_SIZES}",
                self.train.len()
            ));
        }
        if self.train[0] == 0
            || self.train.iter().any(|&n| n > MAX_GRID_TRAIN)
            || self.train.windows(2).any(|w| w[0] >= w[1])
        {
            return Err(format!(
                "training-set sizes must increase strictly within 1..={MAX_GRID_TRAIN}"
            ));
        }
        if self.tests == 0 || self.tests > MAX_GRID_TESTS {
            return Err(format!(
                "{} tests is outside 1..={MAX_GRID_TESTS}",
                self.tests
            ));
        }
        Ok(())
    }

    fn params(&self, s: usize, n: usize) -> MonteCarloParams {
        let series = self.series[s];
        MonteCarloParams {
            dim: series.dim as usize,
            train: self.train[n] as usize,
            tests: self.tests as usize,
            distribution: self.distribution,
            subspace: match series.support {
                Support::Subspace { k } => Some(k as usize),
                _ => None,
            },
            // Independent series; the same stream at every N of a series.
            seed: Rng::stream(self.seed, 0x5e_0000 + s as u64).next_u64(),
        }
    }
}

/// One finished cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridCell {
    /// How many tests fell inside.
    pub count: InsideCount,
    /// True when the count was inferred (a smaller N of the same series already had every
    /// test inside) rather than computed.
    pub inferred: bool,
}

/// The grid so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridReport {
    /// What was asked.
    pub spec: GridSpec,
    /// `cells[s][n]`: series `s` at training size `spec.train[n]`, once finished.
    pub cells: Vec<Vec<Option<GridCell>>>,
    /// Passes over training data made so far (see [`super::Classification::passes`]).
    pub passes: u64,
    /// Test points classified so far.
    pub classified: u64,
}

impl GridReport {
    /// Whether every cell is finished.
    pub fn is_complete(&self) -> bool {
        self.cells.iter().all(|row| row.iter().all(Option::is_some))
    }
}

/// A resumable grid computation.
#[derive(Clone, Debug)]
pub struct GridRun {
    report: GridReport,
    /// Next cell in N-major order.
    next: usize,
    current: Option<(usize, usize, InsideFraction)>,
    work_total: u64,
    work_done: u64,
}

impl GridRun {
    /// Prepares the run.
    ///
    /// # Errors
    /// The message of [`GridSpec::validate`].
    pub fn new(spec: GridSpec) -> Result<Self, String> {
        spec.validate()?;
        let cells = vec![vec![None; spec.train.len()]; spec.series.len()];
        Ok(Self {
            work_total: spec.work().max(1),
            report: GridReport {
                spec,
                cells,
                passes: 0,
                classified: 0,
            },
            next: 0,
            current: None,
            work_done: 0,
        })
    }

    /// Does about `work` multiply-adds; returns true when every cell is finished.
    ///
    /// # Errors
    /// A [`HullError`] from the solver (never seen in testing).
    ///
    /// ```
    /// use highdim::math::hull::{Distribution, GridRun, GridSpec, Series, Support};
    /// let spec = GridSpec {
    ///     series: vec![Series { dim: 2, support: Support::Full }],
    ///     train: vec![3, 30, 300],
    ///     tests: 50,
    ///     distribution: Distribution::Gaussian,
    ///     seed: 1,
    /// };
    /// let mut run = GridRun::new(spec).unwrap();
    /// while !run.step(10_000).unwrap() {}
    /// let row = &run.report().cells[0];
    /// let p: Vec<f64> = row.iter().map(|c| c.unwrap().count.fraction()).collect();
    /// assert!(p[0] <= p[1] && p[1] <= p[2] && p[2] > 0.9);
    /// ```
    pub fn step(&mut self, work: u64) -> Result<bool, HullError> {
        let spec = &self.report.spec;
        let (ns, nn) = (spec.series.len(), spec.train.len());
        let mut budget = work.max(1);
        loop {
            if self.current.is_none() {
                if self.next >= ns * nn {
                    return Ok(true);
                }
                let (n, s) = (self.next / ns, self.next % ns);
                self.next += 1;
                let spec = &self.report.spec;
                // Common random numbers: a saturated series stays saturated.
                let saturated = n > 0
                    && matches!(self.report.cells[s][n - 1], Some(c) if c.count.inside == c.count.tests);
                if saturated {
                    self.report.cells[s][n] = Some(GridCell {
                        count: InsideCount {
                            inside: spec.tests as u64,
                            tests: spec.tests as u64,
                        },
                        inferred: true,
                    });
                    self.work_done += spec.cell_work(s, n);
                    continue;
                }
                let params = spec.params(s, n);
                let run = match spec.series[s].support {
                    Support::Curve { anchors } => {
                        InsideFraction::on_curve(params, anchors as usize)?
                    }
                    _ => InsideFraction::new(params)?,
                };
                let setup = spec.series[s].dim as u64 * spec.train[n] as u64;
                self.work_done += setup;
                budget = budget.saturating_sub(setup);
                self.current = Some((s, n, run));
            }
            if budget == 0 {
                return Ok(false);
            }
            let Some((s, n, run)) = self.current.as_mut() else {
                continue;
            };
            let (s, n) = (*s, *n);
            let spec = &self.report.spec;
            let per_test = (spec.cell_work(s, n)
                - spec.series[s].dim as u64 * spec.train[n] as u64)
                / spec.tests as u64;
            let tests = (budget / per_test.max(1)).max(1);
            let before = (run.count().tests, run.passes());
            let done = run.step(tests as usize)?;
            let did = run.count().tests - before.0;
            self.report.passes += run.passes() - before.1;
            self.report.classified += did;
            self.work_done += did * per_test;
            budget = budget.saturating_sub(did * per_test.max(1));
            if done {
                self.report.cells[s][n] = Some(GridCell {
                    count: run.count(),
                    inferred: false,
                });
                self.current = None;
            }
        }
    }

    /// Fraction of the estimated work done, in `[0, 1]` (1 only when complete).
    pub fn progress(&self) -> f64 {
        if self.report.is_complete() {
            return 1.0;
        }
        (self.work_done as f64 / self.work_total as f64).min(0.999)
    }

    /// The cells finished so far.
    pub fn report(&self) -> &GridReport {
        &self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> GridSpec {
        GridSpec {
            series: vec![
                Series {
                    dim: 1,
                    support: Support::Full,
                },
                Series {
                    dim: 6,
                    support: Support::Full,
                },
            ],
            train: vec![4, 20, 100, 500, 2500],
            tests: 40,
            distribution: Distribution::Gaussian,
            seed: 3,
        }
    }

    fn finish(spec: GridSpec, slice: u64) -> GridReport {
        let mut run = GridRun::new(spec).unwrap();
        let mut last = 0.0;
        while !run.step(slice).unwrap() {
            assert!(run.progress() >= last);
            last = run.progress();
        }
        assert_eq!(run.progress(), 1.0);
        run.report().clone()
    }

    #[test]
    fn slicing_does_not_change_the_result_and_counts_are_monotone() {
        let a = finish(spec(), 1 << 40);
        let b = finish(spec(), 500);
        assert_eq!(a.cells, b.cells);
        for row in &a.cells {
            let inside: Vec<u64> = row.iter().map(|c| c.unwrap().count.inside).collect();
            assert!(inside.windows(2).all(|w| w[0] <= w[1]), "{inside:?}");
        }
        // 1-D saturates well before N = 2500; the later cells are inferred, exactly.
        assert!(a.cells[0][4].unwrap().inferred);
        assert!(!a.cells[1][0].unwrap().inferred);
        assert!(a.cells[1][4].unwrap().count.fraction() < 1.0);
    }

    #[test]
    fn inferred_cells_agree_with_computing_them() {
        let a = finish(spec(), 1 << 40);
        let s = &a.spec;
        for (si, row) in a.cells.iter().enumerate() {
            for (ni, c) in row.iter().enumerate() {
                let c = c.unwrap();
                if c.inferred {
                    let direct = super::super::inside_fraction(&s.params(si, ni)).unwrap();
                    assert_eq!(direct, c.count);
                }
            }
        }
    }

    #[test]
    fn partial_reports_fill_in_n_major_order() {
        let mut run = GridRun::new(spec()).unwrap();
        let mut steps = 0;
        while run.report().cells[0][0].is_none() {
            run.step(1).unwrap();
            steps += 1;
        }
        assert!(steps > 10, "one test per step: {steps}");
        let r = run.report();
        assert!(!r.is_complete());
        // The first cells done are the smallest N of each series.
        assert!(r.cells[0][0].is_some());
        assert!(r.cells[1][4].is_none());
    }

    #[test]
    fn limits_are_enforced() {
        let ok = spec();
        assert!(ok.validate().is_ok());
        let mut bad = ok.clone();
        bad.train = vec![10, 10];
        assert!(bad.validate().is_err());
        let mut bad = ok.clone();
        bad.series[0].dim = 1000;
        assert!(bad.validate().is_err());
        let mut bad = ok.clone();
        bad.series[0].support = Support::Subspace { k: 3 };
        assert!(bad.validate().is_err());
        let mut bad = ok.clone();
        bad.tests = 0;
        assert!(bad.validate().is_err());
        let mut bad = ok;
        bad.series.clear();
        assert!(GridRun::new(bad).is_err());
    }

    #[test]
    fn affine_dimensions() {
        let s = |dim, support| Series { dim, support };
        assert_eq!(s(10, Support::Full).affine_dim(), 10);
        assert_eq!(s(10, Support::Subspace { k: 3 }).affine_dim(), 3);
        assert_eq!(s(10, Support::Curve { anchors: 8 }).affine_dim(), 7);
        assert_eq!(s(3, Support::Curve { anchors: 8 }).affine_dim(), 3);
    }
}
