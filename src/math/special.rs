//! Special functions needed by the core: the log-gamma function and log-binomials.
//!
//! Everything that can overflow is computed in log space, so that volumes in d = 10,000
//! dimensions (around 10⁻¹⁸⁰⁰⁰) stay representable as their logarithms.

use std::f64::consts::PI;

/// ln Γ(x) for x > 0, to about 1e-15 relative accuracy.
///
/// Uses the recurrence Γ(x) = Γ(x + k)/(x(x+1)…(x+k−1)) to shift x to at least 15, then the
/// Stirling series with terms up to x⁻¹¹ (Abramowitz & Stegun 6.1.40). Returns `NaN` for
/// x ≤ 0 or NaN, and `+∞` for x = +∞.
///
/// ```
/// use highdim::math::special::ln_gamma;
/// assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-14);              // Γ(5) = 4!
/// assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-14);
/// ```
pub fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    if x.is_infinite() {
        return f64::INFINITY;
    }
    let mut shift = 0.0;
    let mut z = x;
    // Product of the shifted factors, kept in range by taking logs whenever it grows.
    let mut prod = 1.0;
    while z < 15.0 {
        prod *= z;
        z += 1.0;
        if prod > 1e250 {
            shift += prod.ln();
            prod = 1.0;
        }
    }
    shift += prod.ln();
    let inv = 1.0 / z;
    let inv2 = inv * inv;
    let series = inv
        * (1.0 / 12.0
            + inv2
                * (-1.0 / 360.0
                    + inv2
                        * (1.0 / 1260.0
                            + inv2
                                * (-1.0 / 1680.0
                                    + inv2 * (1.0 / 1188.0 - inv2 * 691.0 / 360360.0)))));
    (z - 0.5) * z.ln() - z + 0.5 * (2.0 * PI).ln() + series - shift
}

/// ln C(n, k), the log of the binomial coefficient; `-∞` when k > n.
///
/// ```
/// use highdim::math::special::ln_binomial;
/// assert!((ln_binomial(10, 3) - 120f64.ln()).abs() < 1e-12);
/// ```
pub fn ln_binomial(n: u64, k: u64) -> f64 {
    if k > n {
        return f64::NEG_INFINITY;
    }
    if k == 0 || k == n {
        return 0.0;
    }
    ln_gamma(n as f64 + 1.0) - ln_gamma(k as f64 + 1.0) - ln_gamma((n - k) as f64 + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ln n! by direct summation: an independent computation.
    fn ln_factorial_by_sum(n: u64) -> f64 {
        (2..=n).map(|k| (k as f64).ln()).sum()
    }

    #[test]
    fn integers_match_factorials() {
        for n in 1..=300u64 {
            let want = ln_factorial_by_sum(n - 1);
            let got = ln_gamma(n as f64);
            let tol = 1e-13 * want.abs().max(1.0);
            assert!((got - want).abs() <= tol, "n={n}: {got} vs {want}");
        }
    }

    #[test]
    fn half_integers_match_the_duplication_formula() {
        // Γ(n + ½) = (2n)! √π / (4ⁿ n!)
        for n in 0..=200u64 {
            let want = ln_factorial_by_sum(2 * n) + 0.5 * PI.ln()
                - (n as f64) * 4f64.ln()
                - ln_factorial_by_sum(n);
            let got = ln_gamma(n as f64 + 0.5);
            let tol = 1e-13 * want.abs().max(1.0);
            assert!((got - want).abs() <= tol, "n={n}: {got} vs {want}");
        }
    }

    #[test]
    fn small_and_large_arguments() {
        // Γ(x) ≈ 1/x − γ near 0.
        let x = 1e-8;
        assert!((ln_gamma(x) - (1.0 / x - 0.577_215_664_901_532_9).ln()).abs() < 1e-7);
        // Stirling for huge x is finite and increasing.
        assert!(ln_gamma(1e300).is_finite());
        assert!(ln_gamma(5001.0) > ln_gamma(5000.0));
        assert!(ln_gamma(0.0).is_nan());
        assert!(ln_gamma(-1.0).is_nan());
        assert!(ln_gamma(f64::NAN).is_nan());
    }

    #[test]
    fn binomials() {
        assert_eq!(ln_binomial(5, 7), f64::NEG_INFINITY);
        assert_eq!(ln_binomial(5, 0), 0.0);
        // Pascal's rule in log space.
        for n in 2..60u64 {
            for k in 1..n {
                let lhs = ln_binomial(n, k).exp();
                let rhs = ln_binomial(n - 1, k - 1).exp() + ln_binomial(n - 1, k).exp();
                assert!((lhs - rhs).abs() <= 1e-11 * rhs, "C({n},{k})");
            }
        }
    }
}
