//! Exact volumes for the ball-in-a-cube picture of the curse of dimensionality.
//!
//! All quantities that overflow or underflow in high dimension are computed as natural
//! logarithms first (`ln_*` functions); the plain values are `exp` of those and become 0 or
//! `∞` only when the true value is outside the `f64` range. `d` is the dimension of the ball
//! (a d-ball lives in R^d; its boundary is the (d−1)-sphere).
//!
//! Formulas (e.g. DLMF 5.19(iii)): V_d(r) = π^{d/2} r^d / Γ(d/2 + 1) and
//! S_{d−1}(r) = d·V_d(r)/r.

use crate::math::special::ln_gamma;
use serde::{Deserialize, Serialize};
use std::f64::consts::{LN_10, PI};

/// Largest dimension the volume functions accept; far beyond anything drawn, and still exact
/// in log space.
pub const MAX_DIMENSION: u32 = 1_000_000;

/// ln V_d(1): the log of the volume of the unit ball in R^d. `d = 0` gives 0 (a point).
///
/// ```
/// use highdim::math::volume::ln_unit_ball_volume;
/// assert!((ln_unit_ball_volume(2).exp() - std::f64::consts::PI).abs() < 1e-13);
/// ```
pub fn ln_unit_ball_volume(d: u32) -> f64 {
    let h = d as f64 / 2.0;
    h * PI.ln() - ln_gamma(h + 1.0)
}

/// ln V_d(r) for a ball of radius `r > 0`.
pub fn ln_ball_volume(d: u32, r: f64) -> f64 {
    ln_unit_ball_volume(d) + d as f64 * r.ln()
}

/// ln S_{d−1}(r): the log of the surface area of the sphere bounding the d-ball of radius
/// `r` (for d = 1 the "sphere" is two points, area 2).
pub fn ln_sphere_area(d: u32, r: f64) -> f64 {
    (d as f64).ln() + ln_ball_volume(d, r) - r.ln()
}

/// ln of the fraction of the unit cube [0, 1]^d filled by its inscribed ball (radius ½).
///
/// ```
/// use highdim::math::volume::ln_ball_in_cube_fraction;
/// // d = 10: π⁵ / (120 · 2¹⁰) ≈ 0.00249039
/// assert!((ln_ball_in_cube_fraction(10).exp() - 0.002_490_394_570_192_72).abs() < 1e-15);
/// ```
pub fn ln_ball_in_cube_fraction(d: u32) -> f64 {
    ln_ball_volume(d, 0.5)
}

/// The fraction of a ball's volume lying within relative distance `eps` of its surface
/// (the shell between radius 1 − ε and 1): 1 − (1 − ε)^d, computed without cancellation.
/// `eps` is clamped to [0, 1]; NaN gives NaN.
///
/// ```
/// use highdim::math::volume::shell_fraction;
/// assert!((shell_fraction(100, 0.01) - (1.0 - 0.99f64.powi(100))).abs() < 1e-15);
/// ```
pub fn shell_fraction(d: u32, eps: f64) -> f64 {
    if eps.is_nan() {
        return f64::NAN;
    }
    let eps = eps.clamp(0.0, 1.0);
    if eps == 1.0 {
        return if d == 0 { 0.0 } else { 1.0 };
    }
    -(d as f64 * (-eps).ln_1p()).exp_m1()
}

/// The smallest ε for which a fraction `share` of the d-ball's volume lies within ε of its
/// surface: ε = 1 − (1 − share)^{1/d}. Useful for captions ("half the volume is within …").
pub fn shell_thickness_for(d: u32, share: f64) -> f64 {
    if d == 0 {
        return f64::NAN;
    }
    -((-share).ln_1p() / d as f64).exp_m1()
}

/// Distance from the centre of the unit cube to a corner: √d / 2, i.e. √d times the inradius.
pub fn cube_half_diagonal(d: u32) -> f64 {
    (d as f64).sqrt() / 2.0
}

/// All the exact numbers the first section prints for one dimension. Plain values are 0 (or
/// ∞) when they leave the `f64` range; the `log10_*` fields stay exact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VolumeReport {
    /// The dimension.
    pub d: u32,
    /// V_d(1).
    pub unit_ball_volume: f64,
    /// log₁₀ V_d(1).
    pub log10_unit_ball_volume: f64,
    /// V_d(½): the share of the unit cube taken by its inscribed ball.
    pub ball_in_cube_fraction: f64,
    /// log₁₀ V_d(½).
    pub log10_ball_in_cube_fraction: f64,
    /// S_{d−1}(1), the area of the unit sphere bounding the d-ball.
    pub sphere_area: f64,
    /// log₁₀ S_{d−1}(1).
    pub log10_sphere_area: f64,
    /// The ε used for `shell_fraction`.
    pub eps: f64,
    /// 1 − (1 − ε)^d.
    pub shell_fraction: f64,
}

