//! Special functions needed by the core: the log-gamma function, log-binomials, and the
//! standard normal law's tail, log-cdf and hazard in every range of its argument.
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

/// ln C(n, k) for small `k` and any `n` up to 2⁵³, accurate to about 1e-15 relative even
/// when n is huge: the sum of ln(n − i) over i < k minus ln k!. [`ln_binomial`] goes through
/// ln Γ(n + 1), which for n = 10¹⁰ is 2·10¹¹ and loses five digits in the subtraction.
///
/// ```
/// use highdim::math::special::ln_binomial_small_k;
/// let c = ln_binomial_small_k(10_000_000_000, 2).exp();
/// assert!((c / 4.9999999995e19 - 1.0).abs() < 1e-14);
/// assert_eq!(ln_binomial_small_k(3, 5), f64::NEG_INFINITY);
/// ```
pub fn ln_binomial_small_k(n: u64, k: u64) -> f64 {
    if k > n {
        return f64::NEG_INFINITY;
    }
    let k = k.min(n - k);
    (0..k).map(|i| ((n - i) as f64 / (i + 1) as f64).ln()).sum()
}

/// The standard normal density φ(x) = e^(−x²/2)/√(2π).
pub fn normal_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * PI).sqrt()
}

/// The standard normal upper tail Q(x) = P(Z > x) = 1 − Φ(x), to about 1e-15 relative
/// accuracy wherever it is a normal number (x below about 37.5), through musl's `erfc`.
///
/// ```
/// use highdim::math::special::normal_tail;
/// assert_eq!(normal_tail(0.0), 0.5);
/// assert!((normal_tail(1.959963984540054) - 0.025).abs() < 1e-16);
/// ```
pub fn normal_tail(x: f64) -> f64 {
    0.5 * libm::erfc(x / std::f64::consts::SQRT_2)
}

/// Where the tail switches from `erfc` to the continued fraction of the Mills ratio (40
/// levels of it are exact to 10⁻²² from y = 5 on, checked against mpmath).
const MILLS_SWITCH: f64 = 5.0;

/// The Mills ratio R(y) = Q(y)/φ(y) for y ≥ 0: `erfc`-based below 5, Laplace's continued
/// fraction R(y) = 1/(y + 1/(y + 2/(y + 3/(y + …)))) above (it also works where Q
/// underflows). Decreases from √(π/2) at 0 like 1/y. As for Q itself, a relative error
/// of y² ulps in y becomes a relative error of about y²·10⁻¹⁶ in the result.
pub fn mills_ratio(y: f64) -> f64 {
    if y < MILLS_SWITCH {
        return normal_tail(y) / normal_pdf(y);
    }
    let mut f = y;
    for j in (1..=40).rev() {
        f = y + j as f64 / f;
    }
    1.0 / f
}

/// ln Φ(x), the log of the standard normal distribution function, accurate to about 1e-15
/// relative for every finite x: `ln_1p(−Q(x))` for x > 0 (exact for Φ near 1), ln Q(−x) for
/// −5 < x ≤ 0, and ln φ(x) + ln R(−x) (the Mills ratio) in the lower tail, where Φ(x)
/// eventually underflows.
///
/// ```
/// use highdim::math::special::ln_normal_cdf;
/// assert!((ln_normal_cdf(0.0) - 0.5f64.ln()).abs() < 1e-16);
/// assert!((ln_normal_cdf(8.0) + 6.22096057427178e-16).abs() < 1e-28);
/// assert!((ln_normal_cdf(-40.0) + 804.608442013754).abs() < 1e-10);
/// ```
pub fn ln_normal_cdf(x: f64) -> f64 {
    if x > 0.0 {
        (-normal_tail(x)).ln_1p()
    } else if x > -MILLS_SWITCH {
        normal_tail(-x).ln()
    } else {
        -0.5 * x * x - 0.5 * (2.0 * PI).ln() + mills_ratio(-x).ln()
    }
}

/// φ(x)/Φ(x), the hazard of the lower tail (the inverse Mills ratio of −x): about φ(x) for
/// large x, about −x − 1/x for very negative x. Its derivative is −λ(x)(x + λ(x)).
pub fn normal_pdf_over_cdf(x: f64) -> f64 {
    if x > -MILLS_SWITCH {
        let cdf = if x > 0.0 {
            1.0 - normal_tail(x)
        } else {
            normal_tail(-x)
        };
        normal_pdf(x) / cdf
    } else {
        1.0 / mills_ratio(-x)
    }
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
    fn normal_tail_and_log_cdf_agree_across_their_switches() {
        // The continued fraction and erfc meet at the switch (both are accurate there).
        let y = MILLS_SWITCH;
        let direct = normal_tail(y) / normal_pdf(y);
        let mut f = y;
        for j in (1..=40).rev() {
            f = y + j as f64 / f;
        }
        assert!((direct * f - 1.0).abs() < 5e-15, "{direct} vs {}", 1.0 / f);
        // Continuity of ln Φ and of φ/Φ through the switches at 0 and −30.
        for &x in &[-MILLS_SWITCH, 0.0] {
            let (a, b) = (ln_normal_cdf(x - 1e-9), ln_normal_cdf(x + 1e-9));
            assert!(
                (a - b).abs() < 1e-7 * a.abs().max(1.0),
                "ln Φ at {x}: {a} {b}"
            );
            let (a, b) = (normal_pdf_over_cdf(x - 1e-9), normal_pdf_over_cdf(x + 1e-9));
            assert!(
                (a - b).abs() < 1e-7 * a.abs().max(1.0),
                "φ/Φ at {x}: {a} {b}"
            );
        }
        // Published values (Abramowitz & Stegun 26.2; Q(5) = 2.866515718791939e-7).
        assert!((normal_tail(5.0) / 2.866515718791939e-7 - 1.0).abs() < 1e-14);
        assert!((normal_tail(1.0) - 0.158_655_253_931_457_05).abs() < 1e-16);
        // The hazard's asymptote −x − 1/x + 2/x³ far in the lower tail.
        let x = -50.0f64;
        let asym = -x - 1.0 / x + 2.0 / x.powi(3);
        assert!((normal_pdf_over_cdf(x) / asym - 1.0).abs() < 1e-9);
        assert!(ln_normal_cdf(-1e3).is_finite());
        assert_eq!(ln_normal_cdf(40.0), 0.0);
    }

    #[test]
    fn small_k_binomials_are_exact_for_huge_n() {
        for (n, k) in [
            (10u64, 3u64),
            (50, 25),
            (1_000_003, 7),
            (10_000_000_000, 29),
        ] {
            // An independent product of exact ratios, in f64 where representable.
            let direct: f64 = (0..k).map(|i| (n - i) as f64 / (i + 1) as f64).product();
            let got = ln_binomial_small_k(n, k).exp();
            assert!(
                (got / direct - 1.0).abs() < 1e-13,
                "C({n},{k}): {got} vs {direct}"
            );
        }
        assert!((ln_binomial_small_k(60, 30) - ln_binomial(60, 30)).abs() < 1e-11);
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
