//! Distance concentration: in high dimension all pairwise distances between random points
//! become nearly equal (Beyer, Goldstein, Ramakrishnan & Shaft, "When is 'nearest neighbor'
//! meaningful?", ICDT 1999).
//!
//! [`DistanceStudy`] computes, resumably, (1) for one dimension the histogram of all pairwise
//! distances divided by their mean, and (2) optionally a sweep over a fixed grid of
//! dimensions of the relative contrast (max − min)/min. Work is counted in coordinate
//! operations so a caller can slice it evenly.

use crate::math::rng::Rng;
use crate::math::stats::{Histogram, Summary};
use serde::{Deserialize, Serialize};

/// The law of the random points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PointLaw {
    /// Uniform in the unit cube [0, 1]^d.
    UniformCube,
    /// Standard Gaussian N(0, I_d).
    Gaussian,
}

impl PointLaw {
    /// Fills `out` with one point.
    fn sample(self, rng: &mut Rng, out: &mut [f64]) {
        match self {
            PointLaw::UniformCube => out.iter_mut().for_each(|x| *x = rng.uniform()),
            PointLaw::Gaussian => out.iter_mut().for_each(|x| *x = rng.normal()),
        }
    }

    /// Large-d prediction of std(‖x − y‖)/E‖x − y‖: √(7/(20d)) for the cube (from
    /// E‖x−y‖² = d/6, Var = 7d/180) and 1/√(2d) for the Gaussian (‖x−y‖² ~ 2χ²_d).
    pub fn predicted_relative_spread(self, d: u32) -> f64 {
        let d = d.max(1) as f64;
        match self {
            PointLaw::UniformCube => (7.0 / (20.0 * d)).sqrt(),
            PointLaw::Gaussian => (1.0 / (2.0 * d)).sqrt(),
        }
    }
}

/// The dimensions of the contrast sweep.
pub const SWEEP_DIMS: [u32; 17] = [
    1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 1000,
];

/// Upper end of the ratio histogram: distances are shown divided by their mean, over [0, 2).
pub const RATIO_MAX: f64 = 2.0;

/// Bins of the ratio histogram.
pub const RATIO_BINS: usize = 80;

/// Pairwise-distance statistics of one point cloud.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairStats {
    /// Dimension.
    pub d: u32,
    /// Mean, spread, min and max of the raw distances.
    pub distances: Summary,
}

impl PairStats {
    /// (max − min)/min, the relative contrast (∞ if two points coincide).
    pub fn contrast(&self) -> f64 {
        (self.distances.max - self.distances.min) / self.distances.min
    }

    /// Standard deviation over mean.
    pub fn relative_spread(&self) -> f64 {
        self.distances.std_dev() / self.distances.mean
    }
}

/// Everything the distance figure shows, possibly partial.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistanceReport {
    /// Dimension of the focus cloud.
    pub d: u32,
    /// Number of points per cloud.
    pub n: u32,
    /// Point law.
    pub law: PointLaw,
    /// Statistics of the focus cloud, once complete.
    pub focus: Option<PairStats>,
    /// Histogram of distance / mean for the focus cloud, once complete.
    pub ratios: Option<Histogram>,
    /// Contrast sweep results so far, in the order of [`SWEEP_DIMS`].
    pub sweep: Vec<PairStats>,
    /// Whether a sweep was requested.
    pub sweep_requested: bool,
}

/// Pairwise distances of one cloud, computed a row at a time.
#[derive(Clone, Debug)]
struct Cloud {
    d: usize,
    n: usize,
    points: Vec<f64>,
    row: usize,
    distances: Vec<f64>,
    summary: Summary,
}

