//! Small statistics used by every Monte Carlo figure: binomial confidence intervals and
//! fixed-range histograms.

use serde::{Deserialize, Serialize};

/// The normal quantile for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval for a binomial proportion: `k` successes out of `n` trials at normal
/// quantile `z` (use [`Z95`] for 95 %). Returns `(low, high)` within [0, 1]; `(0, 1)` when
/// `n == 0`. Unlike the Wald interval it stays informative at k = 0 (upper bound ≈ z²/n).
///
/// ```
/// use highdim::math::stats::{wilson_interval, Z95};
/// let (lo, hi) = wilson_interval(50, 100, Z95);
/// assert!(lo < 0.5 && 0.5 < hi);
/// let (lo, hi) = wilson_interval(0, 100_000, Z95);
/// assert_eq!(lo, 0.0);
/// assert!(hi < 4e-5);
/// ```
pub fn wilson_interval(k: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let k = k.min(n);
    let nf = n as f64;
    let p = k as f64 / nf;
    let z2 = z * z;
    let denom = 1.0 + z2 / nf;
    let centre = (p + z2 / (2.0 * nf)) / denom;
    let half = z * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
    let lo = if k == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let hi = if k == n {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    (lo, hi)
}

/// A histogram with equal-width bins over `[lo, hi)`; values outside go to `below`/`above`
/// counters so nothing is silently lost. NaN values are counted in `nan`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// Left edge of the first bin.
    pub lo: f64,
    /// Right edge of the last bin.
    pub hi: f64,
    /// Counts per bin.
    pub counts: Vec<u64>,
    /// Values below `lo`.
    pub below: u64,
    /// Values at or above `hi`.
    pub above: u64,
    /// NaN values.
    pub nan: u64,
}

impl Histogram {
    /// An empty histogram with `bins` bins (at least 1) over `[lo, hi)`. If the range is empty
    /// or not finite, it is widened to `[lo, lo + 1)` so the histogram stays usable.
    pub fn new(lo: f64, hi: f64, bins: usize) -> Self {
        let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo {
            (lo, hi)
        } else {
            let lo = if lo.is_finite() { lo } else { 0.0 };
            (lo, lo + 1.0)
        };
        Self {
            lo,
            hi,
            counts: vec![0; bins.max(1)],
            below: 0,
            above: 0,
            nan: 0,
        }
    }

    /// Counts one value.
    #[inline]
    pub fn add(&mut self, x: f64) {
        if x.is_nan() {
            self.nan += 1;
        } else if x < self.lo {
            self.below += 1;
        } else if x >= self.hi {
            self.above += 1;
        } else {
            let n = self.counts.len();
            let i = (((x - self.lo) / (self.hi - self.lo)) * n as f64) as usize;
            self.counts[i.min(n - 1)] += 1;
        }
    }

    /// Total number of values counted, including those out of range.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.below + self.above + self.nan
    }

    /// Width of one bin.
    pub fn bin_width(&self) -> f64 {
        (self.hi - self.lo) / self.counts.len() as f64
    }

    /// Left edge of bin `i`.
    pub fn bin_start(&self, i: usize) -> f64 {
        self.lo + i as f64 * self.bin_width()
    }

    /// Probability density per bin (count / (total · width)); zeros when empty.
    pub fn density(&self) -> Vec<f64> {
        let t = self.total();
        if t == 0 {
            return vec![0.0; self.counts.len()];
        }
        let scale = 1.0 / (t as f64 * self.bin_width());
        self.counts.iter().map(|&c| c as f64 * scale).collect()
    }
}

/// Running mean, minimum and maximum of a stream (Welford's update for the variance).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of values.
    pub n: u64,
    /// Mean of the values (0 when empty).
    pub mean: f64,
    /// Sum of squared deviations from the mean.
    pub m2: f64,
    /// Smallest value (+∞ when empty).
    pub min: f64,
    /// Largest value (−∞ when empty).
    pub max: f64,
}

impl Summary {
    /// An empty summary.
    pub fn new() -> Self {
        Self {
            n: 0,
            mean: 0.0,
            m2: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }

    /// Adds one value.
    #[inline]
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        let delta = x - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (x - self.mean);
        self.min = self.min.min(x);
        self.max = self.max.max(x);
    }

    /// Sample standard deviation (0 for fewer than two values).
    pub fn std_dev(&self) -> f64 {
        if self.n < 2 {
            0.0
        } else {
            (self.m2 / (self.n - 1) as f64).sqrt()
        }
    }
}

/// Where a rising curve, sampled at increasing N, crosses 50 %.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Crossing {
    /// Between two grid sizes: N½ interpolated linearly in log N.
    Measured(f64),
    /// Already at or above 50 % at the smallest N (which is given).
    Below(f64),
    /// Still below 50 % at the largest N (which is given).
    Beyond(f64),
    /// Not known yet (cells still computing).
    Pending,
}

/// The 50 % crossing of a curve through `(n, p)` cells (p = `None` while computing), using
/// the first cell at or above ½ and the one before it, interpolating linearly in log N.
///
/// ```
/// use highdim::math::stats::{crossing, Crossing};
/// let c = crossing(&[10.0, 100.0, 1000.0], &[Some(0.1), Some(0.3), Some(0.7)]);
/// assert!(matches!(c, Crossing::Measured(n) if (n - 316.227766).abs() < 1e-3));
/// ```
pub fn crossing(ns: &[f64], ps: &[Option<f64>]) -> Crossing {
    for (j, p) in ps.iter().enumerate() {
        let Some(p) = *p else {
            return Crossing::Pending;
        };
        if p >= 0.5 {
            if j == 0 {
                return Crossing::Below(ns[0]);
            }
            let Some(q) = ps[j - 1] else {
                return Crossing::Pending;
            };
            let t = if p > q { (0.5 - q) / (p - q) } else { 1.0 };
            let (a, b) = (ns[j - 1].ln(), ns[j].ln());
            return Crossing::Measured((a + t * (b - a)).exp());
        }
    }
    match ns.last() {
        Some(&n) if ps.len() == ns.len() => Crossing::Beyond(n),
        _ => Crossing::Pending,
    }
}

