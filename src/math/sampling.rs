//! Monte Carlo in the unit cube: how often does a uniform random point land in the inscribed
//! ball, and how far from the centre do points lie?
//!
//! The estimator is resumable: [`BallInCube::step`] draws a bounded number of samples and
//! returns, so a Web Worker can run it in short slices with progress and cancel, and a native
//! loop can run it to completion. The result depends only on the seed, never on how the work
//! was sliced.

use crate::math::rng::Rng;
use crate::math::stats::{wilson_interval, Histogram, Z95};
use crate::math::volume::cube_half_diagonal;
use serde::{Deserialize, Serialize};

/// Number of bins of the radius histogram.
pub const RADIUS_BINS: usize = 80;

/// Running state of the ball-in-cube estimate for one dimension.
#[derive(Clone, Debug)]
pub struct BallInCube {
    d: u32,
    target: u64,
    rng: Rng,
    estimate: BallInCubeEstimate,
}

/// What the estimate knows so far; cheap to clone and serialise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BallInCubeEstimate {
    /// Dimension.
    pub d: u32,
    /// Samples drawn so far.
    pub samples: u64,
    /// Samples requested.
    pub target: u64,
    /// Samples that fell inside the inscribed ball (distance from the centre ≤ ½).
    pub hits: u64,
    /// Histogram of the samples' distances from the centre, over [0, √d/2] (centre to corner).
    pub radii: Histogram,
}

impl BallInCubeEstimate {
    /// The estimated fraction hits / samples (0 before any sample).
    pub fn fraction(&self) -> f64 {
        if self.samples == 0 {
            0.0
        } else {
            self.hits as f64 / self.samples as f64
        }
    }

    /// 95 % Wilson interval for the fraction.
    pub fn interval(&self) -> (f64, f64) {
        wilson_interval(self.hits, self.samples, Z95)
    }

    /// True when every requested sample has been drawn.
    pub fn is_complete(&self) -> bool {
        self.samples >= self.target
    }
}

impl BallInCube {
    /// Prepares `target` samples in dimension `d` (at least 1) from `seed`.
    pub fn new(d: u32, target: u64, seed: u64) -> Self {
        let d = d.max(1);
        Self {
            d,
            target,
            rng: Rng::new(seed),
            estimate: BallInCubeEstimate {
                d,
                samples: 0,
                target,
                hits: 0,
                radii: Histogram::new(0.0, cube_half_diagonal(d) * (1.0 + 1e-9), RADIUS_BINS),
            },
        }
    }

    /// Draws up to `max_samples` more samples; returns true when the target is reached.
    pub fn step(&mut self, max_samples: u64) -> bool {
        let todo = max_samples.min(self.target - self.estimate.samples);
        let d = self.d;
        for _ in 0..todo {
            let mut r2 = 0.0;
            for _ in 0..d {
                let u = self.rng.uniform() - 0.5;
                r2 += u * u;
            }
            if r2 <= 0.25 {
                self.estimate.hits += 1;
            }
            self.estimate.radii.add(r2.sqrt());
        }
        self.estimate.samples += todo;
        self.estimate.is_complete()
    }

    /// The estimate so far.
    pub fn estimate(&self) -> &BallInCubeEstimate {
        &self.estimate
    }

    /// Fraction of the work done, in [0, 1].
    pub fn progress(&self) -> f64 {
        if self.target == 0 {
            1.0
        } else {
            self.estimate.samples as f64 / self.target as f64
        }
    }
}

/// A few sample points for drawing: their first (up to) three coordinates and whether the
/// whole point lies in the inscribed ball.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CubePoint {
    /// The first three coordinates in [0, 1] (unused ones are ½).
    pub coords: [f64; 3],
    /// Distance from the cube's centre over all `d` coordinates.
    pub radius: f64,
}

impl CubePoint {
    /// Whether the point is inside the inscribed ball.
    pub fn inside(&self) -> bool {
        self.radius <= 0.5
    }
}

/// Draws `count` uniform points of [0, 1]^d for the picture, from their own seeded stream.
pub fn picture_points(d: u32, count: usize, seed: u64) -> Vec<CubePoint> {
    let mut rng = Rng::stream(seed, 0x005e_ed0f_b411);
    (0..count)
        .map(|_| {
            let mut coords = [0.5; 3];
            let mut r2 = 0.0;
            for k in 0..d.max(1) as usize {
                let u = rng.uniform();
                if let Some(c) = coords.get_mut(k) {
                    *c = u;
                }
                r2 += (u - 0.5) * (u - 0.5);
            }
            CubePoint {
                coords,
                radius: r2.sqrt(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::volume::ln_ball_in_cube_fraction;

    #[test]
    fn estimate_brackets_the_exact_value() {
        for d in [1u32, 2, 3, 5, 8] {
            let mut mc = BallInCube::new(d, 40_000, 11 + d as u64);
            while !mc.step(7_777) {}
            let e = mc.estimate();
            let exact = ln_ball_in_cube_fraction(d).exp();
            let (lo, hi) = e.interval();
            // A 95 % interval may miss 1 time in 20; widen to ~4.5σ via a margin of half its width.
            let margin = 0.5 * (hi - lo);
            assert!(
                lo - margin <= exact && exact <= hi + margin,
                "d={d} {exact} not in [{lo},{hi}]"
            );
            assert_eq!(e.radii.total(), 40_000);
        }
    }

    #[test]
    fn slicing_does_not_change_the_result() {
        let mut a = BallInCube::new(7, 10_000, 3);
        while !a.step(10_000) {}
        let mut b = BallInCube::new(7, 10_000, 3);
        while !b.step(333) {}
        assert_eq!(a.estimate(), b.estimate());
        assert_eq!(b.progress(), 1.0);
    }

    #[test]
    fn radii_concentrate_near_sqrt_d_over_12() {
        // E r² = d/12 for uniform points around the centre.
        let d = 400;
        let mut mc = BallInCube::new(d, 3_000, 5);
        mc.step(u64::MAX);
        let h = &mc.estimate().radii;
        let (mut best, mut arg) = (0, 0);
        for (i, &c) in h.counts.iter().enumerate() {
            if c > best {
                best = c;
                arg = i;
            }
        }
        let mode = h.bin_start(arg) + h.bin_width() / 2.0;
        let expected = (d as f64 / 12.0).sqrt();
        assert!(
            (mode - expected).abs() < 2.0 * h.bin_width(),
            "{mode} vs {expected}"
        );
        assert_eq!(mc.estimate().hits, 0);
        assert_eq!(h.below + h.above + h.nan, 0);
    }

    #[test]
    fn zero_target_is_complete() {
        let mut mc = BallInCube::new(3, 0, 1);
        assert!(mc.step(10));
        assert_eq!(mc.progress(), 1.0);
        assert_eq!(mc.estimate().fraction(), 0.0);
    }

    #[test]
    fn picture_points_are_consistent() {
        let pts = picture_points(2, 5000, 9);
        let inside = pts.iter().filter(|p| p.inside()).count() as f64 / 5000.0;
        assert!(
            (inside - std::f64::consts::PI / 4.0).abs() < 0.03,
            "{inside}"
        );
        for p in &pts {
            let r = ((p.coords[0] - 0.5).powi(2) + (p.coords[1] - 0.5).powi(2)).sqrt();
            assert!((r - p.radius).abs() < 1e-12);
            assert_eq!(p.coords[2], 0.5);
        }
        assert_eq!(picture_points(2, 10, 9), picture_points(2, 10, 9));
    }
}