impl Cloud {
    fn new(d: u32, n: u32, law: PointLaw, rng: &mut Rng, keep: bool) -> Self {
        let (d, n) = (d.max(1) as usize, n.max(2) as usize);
        let mut points = vec![0.0; d * n];
        for p in points.chunks_exact_mut(d) {
            law.sample(rng, p);
        }
        Self {
            d,
            n,
            points,
            row: 0,
            distances: if keep {
                Vec::with_capacity(n * (n - 1) / 2)
            } else {
                Vec::new()
            },
            summary: Summary::new(),
        }
    }

    /// Cost of one row, in coordinate operations.
    fn row_cost(&self) -> u64 {
        ((self.n - self.row - 1) * self.d).max(1) as u64
    }

    fn done(&self) -> bool {
        self.row + 1 >= self.n
    }

    /// Processes rows until `budget` operations are spent; returns the operations used.
    fn step(&mut self, budget: u64, keep: bool) -> u64 {
        let mut used = 0;
        while !self.done() && used < budget {
            used += self.row_cost();
            let i = self.row;
            let a = &self.points[i * self.d..(i + 1) * self.d];
            for j in i + 1..self.n {
                let b = &self.points[j * self.d..(j + 1) * self.d];
                let dist = a
                    .iter()
                    .zip(b)
                    .map(|(x, y)| (x - y) * (x - y))
                    .sum::<f64>()
                    .sqrt();
                self.summary.add(dist);
                if keep {
                    self.distances.push(dist);
                }
            }
            self.row += 1;
        }
        used
    }

    fn total_cost(d: u32, n: u32) -> u64 {
        let n = n.max(2) as u64;
        n * (n - 1) / 2 * d.max(1) as u64
    }
}

/// The resumable computation behind the distance-concentration figure.
#[derive(Clone, Debug)]
pub struct DistanceStudy {
    report: DistanceReport,
    seed: u64,
    cloud: Option<Cloud>,
    /// Index into [`SWEEP_DIMS`] of the cloud in progress once the focus cloud is done.
    sweep_index: usize,
    work_done: u64,
    work_total: u64,
}

impl DistanceStudy {
    /// Prepares the study: `n` points (at least 2) in dimension `d` from `law`, and the sweep
    /// over [`SWEEP_DIMS`] when `sweep` is true. Each cloud has its own seeded stream, so the
    /// focus cloud at d = 10 is the same whether or not a sweep runs.
    pub fn new(d: u32, n: u32, law: PointLaw, seed: u64, sweep: bool) -> Self {
        let (d, n) = (d.max(1), n.max(2));
        let mut work_total = Cloud::total_cost(d, n);
        if sweep {
            work_total += SWEEP_DIMS
                .iter()
                .map(|&k| Cloud::total_cost(k, n))
                .sum::<u64>();
        }
        let mut rng = Rng::stream(seed, d as u64);
        Self {
            report: DistanceReport {
                d,
                n,
                law,
                focus: None,
                ratios: None,
                sweep: Vec::new(),
                sweep_requested: sweep,
            },
            seed,
            cloud: Some(Cloud::new(d, n, law, &mut rng, true)),
            sweep_index: 0,
            work_done: 0,
            work_total,
        }
    }

    /// Spends about `budget` coordinate operations; returns true when everything is done.
    pub fn step(&mut self, budget: u64) -> bool {
        let mut left = budget.max(1);
        while left > 0 {
            let Some(cloud) = self.cloud.as_mut() else {
                return true;
            };
            let focus = self.report.focus.is_none();
            let used = cloud.step(left, focus);
            self.work_done += used;
            left = left.saturating_sub(used);
            if cloud.done() {
                let stats = PairStats {
                    d: cloud.d as u32,
                    distances: cloud.summary.clone(),
                };
                if focus {
                    let mut h = Histogram::new(0.0, RATIO_MAX, RATIO_BINS);
                    let mean = stats.distances.mean;
                    cloud.distances.iter().for_each(|&x| h.add(x / mean));
                    self.report.ratios = Some(h);
                    self.report.focus = Some(stats);
                } else {
                    self.report.sweep.push(stats);
                    self.sweep_index += 1;
                }
                self.cloud = None;
                if self.report.sweep_requested && self.sweep_index < SWEEP_DIMS.len() {
                    let k = SWEEP_DIMS[self.sweep_index];
                    let mut rng = Rng::stream(self.seed, k as u64);
                    self.cloud = Some(Cloud::new(
                        k,
                        self.report.n,
                        self.report.law,
                        &mut rng,
                        false,
                    ));
                }
            }
        }
        self.cloud.is_none()
    }

