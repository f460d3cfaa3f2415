//! The experiment of the paper's Figure 3 on real digits, as a resumable computation: the
//! fraction of test images inside the convex hull of the training images, against the number
//! `k` of dimensions kept, for each reduction. And the projection of one test digit onto the
//! hull of the training digits in pixel space.
//!
//! Cells run k-major (every reduction at the smallest k, then the next k, …) so that the
//! curves grow together from cheap to expensive. For nested reductions ([`Reduction::is_nested`])
//! a test image found outside at some k is outside at every larger k — the projection of a
//! hull onto a subset of coordinates is the hull of the projected points — so it is counted
//! without computing (flagged in [`CurvePoint::inferred`]); this is exact.

use super::data::{Digits, Split};
use super::pca::{Pca, PcaBuilder, PcaError};
use super::reduce::{centre_crop, smooth_subsample, square_side, Reduction};
use crate::math::hull::{Classifier, ConvexCombination, Hull, HullError, HullOptions, Membership};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Test images set aside by every split (the rest is the training pool).
pub const TEST_IMAGES: usize = 1000;

/// Checks a request for `train` training and `tests` test images against a file of `count`
/// digits: the test set is the first [`TEST_IMAGES`] (at most `count − 1`) of the seed's
/// split, the training images come from the rest.
pub(crate) fn check_split(train: u32, tests: u32, count: usize) -> Result<(), String> {
    let most = TEST_IMAGES.min(count.saturating_sub(1));
    if tests == 0 || tests as usize > most {
        return Err(format!("{tests} test images is outside 1..={most}"));
    }
    let pool = count - most;
    if train == 0 || train as usize > pool {
        return Err(format!("{train} training images is outside 1..={pool}"));
    }
    Ok(())
}
/// Most values of k in one curve.
pub const MAX_KS: usize = 100;

/// What to compute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurveSpec {
    /// Reductions, one curve each (1..=3, distinct).
    pub reductions: Vec<Reduction>,
    /// Dimensions kept, strictly increasing; squares when a pixel reduction is asked for.
    pub ks: Vec<u32>,
    /// Training images (the first of the seed's training pool).
    pub train: u32,
    /// Test images (the first of the seed's test set), at most [`TEST_IMAGES`].
    pub tests: u32,
    /// Seed of the split.
    pub seed: u64,
}

impl CurveSpec {
    /// Checks the spec against images of `rows × cols` and a data set of `count` images.
    ///
    /// # Errors
    /// A message naming the offending field.
    pub fn validate(&self, count: usize, rows: usize, cols: usize) -> Result<(), String> {
        let r = &self.reductions;
        if r.is_empty() || r.len() > 3 || (1..r.len()).any(|i| r[..i].contains(&r[i])) {
            return Err("give one to three distinct reductions".into());
        }
        if self.ks.is_empty() || self.ks.len() > MAX_KS {
            return Err(format!(
                "{} values of k is outside 1..={MAX_KS}",
                self.ks.len()
            ));
        }
        if self.ks.windows(2).any(|w| w[0] >= w[1]) {
            return Err("the values of k must increase".into());
        }
        for &k in &self.ks {
            for &red in r {
                if !red.accepts(k as usize, rows, cols) {
                    return Err(format!(
                        "k = {k} does not suit the {} reduction of {rows}×{cols} images{}",
                        red.name(),
                        if red == Reduction::Pca {
                            ""
                        } else {
                            " (it must be a square s² with s ≤ the side)"
                        }
                    ));
                }
            }
        }
        check_split(self.train, self.tests, count)
    }

    /// Rough total work in multiply-adds (for limits): building every cell plus one pass
    /// per test image, and the covariance when PCA is asked for.
    pub fn work(&self, pixels: usize) -> u64 {
        let (n, t) = (self.train as u64, self.tests as u64);
        let cells: u64 = self.ks.iter().map(|&k| n * k as u64 * (1 + t)).sum();
        let pca = if self.reductions.contains(&Reduction::Pca) {
            n * (pixels as u64).pow(2) / 2
        } else {
            0
        };
        cells
            .saturating_mul(self.reductions.len() as u64)
            .saturating_add(pca)
    }
}

