//! The corral of Wolfe's algorithm: an affinely independent set of points with the QR
//! factorisation of `B = [1ᵀ; Y_C]` (a row of ones over the points as columns), updated
//! incrementally as points enter and leave.
//!
//! With `B = QR`, the affine minimiser of the corral (the point of its affine hull nearest the
//! origin) has barycentric weights `β ∝ β̃` where `β̃` solves `BᵀB β̃ = 1`, that is the least
//! squares problem `min ‖B β̃ − e₁‖`, so `R β̃ = Qᵀe₁` (the first row of `Q`). Adding a point is
//! one Gram–Schmidt step (done twice: "twice is enough"); removing one is a sweep of Givens
//! rotations. Both cost `O(d·k)` for a corral of `k ≤ d + 1` points, instead of the `O(k³)`
//! of solving from scratch.

/// A new column is rejected as affinely dependent when its component orthogonal to the
/// current columns is below this fraction of its norm.
const DEPENDENCE: f64 = 1e-11;

#[derive(Clone, Debug, Default)]
pub(super) struct Corral {
    /// Length of a column of `B`: `d + 1`. Also the largest possible corral.
    stride: usize,
    /// Positions of the members in the candidate buffer, in column order.
    pub(super) members: Vec<usize>,
    /// Convex weights of the members (the current point is `Σ weights·y`).
    pub(super) weights: Vec<f64>,
    /// `Q`: one orthonormal column of length `stride` per member.
    q: Vec<f64>,
    /// `R`, upper triangular, column-major with column stride `stride`.
    r: Vec<f64>,
    /// Scratch column.
    v: Vec<f64>,
    /// Scratch for `R` column entries / solutions.
    t: Vec<f64>,
}

impl Corral {
    /// Empties the corral for points of dimension `dim`.
    pub(super) fn reset(&mut self, dim: usize) {
        self.stride = dim + 1;
        self.members.clear();
        self.weights.clear();
        self.q.clear();
        self.r.clear();
        self.v.clear();
        self.v.resize(self.stride, 0.0);
        self.t.clear();
    }

    pub(super) fn len(&self) -> usize {
        self.members.len()
    }

    /// Adds the point `y` (stored at candidate position `pos`) with weight 0. Returns false,
    /// leaving the corral unchanged, when `y` is (numerically) in the affine hull of the
    /// members, or the corral is already full.
    pub(super) fn push(&mut self, pos: usize, y: &[f64]) -> bool {
        let s = self.stride;
        let k = self.members.len();
        if k >= s || y.len() + 1 != s {
            return false;
        }
        self.v[0] = 1.0;
        self.v[1..].copy_from_slice(y);
        let bnorm = norm(&self.v);
        self.t.clear();
        self.t.resize(k + 1, 0.0);
        for _ in 0..2 {
            for i in 0..k {
                let qi = &self.q[i * s..(i + 1) * s];
                let c = dot(qi, &self.v);
                self.t[i] += c;
                for (vj, qj) in self.v.iter_mut().zip(qi) {
                    *vj -= c * qj;
                }
            }
        }
        let rho = norm(&self.v);
        if !rho.is_finite() || rho <= DEPENDENCE * bnorm {
            return false;
        }
        self.t[k] = rho;
        self.q.extend(self.v.iter().map(|vj| vj / rho));
        let start = self.r.len();
        self.r.resize(start + s, 0.0);
        self.r[start..start + k + 1].copy_from_slice(&self.t);
        self.members.push(pos);
        self.weights.push(0.0);
        true
    }

    /// Removes the member in column `j`, restoring the triangular factor with Givens rotations.
    pub(super) fn remove(&mut self, j: usize) {
        let s = self.stride;
        let k = self.members.len();
        if j >= k {
            return;
        }
        // Drop column j of R: the columns after it become upper Hessenberg.
        self.r.copy_within((j + 1) * s..k * s, j * s);
        self.r.truncate((k - 1) * s);
        for i in j..k - 1 {
            let a = self.r[i * s + i];
            let b = self.r[i * s + i + 1];
            let h = a.hypot(b);
            if h == 0.0 {
                continue;
            }
            let (c, sn) = (a / h, b / h);
            for col in i..k - 1 {
                let x = self.r[col * s + i];
                let y = self.r[col * s + i + 1];
                self.r[col * s + i] = c * x + sn * y;
                self.r[col * s + i + 1] = -sn * x + c * y;
            }
            self.r[i * s + i + 1] = 0.0;
            let (left, right) = self.q.split_at_mut((i + 1) * s);
            let qi = &mut left[i * s..];
            let qn = &mut right[..s];
            for (x, y) in qi.iter_mut().zip(qn.iter_mut()) {
                let (a0, b0) = (*x, *y);
                *x = c * a0 + sn * b0;
                *y = -sn * a0 + c * b0;
            }
        }
        self.q.truncate((k - 1) * s);
        self.members.remove(j);
        self.weights.remove(j);
    }

