//! Principal component analysis: the covariance of the training images and its symmetric
//! eigen-decomposition by Householder tridiagonalisation followed by the implicit QL
//! algorithm with Wilkinson-style shifts (the `tred2`/`tqli` pair of Press, Teukolsky,
//! Vetterling & Flannery, *Numerical Recipes*, 2nd ed., §11.2–11.3; originally Martin,
//! Reinsch & Wilkinson, *Numer. Math.* 11 (1968) and Bowdler et al., *Numer. Math.* 11 (1968)).

use std::fmt;

/// Why an eigen-decomposition or a fit failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PcaError {
    /// No rows, or rows of length zero.
    Empty,
    /// `data.len()` is not a multiple of the dimension, or a matrix is not square.
    Shape,
    /// The QL iteration did not converge (never seen on symmetric input).
    NotConverged,
}

impl fmt::Display for PcaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PcaError::Empty => write!(f, "principal components need at least one image"),
            PcaError::Shape => write!(f, "the data do not form a matrix of the stated width"),
            PcaError::NotConverged => write!(f, "the eigenvalue iteration did not converge"),
        }
    }
}

impl std::error::Error for PcaError {}

/// Eigenvalues and eigenvectors of a symmetric matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct SymmetricEigen {
    /// Eigenvalues, largest first.
    pub values: Vec<f64>,
    /// Unit eigenvectors, row `i` (row-major, `n × n`) for `values[i]`; each is signed so
    /// that its largest-magnitude entry is positive.
    pub vectors: Vec<f64>,
}

/// The eigen-decomposition of the symmetric `n × n` matrix `a` (row-major; only the lower
/// triangle is read).
///
/// # Errors
/// [`PcaError::Shape`] when `a.len() != n²`, [`PcaError::Empty`] for `n = 0`,
/// [`PcaError::NotConverged`].
///
/// ```
/// use highdim::math::digits::symmetric_eigen;
/// let e = symmetric_eigen(vec![2.0, 1.0, 1.0, 2.0], 2).unwrap();
/// assert!((e.values[0] - 3.0).abs() < 1e-12 && (e.values[1] - 1.0).abs() < 1e-12);
/// let h = 0.5f64.sqrt();
/// assert!((e.vectors[0] - h).abs() < 1e-12 && (e.vectors[1] - h).abs() < 1e-12);
/// ```
pub fn symmetric_eigen(mut a: Vec<f64>, n: usize) -> Result<SymmetricEigen, PcaError> {
    if n == 0 {
        return Err(PcaError::Empty);
    }
    if a.len() != n * n {
        return Err(PcaError::Shape);
    }
    let mut d = vec![0.0; n];
    let mut e = vec![0.0; n];
    tred2(&mut a, n, &mut d, &mut e);
    // Rotations act on columns of the accumulated transform; keep them as rows (contiguous).
    let mut zt = vec![0.0; n * n];
    for i in 0..n {
        for k in 0..n {
            zt[i * n + k] = a[k * n + i];
        }
    }
    tqli(&mut d, &mut e, &mut zt, n)?;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| d[j].total_cmp(&d[i]));
    let mut values = Vec::with_capacity(n);
    let mut vectors = Vec::with_capacity(n * n);
    for &i in &order {
        values.push(d[i]);
        let row = &zt[i * n..(i + 1) * n];
        let big = row
            .iter()
            .copied()
            .fold(0.0f64, |m, v| if v.abs() > m.abs() { v } else { m });
        let sign = if big < 0.0 { -1.0 } else { 1.0 };
        vectors.extend(row.iter().map(|v| v * sign));
    }
    Ok(SymmetricEigen { values, vectors })
}