/// One point of a curve: a value of k with every test image classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurvePoint {
    /// Dimensions kept.
    pub k: u32,
    /// Test images inside the training hull.
    pub inside: u32,
    /// Test images classified.
    pub tested: u32,
    /// Of those, how many were known to be outside from a smaller k (nested reductions).
    pub inferred: u32,
}

impl CurvePoint {
    /// The fraction inside.
    pub fn fraction(&self) -> f64 {
        if self.tested == 0 {
            0.0
        } else {
            self.inside as f64 / self.tested as f64
        }
    }
}

/// One curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurveSeries {
    /// The reduction.
    pub reduction: Reduction,
    /// Completed points, in increasing k.
    pub points: Vec<CurvePoint>,
}

/// The result so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurveReport {
    /// What was asked.
    pub spec: CurveSpec,
    /// One per reduction, in the spec's order.
    pub series: Vec<CurveSeries>,
    /// Fraction of the training variance explained by the first k components, per
    /// `spec.ks` (empty until PCA is fitted, or when PCA is not asked for).
    pub explained: Vec<f64>,
    /// Test image indices (into the data set) that were inside, per series, at the last
    /// completed k (for pictures and checks).
    pub last_inside: Vec<Vec<u32>>,
}

impl CurveReport {
    /// Whether every cell is done.
    pub fn is_complete(&self) -> bool {
        self.series
            .iter()
            .all(|s| s.points.len() == self.spec.ks.len())
    }

    /// The point of reduction `r` at `k`, if computed.
    pub fn point(&self, r: Reduction, k: u32) -> Option<CurvePoint> {
        self.series
            .iter()
            .find(|s| s.reduction == r)?
            .points
            .iter()
            .find(|p| p.k == k)
            .copied()
    }
}

/// Why the curve could not be computed.
#[derive(Clone, Debug, PartialEq)]
pub enum CurveError {
    /// The spec does not fit the data.
    Spec(String),
    /// The PCA failed.
    Pca(PcaError),
    /// The hull solver failed.
    Hull(HullError),
}

