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

#[cfg(test)]
mod tests {
    use super::*;

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
