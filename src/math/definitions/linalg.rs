//! Small dense linear algebra for the definitions module: Cholesky factorisation, triangular
//! solves and Householder reflections on row-major `n × n` matrices (`n` up to a few
//! hundred; everything is `O(n³)` or less and allocation-light).
//!
//! Conventions: matrices are `&[f64]` of length `n·n`, row-major, entry `(i, j)` at
//! `i·n + j`. Lower-triangular factors keep garbage-free zeros above the diagonal.

/// Factors the symmetric positive-definite `a` as `L·Lᵀ`, overwriting `a` with the lower
/// triangle `L` (zeros above the diagonal). Reads only the lower triangle of `a`.
///
/// Returns `false` (leaving `a` partly overwritten) when a pivot is not positive and finite,
/// that is when `a` is not numerically positive definite.
///
/// ```
/// use highdim::math::definitions::linalg::cholesky;
/// let mut a = vec![4.0, 2.0, 2.0, 5.0];
/// assert!(cholesky(&mut a, 2));
/// assert_eq!(a, vec![2.0, 0.0, 1.0, 2.0]);
/// assert!(!cholesky(&mut vec![1.0, 2.0, 2.0, 1.0], 2)); // indefinite
/// ```
pub fn cholesky(a: &mut [f64], n: usize) -> bool {
    debug_assert_eq!(a.len(), n * n);
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if !(d > 0.0 && d.is_finite()) {
            return false;
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
        for k in j + 1..n {
            a[j * n + k] = 0.0;
        }
    }
    true
}

/// Solves `L·x = b` in place (`b` becomes `x`) for lower-triangular `L` with non-zero
/// diagonal (forward substitution).
///
/// ```
/// use highdim::math::definitions::linalg::solve_lower;
/// let l = [2.0, 0.0, 1.0, 4.0];
/// let mut b = [2.0, 9.0];
/// solve_lower(&l, 2, &mut b);
/// assert_eq!(b, [1.0, 2.0]);
/// ```
pub fn solve_lower(l: &[f64], n: usize, b: &mut [f64]) {
    for i in 0..n {
        let row = &l[i * n..i * n + i];
        let s: f64 = row.iter().zip(&b[..i]).map(|(a, x)| a * x).sum();
        b[i] = (b[i] - s) / l[i * n + i];
    }
}

/// Solves `Lᵀ·x = b` in place for lower-triangular `L` (back substitution with the
/// transpose, without forming it).
///
/// ```
/// use highdim::math::definitions::linalg::solve_lower_transpose;
/// let l = [2.0, 0.0, 1.0, 4.0]; // Lᵀ = [[2, 1], [0, 4]]
/// let mut b = [4.0, 8.0];
/// solve_lower_transpose(&l, 2, &mut b);
/// assert_eq!(b, [1.0, 2.0]);
/// ```
pub fn solve_lower_transpose(l: &[f64], n: usize, b: &mut [f64]) {
    for i in (0..n).rev() {
        let mut s = b[i];
        for k in i + 1..n {
            s -= l[k * n + i] * b[k];
        }
        b[i] = s / l[i * n + i];
    }
}

/// The inverse of a symmetric positive-definite matrix from its Cholesky factor `L`
/// (`A⁻¹ = L⁻ᵀ·L⁻¹`), as a full symmetric row-major matrix.
///
/// ```
/// use highdim::math::definitions::linalg::{cholesky, inverse_from_cholesky};
/// let mut l = vec![4.0, 2.0, 2.0, 5.0];
/// assert!(cholesky(&mut l, 2));
/// let inv = inverse_from_cholesky(&l, 2);
/// let expect = [5.0 / 16.0, -2.0 / 16.0, -2.0 / 16.0, 4.0 / 16.0];
/// assert!(inv.iter().zip(expect).all(|(a, b)| (a - b).abs() < 1e-15));
/// ```
pub fn inverse_from_cholesky(l: &[f64], n: usize) -> Vec<f64> {
    let mut inv = vec![0.0; n * n];
    let mut col = vec![0.0; n];
    for j in 0..n {
        col.iter_mut().for_each(|c| *c = 0.0);
        col[j] = 1.0;
        solve_lower(l, n, &mut col);
        solve_lower_transpose(l, n, &mut col);
        for i in 0..n {
            inv[i * n + j] = col[i];
        }
    }
    // Symmetrise against rounding.
    for i in 0..n {
        for j in 0..i {
            let m = 0.5 * (inv[i * n + j] + inv[j * n + i]);
            inv[i * n + j] = m;
            inv[j * n + i] = m;
        }
    }
    inv
}