impl std::fmt::Display for CurveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CurveError::Spec(m) => write!(f, "{m}"),
            CurveError::Pca(e) => write!(f, "{e}"),
            CurveError::Hull(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CurveError {}

#[derive(Clone, Debug)]
enum Phase {
    /// Accumulating the covariance of the training images.
    Fit {
        builder: Box<PcaBuilder>,
        next: usize,
    },
    /// Classifying.
    Cells,
    Done,
}

/// The state of the current cell.
#[derive(Clone, Debug)]
struct Cell {
    hull: Hull,
    next: usize,
    inside: u32,
    inferred: u32,
    inside_ids: Vec<u32>,
}

/// The curve in progress.
#[derive(Clone, Debug)]
pub struct CurveRun {
    spec: CurveSpec,
    digits: Arc<Digits>,
    train: Vec<usize>,
    test: Vec<usize>,
    phase: Phase,
    pca: Option<Pca>,
    /// PCA coordinates computed so far, per training and test image (grown as k grows).
    pca_train: Vec<Vec<f64>>,
    pca_test: Vec<Vec<f64>>,
    /// Index of the current cell, k-major: `ki * series + si`.
    cell_index: usize,
    cell: Option<Cell>,
    /// Per series, per test image: known to be outside at a smaller k.
    outside: Vec<Vec<bool>>,
    report: CurveReport,
    scratch: Vec<f64>,
}

fn image_f64(img: &[u8]) -> Vec<f64> {
    img.iter().map(|&v| v as f64).collect()
}

impl CurveRun {
    /// Starts the curve for `spec` on `digits`.
    ///
    /// # Errors
    /// [`CurveError::Spec`] when the spec does not fit the data.
    pub fn new(spec: CurveSpec, digits: Arc<Digits>) -> Result<Self, CurveError> {
        spec.validate(digits.len(), digits.rows(), digits.cols())
            .map_err(CurveError::Spec)?;
        let split = Split::new(digits.len(), TEST_IMAGES.min(digits.len() - 1), spec.seed);
        let train: Vec<usize> = split.train[..spec.train as usize].to_vec();
        let test: Vec<usize> = split.test[..spec.tests as usize].to_vec();
        let phase = if spec.reductions.contains(&Reduction::Pca) {
            let p = digits.pixels_per_image();
            let mut mean = vec![0.0; p];
            for &i in &train {
                for (m, &v) in mean.iter_mut().zip(digits.image(i)) {
                    *m += v as f64;
                }
            }
            mean.iter_mut().for_each(|m| *m /= train.len() as f64);
            Phase::Fit {
                builder: Box::new(PcaBuilder::new(mean)),
                next: 0,
            }
        } else {
            Phase::Cells
        };
        let series = spec
            .reductions
            .iter()
            .map(|&reduction| CurveSeries {
                reduction,
                points: Vec::new(),
            })
            .collect();
        let ns = spec.reductions.len();
        Ok(Self {
            report: CurveReport {
                spec: spec.clone(),
                series,
                explained: Vec::new(),
                last_inside: vec![Vec::new(); ns],
            },
            outside: vec![vec![false; test.len()]; ns],
            pca_train: vec![Vec::new(); train.len()],
            pca_test: vec![Vec::new(); test.len()],
            spec,
            digits,
            train,
            test,
            phase,
            pca: None,
            cell_index: 0,
            cell: None,
            scratch: Vec::new(),
        })
    }

    /// The result so far.
    pub fn report(&self) -> &CurveReport {
        &self.report
    }

    /// The fitted PCA, once available.
    pub fn pca(&self) -> Option<&Pca> {
        self.pca.as_ref()
    }

    /// Fraction done, in [0, 1] (the covariance counts as two cells).
    pub fn progress(&self) -> f64 {
        let cells = (self.spec.ks.len() * self.spec.reductions.len()) as f64;
        let fit_weight = if self.spec.reductions.contains(&Reduction::Pca) {
            2.0
        } else {
            0.0
        };
        let (fit, cell) = match &self.phase {
            Phase::Fit { next, .. } => (fit_weight * *next as f64 / self.train.len() as f64, 0.0),
            Phase::Cells => {
                let within = self
                    .cell
                    .as_ref()
                    .map_or(0.0, |c| c.next as f64 / self.test.len() as f64);
                (fit_weight, self.cell_index as f64 + within)
            }
            Phase::Done => return 1.0,
        };
        ((fit + cell) / (fit_weight + cells)).min(0.999)
    }

    /// The coordinates of image `img` (test or training, by data index) for reduction `r` at
    /// `k`, into `out`; PCA coordinates come from the caches.
    fn reduce_pixels(&self, r: Reduction, k: usize, img: usize, out: &mut Vec<f64>) {
        let d = &self.digits;
        out.resize(k, 0.0);
        let side = square_side(k).unwrap_or(1);
        match r {
            Reduction::Crop => centre_crop(d.image(img), d.rows(), d.cols(), side, out),
            Reduction::Smooth => smooth_subsample(d.image(img), d.rows(), d.cols(), side, out),
            Reduction::Pca => {}
        }
    }

    /// Extends the PCA coordinates of every training image, and of the test images still
    /// needed, to `k`; returns the work done.
    fn grow_pca(&mut self, k: usize, tests_needed: &[bool]) -> u64 {
        let Some(pca) = &self.pca else { return 0 };
        let p = self.digits.pixels_per_image();
        let mut work = 0u64;
        let mut extend = |coords: &mut Vec<f64>, img: &[u8]| {
            let from = coords.len();
            if from >= k {
                return;
            }
            let x = image_f64(img);
            let mut tail = vec![0.0; k];
            pca.project(&x, &mut tail);
            coords.extend_from_slice(&tail[from..]);
            work += (p * k) as u64;
        };
        for (c, &i) in self.pca_train.iter_mut().zip(&self.train) {
            extend(c, self.digits.image(i));
        }
        for ((c, &i), &need) in self.pca_test.iter_mut().zip(&self.test).zip(tests_needed) {
            if need {
                extend(c, self.digits.image(i));
            }
        }
        work
    }

    /// Does about `work` multiply-adds; returns true when the curve is complete.
    ///
    /// # Errors
    /// [`CurveError::Pca`] or [`CurveError::Hull`] if a solver fails (then the report keeps
    /// what was completed).
    pub fn step(&mut self, work: u64) -> Result<bool, CurveError> {
        let mut spent = 0u64;
        while spent < work {
            match &mut self.phase {
                Phase::Done => return Ok(true),
                Phase::Fit { builder, next } => {
                    let p = self.digits.pixels_per_image();
                    while *next < self.train.len() && spent < work {
                        builder.add(&image_f64(self.digits.image(self.train[*next])));
                        *next += 1;
                        spent += (p * p / 2) as u64;
                    }
                    if *next == self.train.len() {
                        let b = std::mem::replace(builder, Box::new(PcaBuilder::new(Vec::new())));
                        let pca = b.finish().map_err(CurveError::Pca)?;
                        spent += (p * p * p) as u64;
                        self.report.explained = self
                            .spec
                            .ks
                            .iter()
                            .map(|&k| pca.explained(k as usize))
                            .collect();
                        self.pca = Some(pca);
                        self.phase = Phase::Cells;
                    }
                }
                Phase::Cells => {
                    spent += self.step_cells(work - spent)?;
                }
            }
        }
        Ok(matches!(self.phase, Phase::Done))
    }

    fn step_cells(&mut self, budget: u64) -> Result<u64, CurveError> {
        let ns = self.spec.reductions.len();
        let total = self.spec.ks.len() * ns;
        if self.cell_index >= total {
            self.phase = Phase::Done;
            return Ok(1);
        }
        let (ki, si) = (self.cell_index / ns, self.cell_index % ns);
        let k = self.spec.ks[ki] as usize;
        let red = self.spec.reductions[si];
        let nested = red.is_nested();
        let mut spent = 0u64;
        if self.cell.is_none() {
            let need: Vec<bool> = self.outside[si].iter().map(|o| !(nested && *o)).collect();
            if !need.iter().any(|&n| n) {
                // Every test image is already outside at a smaller k: nothing to compute.
                self.finish_cell(si, k, 0, Vec::new());
                return Ok(1);
            }
            let mut data = Vec::with_capacity(self.train.len() * k);
            if red == Reduction::Pca {
                spent += self.grow_pca(k, &need);
                for c in &self.pca_train {
                    data.extend_from_slice(&c[..k]);
                }
            } else {
                let mut out = std::mem::take(&mut self.scratch);
                for &i in &self.train {
                    self.reduce_pixels(red, k, i, &mut out);
                    data.extend_from_slice(&out);
                }
                self.scratch = out;
                spent += (self.train.len() * k * 4) as u64;
            }
            let hull = Hull::new(k, data).map_err(CurveError::Hull)?;
            self.cell = Some(Cell {
                hull,
                next: 0,
                inside: 0,
                inferred: 0,
                inside_ids: Vec::new(),
            });
        }
        let Some(mut cell) = self.cell.take() else {
            return Ok(spent.max(1));
        };
        let n = self.train.len() as u64;
        {
            let mut classifier = Classifier::new(&cell.hull, HullOptions::verdict_only())
                .map_err(CurveError::Hull)?;
            let mut x = std::mem::take(&mut self.scratch);
            while cell.next < self.test.len() && spent < budget {
                let t = cell.next;
                cell.next += 1;
                if nested && self.outside[si][t] {
                    cell.inferred += 1;
                    continue;
                }
                if red == Reduction::Pca {
                    x.clear();
                    x.extend_from_slice(&self.pca_test[t][..k]);
                } else {
                    self.reduce_pixels(red, k, self.test[t], &mut x);
                }
                let c = classifier.classify(&x).map_err(CurveError::Hull)?;
                spent += (c.passes.max(1) as u64) * n * k as u64 + k as u64;
                if c.membership.is_inside() {
                    cell.inside += 1;
                    cell.inside_ids.push(self.test[t] as u32);
                } else {
                    self.outside[si][t] = true;
                }
            }
            self.scratch = x;
        }
        if cell.next == self.test.len() {
            let (inside, inferred, ids) = (cell.inside, cell.inferred, cell.inside_ids);
            self.finish_cell(si, k, inferred, ids);
            debug_assert_eq!(
                self.report.series[si].points.last().map(|p| p.inside),
                Some(inside)
            );
        } else {
            self.cell = Some(cell);
        }
        Ok(spent.max(1))
    }

    fn finish_cell(&mut self, si: usize, k: usize, inferred: u32, inside_ids: Vec<u32>) {
        let tested = self.test.len() as u32;
        self.report.series[si].points.push(CurvePoint {
            k: k as u32,
            inside: inside_ids.len() as u32,
            tested,
            inferred,
        });
        self.report.last_inside[si] = inside_ids;
        self.cell = None;
        self.cell_index += 1;
        if self.cell_index >= self.spec.ks.len() * self.spec.reductions.len() {
            self.phase = Phase::Done;
        }
    }
}

/// Where one test digit stands relative to the training digits, in pixel space.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    /// Data index of the test image.
    pub test: u32,
    /// Whether it is inside the hull of the training images.
    pub inside: bool,
    /// Euclidean distance from the test image to the hull (grey levels; 0 inside).
    pub distance: f64,
    /// The nearest point of the hull as a convex combination (data indices).
    pub nearest: ConvexCombination,
    /// Data index of the nearest single training image, and its distance.
    pub nearest_image: (u32, f64),
    /// Passes over the training set the solver needed.
    pub passes: u32,
}