impl VolumeReport {
    /// Computes every field for dimension `d` and shell thickness `eps`.
    pub fn new(d: u32, eps: f64) -> Self {
        let lv = ln_unit_ball_volume(d);
        let lf = ln_ball_in_cube_fraction(d);
        let ls = ln_sphere_area(d, 1.0);
        Self {
            d,
            unit_ball_volume: lv.exp(),
            log10_unit_ball_volume: lv / LN_10,
            ball_in_cube_fraction: lf.exp(),
            log10_ball_in_cube_fraction: lf / LN_10,
            sphere_area: ls.exp(),
            log10_sphere_area: ls / LN_10,
            eps,
            shell_fraction: shell_fraction(d, eps),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(f64::MIN_POSITIVE)
    }

    #[test]
    fn closed_forms() {
        let v = |d| ln_unit_ball_volume(d).exp();
        assert!(close(v(1), 2.0, 1e-14));
        assert!(close(v(2), PI, 1e-14));
        assert!(close(v(3), 4.0 * PI / 3.0, 1e-14));
        assert!(close(v(4), PI * PI / 2.0, 1e-14));
        assert!(close(v(5), 8.0 * PI * PI / 15.0, 1e-14));
        assert!((v(5) - 5.263_789).abs() < 1e-6);
        assert!(close(
            ln_ball_in_cube_fraction(10).exp(),
            0.002_490_39,
            1e-5
        ));
        assert!(close(ln_sphere_area(2, 1.0).exp(), 2.0 * PI, 1e-14));
        assert!(close(ln_sphere_area(3, 1.0).exp(), 4.0 * PI, 1e-14));
        assert!(close(ln_sphere_area(1, 1.0).exp(), 2.0, 1e-14));
        assert!(close(
            ln_sphere_area(7, 1.0).exp(),
            16.0 * PI.powi(3) / 15.0,
            1e-13
        ));
        // The caption example: d = 20 gives 2.46e-8, i.e. ~40 million samples per hit.
        let f20 = ln_ball_in_cube_fraction(20).exp();
        assert!((f20 - 2.46e-8).abs() < 0.01e-8, "{f20}");
    }

    #[test]
    fn recurrence_is_an_independent_check() {
        // V_d = (2π/d) V_{d−2}, with V_0 = 1, V_1 = 2, run in log space up to d = 10,000.
        let mut ln_v = vec![0.0f64, 2f64.ln()];
        for d in 2..=10_000usize {
            let prev = ln_v[d - 2];
            ln_v.push(prev + (2.0 * PI / d as f64).ln());
        }
        for d in [1u32, 2, 3, 7, 50, 333, 1000, 4321, 10_000] {
            let want = ln_v[d as usize];
            let got = ln_unit_ball_volume(d);
            assert!(
                (got - want).abs() <= 1e-10 * want.abs().max(1.0),
                "d={d}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn maxima_at_five_and_seven() {
        let argmax = |f: &dyn Fn(u32) -> f64| (1..60).max_by(|&a, &b| f(a).total_cmp(&f(b)));
        assert_eq!(argmax(&|d| ln_unit_ball_volume(d)), Some(5));
        assert_eq!(argmax(&|d| ln_sphere_area(d, 1.0)), Some(7));
    }

    #[test]
    fn huge_dimensions_stay_finite_in_log_space() {
        let r = VolumeReport::new(10_000, 0.01);
        assert!(r.log10_unit_ball_volume.is_finite());
        assert!(r.log10_ball_in_cube_fraction < -10_000.0);
        assert_eq!(r.ball_in_cube_fraction, 0.0);
        assert!(r.log10_sphere_area.is_finite());
        assert!(r.shell_fraction > 0.999_999);
        assert!(ln_unit_ball_volume(MAX_DIMENSION).is_finite());
    }

    #[test]
    fn monotone_fraction() {
        for d in 1..2000 {
            assert!(ln_ball_in_cube_fraction(d + 1) < ln_ball_in_cube_fraction(d));
        }
        assert!(close(ln_ball_in_cube_fraction(1).exp(), 1.0, 1e-14));
    }

    #[test]
    fn shell() {
        assert_eq!(shell_fraction(10, 0.0), 0.0);
        assert_eq!(shell_fraction(10, 1.0), 1.0);
        assert_eq!(shell_fraction(10, 2.0), 1.0);
        assert!(shell_fraction(10, f64::NAN).is_nan());
        assert!(close(shell_fraction(1, 0.25), 0.25, 1e-15));
        // Tiny ε: 1 − (1 − ε)^d ≈ dε without cancellation.
        assert!(close(shell_fraction(3, 1e-12), 3e-12, 1e-9));
        for d in [1u32, 5, 100, 1000] {
            let eps = shell_thickness_for(d, 0.5);
            assert!(close(shell_fraction(d, eps), 0.5, 1e-12));
        }
    }

    #[test]
    fn corners_recede() {
        assert!(close(cube_half_diagonal(4), 1.0, 1e-15));
        assert!(close(cube_half_diagonal(100) / 0.5, 10.0, 1e-15));
    }
}
