//! Data on a one-dimensional nonlinear curve in `Rᵈ`: the paper's Figure 1 (right) point that
//! what decides interpolation is the dimension of the smallest *affine* subspace holding the
//! data, not the dimension of the manifold the data lie on.
//!
//! [`SmoothCurve`] is a uniform Catmull–Rom spline (E. Catmull, R. Rom, "A class of local
//! interpolating splines", 1974) through `A` anchor points drawn from `N(0, I)` in `Rᵈ`. It is
//! C¹, passes through every anchor, and generically its anchors span an affine subspace of
//! dimension `min(A − 1, d)`, which the curve fills: a 1-D manifold whose affine hull is as
//! large as the data's ambient space allows.

use crate::math::rng::Rng;

/// A smooth curve `γ: [0, 1] → Rᵈ` through random anchor points.
///
/// Invariants: at least two anchors, dimension at least 1; `γ((i)/(A − 1))` is anchor `i`.
///
/// ```
/// use highdim::math::hull::SmoothCurve;
/// let c = SmoothCurve::random(3, 5, 7);
/// let mut p = vec![0.0; 3];
/// c.point(0.25, &mut p); // the second anchor
/// assert!(p.iter().zip(c.anchor(1)).all(|(a, b)| (a - b).abs() < 1e-12));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SmoothCurve {
    dim: usize,
    /// Anchors, row-major `A × d`.
    anchors: Vec<f64>,
}

impl SmoothCurve {
    /// The curve through `anchors` points of `N(0, I)` in `R^dim` drawn with `seed`
    /// (`dim` is raised to 1 and `anchors` to 2 if smaller).
    pub fn random(dim: usize, anchors: usize, seed: u64) -> Self {
        let dim = dim.max(1);
        let anchors = anchors.max(2);
        let mut rng = Rng::new(seed);
        Self {
            dim,
            anchors: (0..dim * anchors).map(|_| rng.normal()).collect(),
        }
    }

    /// The dimension of the ambient space.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The number of anchor points.
    pub fn anchor_count(&self) -> usize {
        self.anchors.len() / self.dim
    }

    /// Anchor `i` (clamped to the valid range).
    pub fn anchor(&self, i: usize) -> &[f64] {
        let i = i.min(self.anchor_count() - 1);
        &self.anchors[i * self.dim..(i + 1) * self.dim]
    }

    /// Writes `γ(t)` into `out` (length `dim`); `t` is clamped to `[0, 1]`. Segment `i` joins
    /// anchors `i` and `i + 1` with tangents `(P_{i+1} − P_{i−1})/2`, the end anchors repeated
    /// beyond the ends.
    pub fn point(&self, t: f64, out: &mut [f64]) {
        let a = self.anchor_count();
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        let s = t * (a - 1) as f64;
        let i = (s.floor() as usize).min(a - 2);
        let u = s - i as f64;
        let p0 = self.anchor(i.saturating_sub(1));
        let p1 = self.anchor(i);
        let p2 = self.anchor(i + 1);
        let p3 = self.anchor(i + 2);
        let (u2, u3) = (u * u, u * u * u);
        // Catmull–Rom in Hermite form.
        let h00 = 2.0 * u3 - 3.0 * u2 + 1.0;
        let h10 = u3 - 2.0 * u2 + u;
        let h01 = -2.0 * u3 + 3.0 * u2;
        let h11 = u3 - u2;
        for (k, o) in out.iter_mut().enumerate().take(self.dim) {
            let m1 = 0.5 * (p2[k] - p0[k]);
            let m2 = 0.5 * (p3[k] - p1[k]);
            *o = h00 * p1[k] + h10 * m1 + h01 * p2[k] + h11 * m2;
        }
    }

    /// A point at a uniformly random parameter `t` (uniform in the parameter, not in arc
    /// length).
    pub fn sample(&self, rng: &mut Rng, out: &mut [f64]) {
        let t = rng.uniform();
        self.point(t, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_through_anchors_and_is_continuous() {
        let c = SmoothCurve::random(4, 6, 3);
        assert_eq!(c.anchor_count(), 6);
        let mut p = vec![0.0; 4];
        for i in 0..6 {
            c.point(i as f64 / 5.0, &mut p);
            for (a, b) in p.iter().zip(c.anchor(i)) {
                assert!((a - b).abs() < 1e-12);
            }
        }
        // Small steps in t give small steps in space (no jumps at the joins).
        let mut q = vec![0.0; 4];
        let mut worst: f64 = 0.0;
        for j in 0..1000 {
            c.point(j as f64 / 1000.0, &mut p);
            c.point((j + 1) as f64 / 1000.0, &mut q);
            let d = p
                .iter()
                .zip(&q)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f64>()
                .sqrt();
            worst = worst.max(d);
        }
        assert!(worst < 0.1, "{worst}");
    }

    #[test]
    fn degenerate_arguments_are_safe() {
        let c = SmoothCurve::random(0, 0, 1);
        assert_eq!((c.dim(), c.anchor_count()), (1, 2));
        let mut p = [0.0];
        c.point(f64::NAN, &mut p);
        assert_eq!(p[0], c.anchor(0)[0]);
        c.point(7.0, &mut p);
        assert_eq!(p[0], c.anchor(1)[0]);
    }
}