/// Which digits [`project_test_digit`] uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectSpec {
    /// Training images.
    pub train: u32,
    /// Position of the test image in the seed's test set.
    pub test: u32,
    /// Seed of the split.
    pub seed: u64,
}

/// Projects test image `spec.test` of the split onto the convex hull of the first
/// `spec.train` training images, in pixel space (exact distance).
///
/// # Errors
/// [`CurveError::Spec`] for an index or size out of range; [`CurveError::Hull`].
pub fn project_test_digit(digits: &Digits, spec: &ProjectSpec) -> Result<Projection, CurveError> {
    let tests = TEST_IMAGES.min(digits.len().saturating_sub(1));
    let pool = digits.len() - tests;
    if spec.test as usize >= tests {
        return Err(CurveError::Spec(format!(
            "test image {} is outside 0..{tests}",
            spec.test
        )));
    }
    if spec.train == 0 || spec.train as usize > pool {
        return Err(CurveError::Spec(format!(
            "{} training images is outside 1..={pool}",
            spec.train
        )));
    }
    let split = Split::new(digits.len(), tests, spec.seed);
    let train = &split.train[..spec.train as usize];
    let t = split.test[spec.test as usize];
    let p = digits.pixels_per_image();
    let mut data = Vec::with_capacity(train.len() * p);
    for &i in train {
        data.extend(digits.image(i).iter().map(|&v| v as f64));
    }
    let x = image_f64(digits.image(t));
    let hull = Hull::new(p, data).map_err(CurveError::Hull)?;
    let c = hull
        .classify(&x, &HullOptions::default())
        .map_err(CurveError::Hull)?;
    let map = |comb: &ConvexCombination| ConvexCombination {
        indices: comb.indices.iter().map(|&j| train[j]).collect(),
        weights: comb.weights.clone(),
    };
    let (inside, distance, nearest) = match &c.membership {
        Membership::Inside(i) => (true, 0.0, map(&i.combination)),
        Membership::Outside(o) => (false, o.distance, map(&o.nearest)),
    };
    let (mut best, mut best_d) = (train[0], f64::INFINITY);
    for &i in train {
        let d2: f64 = digits
            .image(i)
            .iter()
            .zip(&x)
            .map(|(&a, b)| (a as f64 - b).powi(2))
            .sum();
        if d2 < best_d {
            best_d = d2;
            best = i;
        }
    }
    Ok(Projection {
        test: t as u32,
        inside,
        distance,
        nearest,
        nearest_image: (best as u32, best_d.sqrt()),
        passes: c.passes as u32,
    })
}