/// `ln det A` from the Cholesky factor `L` of `A`: `2 Σ ln Lᵢᵢ`.
///
/// ```
/// use highdim::math::definitions::linalg::{cholesky, log_det_from_cholesky};
/// let mut a = vec![4.0, 2.0, 2.0, 5.0];
/// assert!(cholesky(&mut a, 2));
/// assert!((log_det_from_cholesky(&a, 2) - 16f64.ln()).abs() < 1e-15);
/// ```
pub fn log_det_from_cholesky(l: &[f64], n: usize) -> f64 {
    (0..n).map(|i| l[i * n + i].ln()).sum::<f64>() * 2.0
}

/// Builds the Householder vector `v` (overwriting `x`) with `(I − 2vvᵀ/vᵀv)·x = α·e₁`, and
/// returns `(α, vᵀv)`. `α = −sign(x₀)‖x‖` avoids cancellation. When `x = 0`, returns
/// `(0, 0)`: the reflection is the identity and must be skipped.
///
/// ```
/// use highdim::math::definitions::linalg::{householder, reflect};
/// let mut v = vec![3.0, 4.0];
/// let (alpha, vv) = householder(&mut v);
/// assert_eq!(alpha, -5.0);
/// let mut y = vec![3.0, 4.0];
/// reflect(&v, vv, &mut y);
/// assert!((y[0] + 5.0).abs() < 1e-15 && y[1].abs() < 1e-15);
/// ```
pub fn householder(x: &mut [f64]) -> (f64, f64) {
    let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
    if norm == 0.0 || x.is_empty() {
        return (0.0, 0.0);
    }
    let alpha = if x[0] >= 0.0 { -norm } else { norm };
    x[0] -= alpha;
    let vv = x.iter().map(|v| v * v).sum::<f64>();
    (alpha, vv)
}

/// Applies the reflection `I − 2vvᵀ/vv` to `y` in place (skipped when `vv = 0`).
pub fn reflect(v: &[f64], vv: f64, y: &mut [f64]) {
    if vv == 0.0 {
        return;
    }
    let f = 2.0 * v.iter().zip(y.iter()).map(|(a, b)| a * b).sum::<f64>() / vv;
    for (yi, vi) in y.iter_mut().zip(v) {
        *yi -= f * vi;
    }
}

/// `xᵀy`.
#[inline]
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let mut cx = x.chunks_exact(4);
    let mut cy = y.chunks_exact(4);
    for (a, b) in (&mut cx).zip(&mut cy) {
        acc[0] += a[0] * b[0];
        acc[1] += a[1] * b[1];
        acc[2] += a[2] * b[2];
        acc[3] += a[3] * b[3];
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (a, b) in cx.remainder().iter().zip(cy.remainder()) {
        s += a * b;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_round_trip_and_inverse() {
        // A = B Bᵀ + I for a fixed B.
        let n = 5;
        let b: Vec<f64> = (0..n * n)
            .map(|k| ((k * 7 % 11) as f64 - 5.0) / 3.0)
            .collect();
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] = (0..n).map(|k| b[i * n + k] * b[j * n + k]).sum::<f64>()
                    + if i == j { 1.0 } else { 0.0 };
            }
        }
        let mut l = a.clone();
        assert!(cholesky(&mut l, n));
        let inv = inverse_from_cholesky(&l, n);
        for i in 0..n {
            for j in 0..n {
                let p: f64 = (0..n).map(|k| a[i * n + k] * inv[k * n + j]).sum();
                let e = if i == j { 1.0 } else { 0.0 };
                assert!((p - e).abs() < 1e-12, "({i},{j}) {p}");
            }
        }
    }
}