/// Least-squares line `log10 N½ = a + b·d` through measured crossings; `None` with fewer
/// than two distinct dimensions.
///
/// ```
/// use highdim::math::stats::fit_log_line;
/// let (a, b) = fit_log_line(&[(2.0, 10.0), (4.0, 100.0), (6.0, 1000.0)]).unwrap();
/// assert!((a - 0.0).abs() < 1e-12 && (b - 0.5).abs() < 1e-12);
/// ```
pub fn fit_log_line(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1.log10()).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1.log10() - my)).sum();
    let b = sxy / sxx;
    Some((my - b * mx, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_interpolates_on_log_n_and_reports_edges() {
        // Synthetic curve P = log10(N)/4: crosses ½ at N = 100 exactly.
        let ns: Vec<f64> = vec![2.0, 10.0, 56.0, 178.0, 1000.0, 10_000.0];
        let ps: Vec<Option<f64>> = ns.iter().map(|n: &f64| Some(n.log10() / 4.0)).collect();
        match crossing(&ns, &ps) {
            Crossing::Measured(n) => assert!((n - 100.0).abs() < 1e-9, "{n}"),
            c => panic!("{c:?}"),
        }
        assert_eq!(
            crossing(&[5.0, 9.0], &[Some(0.6), Some(0.9)]),
            Crossing::Below(5.0)
        );
        assert_eq!(
            crossing(&[5.0, 9.0], &[Some(0.1), Some(0.2)]),
            Crossing::Beyond(9.0)
        );
        assert_eq!(crossing(&[5.0, 9.0], &[Some(0.1), None]), Crossing::Pending);
        // Exactly ½ at a grid point.
        assert!(
            matches!(crossing(&[5.0, 9.0], &[Some(0.2), Some(0.5)]), Crossing::Measured(n) if (n - 9.0).abs() < 1e-12)
        );
        // The exponential law shows as a straight line.
        let (a, b) = fit_log_line(&[(1.0, 20.0), (2.0, 40.0), (3.0, 80.0)]).unwrap();
        assert!(
            (10f64.powf(b) - 2.0).abs() < 1e-12 && (10f64.powf(a + 4.0 * b) - 160.0).abs() < 1e-9
        );
        assert!(fit_log_line(&[(1.0, 20.0)]).is_none());
        assert!(fit_log_line(&[(1.0, 20.0), (1.0, 30.0)]).is_none());
    }

    #[test]
    fn wilson_known_value() {
        // Wilson (1927) interval for 81/263 at 95 %: (0.2553, 0.3662) (a textbook example).
        let (lo, hi) = wilson_interval(81, 263, Z95);
        assert!((lo - 0.2553).abs() < 5e-4, "{lo}");
        assert!((hi - 0.3662).abs() < 5e-4, "{hi}");
    }

    #[test]
    fn wilson_edges() {
        assert_eq!(wilson_interval(0, 0, Z95), (0.0, 1.0));
        let (lo, hi) = wilson_interval(10, 10, Z95);
        assert_eq!(hi, 1.0);
        assert!(lo > 0.6 && lo < 0.8);
        // k = 0: upper bound z²/(n + z²).
        let (_, hi) = wilson_interval(0, 1000, Z95);
        assert!((hi - Z95 * Z95 / (1000.0 + Z95 * Z95)).abs() < 1e-12);
        // k > n is treated as n.
        assert_eq!(wilson_interval(20, 10, Z95).1, 1.0);
    }

    #[test]
    fn wilson_coverage_is_near_95_percent() {
        // Exact coverage by summing binomial probabilities at p = 0.3, n = 200.
        let (n, p) = (200u64, 0.3f64);
        let mut coverage = 0.0;
        for k in 0..=n {
            let lp = crate::math::special::ln_binomial(n, k)
                + k as f64 * p.ln()
                + (n - k) as f64 * (1.0 - p).ln();
            let (lo, hi) = wilson_interval(k, n, Z95);
            if lo <= p && p <= hi {
                coverage += lp.exp();
            }
        }
        assert!((0.93..0.97).contains(&coverage), "{coverage}");
    }

    #[test]
    fn histogram_counts_everything() {
        let mut h = Histogram::new(0.0, 1.0, 4);
        for x in [-0.1, 0.0, 0.24, 0.25, 0.99, 1.0, f64::NAN] {
            h.add(x);
        }
        assert_eq!(h.counts, vec![2, 1, 0, 1]);
        assert_eq!((h.below, h.above, h.nan), (1, 1, 1));
        assert_eq!(h.total(), 7);
        let dens: f64 = h.density().iter().sum::<f64>() * h.bin_width();
        assert!((dens - 4.0 / 7.0).abs() < 1e-12);
        let bad = Histogram::new(1.0, 1.0, 0);
        assert_eq!(bad.counts.len(), 1);
        assert!(bad.hi > bad.lo);
    }

    #[test]
    fn summary_matches_two_pass() {
        let xs = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
        let mut s = Summary::new();
        xs.iter().for_each(|&x| s.add(x));
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (xs.len() - 1) as f64;
        assert!((s.mean - mean).abs() < 1e-12);
        assert!((s.std_dev() - var.sqrt()).abs() < 1e-12);
        assert_eq!((s.min, s.max), (1.0, 9.0));
    }
}