/// Householder reduction of the symmetric `a` to tridiagonal form: on return `d` is the
/// diagonal, `e[1..]` the subdiagonal, and `a` the orthogonal transform.
fn tred2(a: &mut [f64], n: usize, d: &mut [f64], e: &mut [f64]) {
    for i in (1..n).rev() {
        let l = i - 1;
        let mut h = 0.0;
        if l > 0 {
            let scale: f64 = (0..i).map(|k| a[i * n + k].abs()).sum();
            if scale == 0.0 {
                e[i] = a[i * n + l];
            } else {
                for k in 0..i {
                    a[i * n + k] /= scale;
                    h += a[i * n + k] * a[i * n + k];
                }
                let f = a[i * n + l];
                let g = if f >= 0.0 { -h.sqrt() } else { h.sqrt() };
                e[i] = scale * g;
                h -= f * g;
                a[i * n + l] = f - g;
                let mut f = 0.0;
                for j in 0..i {
                    a[j * n + i] = a[i * n + j] / h;
                    let mut g = 0.0;
                    for k in 0..=j {
                        g += a[j * n + k] * a[i * n + k];
                    }
                    for k in j + 1..i {
                        g += a[k * n + j] * a[i * n + k];
                    }
                    e[j] = g / h;
                    f += e[j] * a[i * n + j];
                }
                let hh = f / (h + h);
                for j in 0..i {
                    let f = a[i * n + j];
                    let g = e[j] - hh * f;
                    e[j] = g;
                    for k in 0..=j {
                        a[j * n + k] -= f * e[k] + g * a[i * n + k];
                    }
                }
            }
        } else {
            e[i] = a[i * n + l];
        }
        d[i] = h;
    }
    d[0] = 0.0;
    e[0] = 0.0;
    for i in 0..n {
        if d[i] != 0.0 {
            for j in 0..i {
                let mut g = 0.0;
                for k in 0..i {
                    g += a[i * n + k] * a[k * n + j];
                }
                for k in 0..i {
                    a[k * n + j] -= g * a[k * n + i];
                }
            }
        }
        d[i] = a[i * n + i];
        a[i * n + i] = 1.0;
        for j in 0..i {
            a[j * n + i] = 0.0;
            a[i * n + j] = 0.0;
        }
    }
}

/// Implicit QL on the tridiagonal (`d`, `e`), accumulating the rotations into the rows of
/// `zt` (row `i` becomes the eigenvector of `d[i]`).
fn tqli(d: &mut [f64], e: &mut [f64], zt: &mut [f64], n: usize) -> Result<(), PcaError> {
    for i in 1..n {
        e[i - 1] = e[i];
    }
    e[n - 1] = 0.0;
    for l in 0..n {
        let mut iter = 0;
        loop {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                if e[m].abs() <= f64::EPSILON * dd {
                    break;
                }
                m += 1;
            }
            if m == l {
                break;
            }
            iter += 1;
            if iter > 60 {
                return Err(PcaError::NotConverged);
            }
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            let mut r = g.hypot(1.0);
            g = d[m] - d[l] + e[l] / (g + r.copysign(g));
            let (mut s, mut c, mut p) = (1.0, 1.0, 0.0);
            let mut early = false;
            let mut i = m;
            while i > l {
                i -= 1;
                let f = s * e[i];
                let b = c * e[i];
                r = f.hypot(g);
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    early = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
                let (lo, hi) = zt.split_at_mut((i + 1) * n);
                let zi = &mut lo[i * n..];
                let zi1 = &mut hi[..n];
                for k in 0..n {
                    let f = zi1[k];
                    zi1[k] = s * zi[k] + c * f;
                    zi[k] = c * zi[k] - s * f;
                }
            }
            if early {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = 0.0;
        }
    }
    Ok(())
}

/// Accumulates the mean and covariance of rows given a few at a time (so a job can stop
/// between rows), then fits the components with [`PcaBuilder::finish`].
#[derive(Clone, Debug)]
pub struct PcaBuilder {
    dim: usize,
    mean: Vec<f64>,
    /// Lower triangle of Σ (x − mean)(x − mean)ᵀ, row-major `dim × dim`.
    scatter: Vec<f64>,
    rows: usize,
    centred: Vec<f64>,
}

impl PcaBuilder {
    /// A builder for rows of length `dim` whose mean is `mean` (computed beforehand: a cheap
    /// first pass, so the scatter is accumulated about the exact mean).
    pub fn new(mean: Vec<f64>) -> Self {
        let dim = mean.len();
        Self {
            dim,
            scatter: vec![0.0; dim * dim],
            mean,
            rows: 0,
            centred: vec![0.0; dim],
        }
    }

    /// Adds one row.
    pub fn add(&mut self, row: &[f64]) {
        let n = self.dim;
        for (c, (x, m)) in self.centred.iter_mut().zip(row.iter().zip(&self.mean)) {
            *c = x - m;
        }
        for i in 0..n {
            let ci = self.centred[i];
            if ci == 0.0 {
                continue;
            }
            let dst = &mut self.scatter[i * n..i * n + i + 1];
            for (s, &cj) in dst.iter_mut().zip(&self.centred[..=i]) {
                *s += ci * cj;
            }
        }
        self.rows += 1;
    }

