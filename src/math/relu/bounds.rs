//! Counting regions: the Serra–Tjandraatmadja–Ramalingam upper bound for deep ReLU networks
//! and the exact count of a line arrangement inside a window.

use super::net::Affine;
use super::tessellate::Window;

/// `C(n, k)` as a float (exact for the sizes used here: n ≤ 32 gives at most C(32,16) ≈ 6·10⁸).
fn binomial(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    let k = k.min(n - k);
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

fn binomial_u128(n: usize, k: usize) -> Option<u128> {
    if k > n {
        return Some(0);
    }
    let k = k.min(n - k);
    let mut acc: u128 = 1;
    for i in 0..k {
        // acc·(n−i)/(i+1) stays an integer at every step.
        acc = acc.checked_mul((n - i) as u128)? / (i + 1) as u128;
    }
    Some(acc)
}

/// Runs the dynamic programme over the layers: the state is the current cap
/// `min(n₀, n₁ − j₁, …, n_{l−1} − j_{l−1})`, which never exceeds `n0`.
fn serra_dp<T: Copy + Default>(
    widths: &[usize],
    n0: usize,
    binom: impl Fn(usize, usize) -> Option<T>,
    mul: impl Fn(T, T) -> Option<T>,
    add: impl Fn(T, T) -> Option<T>,
    one: T,
) -> Option<T> {
    let mut dp: Vec<T> = vec![T::default(); n0 + 1];
    let mut live = vec![false; n0 + 1];
    dp[n0] = one;
    live[n0] = true;
    for &n in widths {
        let mut next = vec![T::default(); n0 + 1];
        let mut next_live = vec![false; n0 + 1];
        for cap in 0..=n0 {
            if !live[cap] {
                continue;
            }
            for j in 0..=cap.min(n) {
                let new_cap = cap.min(n - j);
                let term = mul(dp[cap], binom(n, j)?)?;
                next[new_cap] = if next_live[new_cap] {
                    add(next[new_cap], term)?
                } else {
                    term
                };
                next_live[new_cap] = true;
            }
        }
        dp = next;
        live = next_live;
    }
    let mut total: Option<T> = None;
    for cap in 0..=n0 {
        if live[cap] {
            total = Some(match total {
                None => dp[cap],
                Some(t) => add(t, dp[cap])?,
            });
        }
    }
    total
}

/// The Serra–Tjandraatmadja–Ramalingam upper bound on the number of linear regions of a ReLU
/// network with input dimension `n0` and hidden widths `widths = [n₁, …, n_L]`
/// (Serra, Tjandraatmadja & Ramalingam, *Bounding and Counting Linear Regions of Deep Neural
/// Networks*, ICML 2018, Theorem 1):
///
/// Σ_{(j₁…j_L) ∈ J} Π_l C(n_l, j_l), with
/// J = {0 ≤ j_l ≤ min(n₀, n₁ − j₁, …, n_{l−1} − j_{l−1}, n_l)}.
///
/// Returned as a float because it outgrows `u128` for wide deep nets; see
/// [`serra_bound_exact`] for an exact integer. An empty `widths` gives 1 (one region).
///
/// ```
/// use highdim::math::relu::serra_bound;
/// // One layer of n lines in the plane: 1 + n + C(n, 2).
/// assert_eq!(serra_bound(&[8], 2), 1.0 + 8.0 + 28.0);
/// assert!(serra_bound(&[16, 16, 16], 2) > serra_bound(&[16, 16], 2));
/// ```
pub fn serra_bound(widths: &[usize], n0: usize) -> f64 {
    serra_dp(
        widths,
        n0,
        |n, k| Some(binomial(n, k)),
        |a, b| Some(a * b),
        |a, b| Some(a + b),
        1.0,
    )
    .unwrap_or(f64::INFINITY)
}

/// [`serra_bound`] in exact integer arithmetic, or `None` if it overflows `u128`.
///
/// ```
/// use highdim::math::relu::serra_bound_exact;
/// assert_eq!(serra_bound_exact(&[3, 3], 2), Some(40));
/// ```
pub fn serra_bound_exact(widths: &[usize], n0: usize) -> Option<u128> {
    serra_dp(
        widths,
        n0,
        binomial_u128,
        |a, b| a.checked_mul(b),
        |a, b| a.checked_add(b),
        1u128,
    )
}

/// The number of regions that the lines `a·x + b·y + c = 0` cut the window into, counted as
/// `1 + L + I`: L lines crossing the window's interior and I pairwise intersections strictly
/// inside it (Zaslavsky's count for a convex window). Exact when the lines are in general
/// position inside the window (no two parallel crossing lines meeting, no three through one
/// point, no intersection on the window's border); degenerate "lines" with `a = b = 0` are
/// ignored. This is an independent check on [`tessellate()`](crate::math::relu::tessellate()) for one
/// hidden layer.
///
/// ```
/// use highdim::math::relu::{arrangement_regions_in_window, Affine, Window};
/// let axes = [Affine { a: 1.0, b: 0.0, c: 0.0 }, Affine { a: 0.0, b: 1.0, c: 0.0 }];
/// assert_eq!(arrangement_regions_in_window(&axes, &Window::DEFAULT), 4);
/// let outside = Affine { a: 1.0, b: 0.0, c: -5.0 }; // x = 5 misses the window
/// assert_eq!(arrangement_regions_in_window(&[outside], &Window::DEFAULT), 1);
/// ```
pub fn arrangement_regions_in_window(lines: &[Affine], window: &Window) -> usize {
    let corners = window.corners();
    let crossing: Vec<&Affine> = lines
        .iter()
        .filter(|l| l.a != 0.0 || l.b != 0.0)
        .filter(|l| {
            let v = corners.map(|p| l.eval(p));
            v.iter().any(|&s| s > 0.0) && v.iter().any(|&s| s < 0.0)
        })
        .collect();
    let mut inside = 0;
    for (i, p) in crossing.iter().enumerate() {
        for q in &crossing[i + 1..] {
            let det = p.a * q.b - p.b * q.a;
            if det == 0.0 {
                continue;
            }
            let x = (p.b * q.c - q.b * p.c) / det;
            let y = (q.a * p.c - p.a * q.c) / det;
            if x > window.xmin() && x < window.xmax() && y > window.ymin() && y < window.ymax() {
                inside += 1;
            }
        }
    }
    1 + crossing.len() + inside
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brute force over all tuples (j₁…j_L), straight from the definition of J.
    fn brute(widths: &[usize], n0: usize) -> u128 {
        fn rec(widths: &[usize], cap: usize, prod: u128) -> u128 {
            match widths.split_first() {
                None => prod,
                Some((&n, rest)) => (0..=cap.min(n))
                    .map(|j| rec(rest, cap.min(n - j), prod * binomial_u128(n, j).unwrap()))
                    .sum(),
            }
        }
        rec(widths, n0, 1)
    }

    #[test]
    fn small_cases_by_hand() {
        // One layer in R²: 1 + n + C(n, 2).
        for n in 1..=32 {
            let expected = 1 + n + n * (n - 1) / 2;
            assert_eq!(serra_bound_exact(&[n], 2), Some(expected as u128));
            assert_eq!(serra_bound(&[n], 2), expected as f64);
        }
        // One layer in R¹: n + 1 pieces.
        assert_eq!(serra_bound_exact(&[5], 1), Some(6));
        // [1, 1] in R²: j₁ ∈ {0, 1}; j₁ = 0 allows j₂ ∈ {0, 1}, j₁ = 1 caps j₂ at 0: 3.
        assert_eq!(serra_bound_exact(&[1, 1], 2), Some(3));
        // [3, 3] in R²: j₁ ≤ min(n₀, n₁) = 2 and j₂ ≤ min(2, 3 − j₁):
        // j₁ = 0: 1 · (1 + 3 + 3) = 7; j₁ = 1: 3 · 7 = 21; j₁ = 2: 3 · (1 + 3) = 12.
        assert_eq!(serra_bound_exact(&[3, 3], 2), Some(40));
        assert_eq!(serra_bound_exact(&[3, 3], 2), Some(brute(&[3, 3], 2)));
        assert_eq!(serra_bound_exact(&[], 2), Some(1));
    }

    #[test]
    fn dynamic_programme_matches_brute_force() {
        let archs: [&[usize]; 5] = [&[4, 4], &[8, 8, 8], &[2, 5, 3], &[16, 16, 16], &[6; 6]];
        for w in archs {
            let b = brute(w, 2);
            assert_eq!(serra_bound_exact(w, 2), Some(b), "{w:?}");
            assert!((serra_bound(w, 2) - b as f64).abs() <= 1e-12 * b as f64);
        }
    }

    #[test]
    fn huge_architectures_overflow_gracefully() {
        let f = serra_bound(&[32; 6], 2);
        assert!(f.is_finite() && f > 1e15, "{f}");
        // The float never overflows for the supported sizes; u128 holds these too.
        assert!(serra_bound_exact(&[32; 6], 2).is_some());
    }

    #[test]
    fn arrangement_counts() {
        let w = Window::DEFAULT;
        // Three lines in general position through the window, all intersections inside.
        let lines = [
            Affine {
                a: 1.0,
                b: 0.0,
                c: -0.1,
            },
            Affine {
                a: 0.0,
                b: 1.0,
                c: 0.2,
            },
            Affine {
                a: 1.0,
                b: 1.0,
                c: -0.05,
            },
        ];
        assert_eq!(arrangement_regions_in_window(&lines, &w), 7);
        let zero = Affine {
            a: 0.0,
            b: 0.0,
            c: 1.0,
        };
        assert_eq!(arrangement_regions_in_window(&[zero], &w), 1);
    }
}