    /// The report so far.
    pub fn report(&self) -> &DistanceReport {
        &self.report
    }

    /// Fraction of the work done, in [0, 1].
    pub fn progress(&self) -> f64 {
        if self.cloud.is_none() {
            1.0
        } else {
            (self.work_done as f64 / self.work_total.max(1) as f64).min(1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(d: u32, n: u32, law: PointLaw, sweep: bool) -> DistanceReport {
        let mut s = DistanceStudy::new(d, n, law, 17, sweep);
        while !s.step(50_000) {}
        s.report().clone()
    }

    #[test]
    fn cube_moments_match_theory() {
        // E‖x−y‖² = d/6: check through mean distance ≈ √(d/6) for large d.
        let r = run(300, 200, PointLaw::UniformCube, false);
        let f = r.focus.unwrap();
        let expected = (300.0f64 / 6.0).sqrt();
        assert!(
            (f.distances.mean - expected).abs() / expected < 0.01,
            "{}",
            f.distances.mean
        );
        let spread = f.relative_spread();
        let predicted = PointLaw::UniformCube.predicted_relative_spread(300);
        assert!(
            (spread - predicted).abs() / predicted < 0.15,
            "{spread} vs {predicted}"
        );
        assert_eq!(f.distances.n, 200 * 199 / 2);
        assert_eq!(r.ratios.unwrap().total(), 200 * 199 / 2);
    }

    #[test]
    fn gaussian_spread_matches_chi_square() {
        let r = run(200, 200, PointLaw::Gaussian, false);
        let f = r.focus.unwrap();
        let expected = (2.0 * 200.0f64).sqrt();
        assert!((f.distances.mean - expected).abs() / expected < 0.01);
        let p = PointLaw::Gaussian.predicted_relative_spread(200);
        assert!((f.relative_spread() - p).abs() / p < 0.15);
    }

    #[test]
    fn contrast_shrinks_with_dimension() {
        let r = run(10, 100, PointLaw::UniformCube, true);
        assert_eq!(r.sweep.len(), SWEEP_DIMS.len());
        let c: Vec<f64> = r.sweep.iter().map(|s| s.contrast()).collect();
        assert!(c[0] > 100.0, "d = 1 has near-coincident points: {}", c[0]);
        assert!(*c.last().unwrap() < 0.6, "{c:?}");
        // Broadly decreasing: each decade lower than the last.
        assert!(c[5] < c[0] && c[11] < c[5] && c[16] < c[11], "{c:?}");
    }

    #[test]
    fn slicing_and_sweep_do_not_change_the_focus_cloud() {
        let a = run(20, 60, PointLaw::Gaussian, false);
        let mut s = DistanceStudy::new(20, 60, PointLaw::Gaussian, 17, true);
        while !s.step(777) {}
        assert_eq!(a.focus, s.report().focus);
        assert_eq!(s.progress(), 1.0);
        // The sweep's d = 20 cloud uses the same stream as a focus cloud at d = 20.
        let i = SWEEP_DIMS.iter().position(|&k| k == 20).unwrap();
        assert_eq!(
            s.report().sweep[i].distances,
            a.focus.as_ref().unwrap().distances
        );
    }

    #[test]
    fn degenerate_sizes() {
        let r = run(1, 1, PointLaw::UniformCube, false);
        assert_eq!(r.n, 2);
        assert_eq!(r.focus.unwrap().distances.n, 1);
    }
}