    /// Rows added so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The principal components of the rows added.
    ///
    /// # Errors
    /// [`PcaError::Empty`] without rows; [`PcaError::NotConverged`].
    pub fn finish(self) -> Result<Pca, PcaError> {
        if self.rows == 0 || self.dim == 0 {
            return Err(PcaError::Empty);
        }
        let n = self.dim;
        let scale = 1.0 / self.rows as f64;
        // Coordinates that never vary (MNIST's blank border) carry no variance: solve on the
        // others only, which is exact and several times faster.
        let active: Vec<usize> = (0..n).filter(|&i| self.scatter[i * n + i] > 0.0).collect();
        let m = active.len();
        let mut values = vec![0.0; n];
        let mut components = vec![0.0; n * n];
        if m > 0 {
            let mut sub = vec![0.0; m * m];
            for (a, &i) in active.iter().enumerate() {
                for (b, &j) in active.iter().enumerate().take(a + 1) {
                    let v = self.scatter[i * n + j] * scale;
                    sub[a * m + b] = v;
                    sub[b * m + a] = v;
                }
            }
            let eig = symmetric_eigen(sub, m)?;
            for r in 0..m {
                values[r] = eig.values[r].max(0.0);
                for (b, &j) in active.iter().enumerate() {
                    components[r * n + j] = eig.vectors[r * m + b];
                }
            }
        }
        // The remaining directions (zero variance): unit vectors of the constant coordinates.
        for (r, i) in (m..n).zip((0..n).filter(|i| !active.contains(i))) {
            components[r * n + i] = 1.0;
        }
        Ok(Pca {
            dim: n,
            mean: self.mean,
            values,
            components,
        })
    }
}

/// Principal components of a set of rows: the eigenvectors of their covariance (population
/// normalisation, 1/N), largest variance first.
#[derive(Clone, Debug, PartialEq)]
pub struct Pca {
    dim: usize,
    mean: Vec<f64>,
    values: Vec<f64>,
    components: Vec<f64>,
}

impl Pca {
    /// Fits the rows of `data` (row-major, width `dim`) in one call.
    ///
    /// # Errors
    /// [`PcaError::Shape`], [`PcaError::Empty`], [`PcaError::NotConverged`].
    ///
    /// ```
    /// use highdim::math::digits::Pca;
    /// // Points on the line y = x: one component carries all the variance.
    /// let pca = Pca::fit(&[0.0, 0.0, 1.0, 1.0, 2.0, 2.0], 2).unwrap();
    /// assert!((pca.explained(1) - 1.0).abs() < 1e-12);
    /// ```
    pub fn fit(data: &[f64], dim: usize) -> Result<Self, PcaError> {
        if dim == 0 || data.is_empty() {
            return Err(PcaError::Empty);
        }
        if data.len() % dim != 0 {
            return Err(PcaError::Shape);
        }
        let rows = data.len() / dim;
        let mut mean = vec![0.0; dim];
        for row in data.chunks_exact(dim) {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v;
            }
        }
        mean.iter_mut().for_each(|m| *m /= rows as f64);
        let mut b = PcaBuilder::new(mean);
        for row in data.chunks_exact(dim) {
            b.add(row);
        }
        b.finish()
    }

    /// Dimension of the rows.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The mean row.
    pub fn mean(&self) -> &[f64] {
        &self.mean
    }

    /// Variances along the components, largest first (`dim` of them, non-negative).
    pub fn variances(&self) -> &[f64] {
        &self.values
    }

    /// Component `i` (a unit vector of length `dim`).
    pub fn component(&self, i: usize) -> &[f64] {
        &self.components[i * self.dim..(i + 1) * self.dim]
    }

    /// Fraction of the total variance carried by the first `k` components (1 when the data
    /// do not vary at all).
    pub fn explained(&self, k: usize) -> f64 {
        let total: f64 = self.values.iter().sum();
        if total <= 0.0 {
            return 1.0;
        }
        (self.values.iter().take(k).sum::<f64>() / total).min(1.0)
    }

    /// The coordinates of `x` on the first `out.len()` components.
    pub fn project(&self, x: &[f64], out: &mut [f64]) {
        for (j, o) in out.iter_mut().enumerate() {
            let c = self.component(j);
            *o = x
                .iter()
                .zip(&self.mean)
                .zip(c)
                .map(|((x, m), c)| (x - m) * c)
                .sum();
        }
    }
}