    /// Barycentric weights of the affine minimiser of the corral, written to `out` (length =
    /// corral size). Returns false if the factorisation is numerically singular.
    pub(super) fn affine_minimiser(&self, out: &mut Vec<f64>) -> bool {
        let s = self.stride;
        let k = self.members.len();
        out.clear();
        out.resize(k, 0.0);
        for i in (0..k).rev() {
            let mut acc = self.q[i * s];
            for (jj, &o) in out.iter().enumerate().skip(i + 1) {
                acc -= self.r[jj * s + i] * o;
            }
            let diag = self.r[i * s + i];
            if diag == 0.0 {
                return false;
            }
            out[i] = acc / diag;
        }
        let sum: f64 = out.iter().sum();
        if !sum.is_finite() || sum <= 0.0 {
            return false;
        }
        out.iter_mut().for_each(|b| *b /= sum);
        true
    }
}

pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let mut ca = a.chunks_exact(4);
    let mut cb = b.chunks_exact(4);
    for (x, y) in (&mut ca).zip(&mut cb) {
        acc[0] += x[0] * y[0];
        acc[1] += x[1] * y[1];
        acc[2] += x[2] * y[2];
        acc[3] += x[3] * y[3];
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        s += x * y;
    }
    s
}

pub(super) fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rebuilds `B` from the members and checks `B = QR` and `QᵀQ = I`.
    fn check(c: &Corral, ys: &[Vec<f64>]) {
        let s = c.stride;
        let k = c.len();
        for (col, &m) in c.members.iter().enumerate() {
            let mut b = vec![1.0];
            b.extend_from_slice(&ys[m]);
            for (row, &want) in b.iter().enumerate() {
                let mut qr = 0.0;
                for i in 0..=col {
                    qr += c.q[i * s + row] * c.r[col * s + i];
                }
                assert!((qr - want).abs() < 1e-12, "B = QR fails at ({row},{col})");
            }
        }
        for i in 0..k {
            for j in 0..k {
                let g = dot(&c.q[i * s..(i + 1) * s], &c.q[j * s..(j + 1) * s]);
                let want = if i == j { 1.0 } else { 0.0 };
                assert!((g - want).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn push_remove_keep_the_factorisation() {
        let ys = vec![
            vec![1.0, 0.0, 0.5],
            vec![0.0, 2.0, -1.0],
            vec![-1.0, -1.0, 0.0],
            vec![0.3, 0.2, 2.0],
        ];
        let mut c = Corral::default();
        c.reset(3);
        for (i, y) in ys.iter().enumerate() {
            assert!(c.push(i, y));
            check(&c, &ys);
        }
        // A fifth point is always dependent in R^3 (at most 4 affinely independent points).
        assert!(!c.push(9, &[0.1, 0.1, 0.1]));
        c.remove(1);
        check(&c, &ys);
        c.remove(0);
        check(&c, &ys);
        assert_eq!(c.members, vec![2, 3]);
    }

    #[test]
    fn affine_minimiser_of_a_segment() {
        // Segment from (-1, 1) to (1, 1): the affine minimiser is (0, 1), weights ½, ½.
        let mut c = Corral::default();
        c.reset(2);
        assert!(c.push(0, &[-1.0, 1.0]));
        assert!(c.push(1, &[1.0, 1.0]));
        let mut beta = Vec::new();
        assert!(c.affine_minimiser(&mut beta));
        assert!((beta[0] - 0.5).abs() < 1e-15 && (beta[1] - 0.5).abs() < 1e-15);
        // A duplicate is dependent.
        assert!(!c.push(2, &[1.0, 1.0]));
        // A point on the same line is dependent too.
        assert!(!c.push(3, &[3.0, 1.0]));
    }
}
