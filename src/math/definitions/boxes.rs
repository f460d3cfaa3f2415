//! The coordinate-range definitions: the **bounding box** (inside the training range on
//! every coordinate) and **any coordinate** (inside the range on at least one).
//!
//! Both compare each coordinate with `[minⱼ − τ·s, maxⱼ + τ·s]`, `s` the longest side of
//! the box and `τ` the shared relative tolerance, so that a query the hull test calls
//! inside (within `τ·s` of the hull) is always inside the box: hull ⊆ box ⊆ any.

use super::DefinitionError;
use crate::math::hull::Distribution;
#[cfg(doc)]
use crate::math::input::InputError;
use crate::math::input::{check_data, check_query};
use serde::{Deserialize, Serialize};

/// The training range on each coordinate, with the absolute slack `τ·s`.
///
/// ```
/// use highdim::math::definitions::boxes::BoundingBox;
/// let b = BoundingBox::fit(2, &[0.0, 0.0, 2.0, 1.0], 1e-9).unwrap();
/// assert_eq!((b.lo(), b.hi()), (&[0.0, 0.0][..], &[2.0, 1.0][..]));
/// assert!(b.contains(&[2.0, 0.5]).unwrap());
/// assert!(!b.contains(&[2.1, 0.5]).unwrap());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoundingBox {
    lo: Vec<f64>,
    hi: Vec<f64>,
    slack: f64,
}

impl BoundingBox {
    /// The bounding box of the points stored row-major in `data`, with relative tolerance
    /// `tolerance` (`τ`).
    ///
    /// # Errors
    /// Invalid data (see [`super::fit`]), or a negative or non-finite tolerance.
    pub fn fit(dim: usize, data: &[f64], tolerance: f64) -> Result<Self, DefinitionError> {
        check_data(dim, data)?;
        super::check_tolerance(tolerance)?;
        let mut lo = data[..dim].to_vec();
        let mut hi = lo.clone();
        for row in data.chunks_exact(dim) {
            for j in 0..dim {
                lo[j] = lo[j].min(row[j]);
                hi[j] = hi[j].max(row[j]);
            }
        }
        let scale = lo.iter().zip(&hi).map(|(l, h)| h - l).fold(0.0, f64::max);
        Ok(Self {
            lo,
            hi,
            slack: tolerance * scale,
        })
    }

    /// The dimension `d`.
    pub fn dim(&self) -> usize {
        self.lo.len()
    }

    /// The lower corner (coordinate-wise minima).
    pub fn lo(&self) -> &[f64] {
        &self.lo
    }

    /// The upper corner (coordinate-wise maxima).
    pub fn hi(&self) -> &[f64] {
        &self.hi
    }

    /// The absolute slack `τ·s` added on both sides of every range.
    pub fn slack(&self) -> f64 {
        self.slack
    }

    /// Whether coordinate `j` of `x` lies in its range (with slack).
    fn in_range(&self, j: usize, v: f64) -> bool {
        self.lo[j] - self.slack <= v && v <= self.hi[j] + self.slack
    }

    /// Whether every coordinate of `x` lies in its training range.
    ///
    /// # Errors
    /// [`DefinitionError::Input`] with [`InputError::DimensionMismatch`],
    /// [`InputError::NonFinite`] or [`InputError::TooLarge`].
    pub fn contains(&self, x: &[f64]) -> Result<bool, DefinitionError> {
        check_query(x, self.dim())?;
        Ok(x.iter().enumerate().all(|(j, &v)| self.in_range(j, v)))
    }

    /// Whether at least one coordinate of `x` lies in its training range.
    ///
    /// # Errors
    /// As [`BoundingBox::contains`].
    pub fn contains_any(&self, x: &[f64]) -> Result<bool, DefinitionError> {
        check_query(x, self.dim())?;
        Ok(x.iter().enumerate().any(|(j, &v)| self.in_range(j, v)))
    }

    /// For each coordinate `j`, the exact probability that coordinate `j` of a new point drawn
    /// from `law` (in the whole space) falls in the range `[minⱼ − τ·s, maxⱼ + τ·s]` this box
    /// tests: `Φ(maxⱼ + τ·s) − Φ(minⱼ − τ·s)` for the standard Gaussian, the length of the
    /// range within `[−1, 1]` over 2 for the uniform cube. `None` for the uniform ball,
    /// whose coordinates are not independent (no product form).
    ///
    /// These are probabilities *given this box*, that is given the training set it was
    /// fitted to; averaged over training sets of `N` points each is `(N − 1)/(N + 1)` for any
    /// continuous law.
    ///
    /// ```
    /// use highdim::math::definitions::boxes::BoundingBox;
    /// use highdim::math::hull::Distribution;
    /// let b = BoundingBox::fit(2, &[-0.5, 0.0, 0.5, 0.8], 0.0).unwrap();
    /// let q = b.coordinate_probabilities(Distribution::UniformCube).unwrap();
    /// assert!((q[0] - 0.5).abs() < 1e-15 && (q[1] - 0.4).abs() < 1e-15);
    /// let g = b.coordinate_probabilities(Distribution::Gaussian).unwrap();
    /// assert!((g[0] - 0.382_924_922_548_026).abs() < 1e-13); // Φ(½) − Φ(−½)
    /// assert!(b.coordinate_probabilities(Distribution::UniformBall).is_none());
    /// ```
    pub fn coordinate_probabilities(&self, law: Distribution) -> Option<Vec<f64>> {
        let ranges = self
            .lo
            .iter()
            .zip(&self.hi)
            .map(|(&lo, &hi)| (lo - self.slack, hi + self.slack));
        match law {
            Distribution::Gaussian => Some(ranges.map(|(a, b)| normal_mass(a, b)).collect()),
            Distribution::UniformCube => Some(
                ranges
                    .map(|(a, b)| ((b.min(1.0) - a.max(-1.0)) / 2.0).max(0.0))
                    .collect(),
            ),
            Distribution::UniformBall => None,
        }
    }

    /// The exact probability that a new point drawn from `law` lies in this box:
    /// `Πⱼ qⱼ` over [`BoundingBox::coordinate_probabilities`] (`None` for the ball). Given
    /// the training set, this is what the fraction of test points inside the box estimates.
    ///
    /// ```
    /// use highdim::math::definitions::boxes::BoundingBox;
    /// use highdim::math::hull::Distribution;
    /// let b = BoundingBox::fit(2, &[-0.5, 0.0, 0.5, 0.8], 0.0).unwrap();
    /// let p = b.probability(Distribution::UniformCube).unwrap();
    /// assert!((p - 0.2).abs() < 1e-15);
    /// ```
    pub fn probability(&self, law: Distribution) -> Option<f64> {
        Some(self.coordinate_probabilities(law)?.iter().product())
    }
}

/// `Φ(b) − Φ(a)` for `a ≤ b`, from whichever tail keeps the difference accurate.
fn normal_mass(a: f64, b: f64) -> f64 {
    // Φ(x) = erfc(−x/√2)/2 and 1 − Φ(x) = erfc(x/√2)/2, both accurate in their small tails.
    let r = std::f64::consts::FRAC_1_SQRT_2;
    let mass = if a >= 0.0 {
        0.5 * (libm::erfc(a * r) - libm::erfc(b * r))
    } else if b <= 0.0 {
        0.5 * (libm::erfc(-b * r) - libm::erfc(-a * r))
    } else {
        1.0 - 0.5 * (libm::erfc(b * r) + libm::erfc(-a * r))
    };
    mass.max(0.0)
}

/// The "any coordinate" region: the union of the slabs `{x : xⱼ ∈ [minⱼ, maxⱼ]}` (a
/// cross-shaped band in the plane), the loosest definition.
///
/// ```
/// use highdim::math::definitions::boxes::AnyCoordinate;
/// let a = AnyCoordinate::fit(2, &[0.0, 0.0, 1.0, 1.0], 1e-9).unwrap();
/// assert!(a.contains(&[0.5, 7.0]).unwrap()); // first coordinate in range
/// assert!(!a.contains(&[2.0, -3.0]).unwrap());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnyCoordinate {
    ranges: BoundingBox,
}

impl AnyCoordinate {
    /// The ranges of the points stored row-major in `data`.
    ///
    /// # Errors
    /// As [`BoundingBox::fit`].
    pub fn fit(dim: usize, data: &[f64], tolerance: f64) -> Result<Self, DefinitionError> {
        Ok(Self {
            ranges: BoundingBox::fit(dim, data, tolerance)?,
        })
    }

    /// The coordinate ranges (the bounding box).
    pub fn ranges(&self) -> &BoundingBox {
        &self.ranges
    }

    /// Whether at least one coordinate of `x` lies in its training range.
    ///
    /// # Errors
    /// As [`BoundingBox::contains`].
    pub fn contains(&self, x: &[f64]) -> Result<bool, DefinitionError> {
        self.ranges.contains_any(x)
    }

    /// The exact probability that a new point drawn from `law` has at least one coordinate
    /// in range: `1 − Πⱼ (1 − qⱼ)` over [`BoundingBox::coordinate_probabilities`] (`None`
    /// for the ball), given the training set the ranges come from.
    ///
    /// ```
    /// use highdim::math::definitions::boxes::AnyCoordinate;
    /// use highdim::math::hull::Distribution;
    /// let a = AnyCoordinate::fit(2, &[-0.5, 0.0, 0.5, 0.8], 0.0).unwrap();
    /// let p = a.probability(Distribution::UniformCube).unwrap();
    /// assert!((p - (1.0 - 0.5 * 0.6)).abs() < 1e-15);
    /// ```
    pub fn probability(&self, law: Distribution) -> Option<f64> {
        let q = self.ranges.coordinate_probabilities(law)?;
        Some(1.0 - q.iter().map(|qj| 1.0 - qj).product::<f64>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::rng::Rng;

    /// `Φ(b) − Φ(a)` by composite Simpson's rule on the density: independent of erfc.
    fn simpson_mass(a: f64, b: f64) -> f64 {
        let n = 20_000;
        let h = (b - a) / n as f64;
        let f = |x: f64| (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let inner: f64 = (1..n)
            .map(|i| f(a + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 })
            .sum();
        h / 3.0 * (f(a) + inner + f(b))
    }

    #[test]
    fn gaussian_coordinate_masses_match_numerical_integration() {
        for (a, b) in [
            (-0.5, 0.5),
            (-3.0, 2.0),
            (1.0, 4.5),
            (-6.0, -2.5),
            (0.0, 0.1),
            (-1e-3, 1e-3),
        ] {
            let m = normal_mass(a, b);
            let s = simpson_mass(a, b);
            assert!((m - s).abs() < 1e-12 + 1e-10 * s, "[{a}, {b}]: {m} vs {s}");
        }
        // Far in a tail, where 1 − Φ would cancel: relative accuracy.
        let (a, b) = (8.0, 9.0);
        assert!((normal_mass(a, b) / simpson_mass(a, b) - 1.0).abs() < 1e-8);
    }

    /// The box of a small training set, and the fraction of many fresh points of the law
    /// inside it (brute force), against the exact product, for both product laws.
    #[test]
    fn box_and_any_probabilities_match_brute_force() {
        let mut rng = Rng::new(17);
        for law in [Distribution::Gaussian, Distribution::UniformCube] {
            let (d, n) = (3, 6);
            let mut data = vec![0.0; n * d];
            law.sample(&mut rng, &mut data);
            let b = BoundingBox::fit(d, &data, 1e-9).unwrap();
            let any = AnyCoordinate::fit(d, &data, 1e-9).unwrap();
            let (pb, pa) = (b.probability(law).unwrap(), any.probability(law).unwrap());
            let trials = 400_000;
            let (mut inb, mut ina) = (0u64, 0u64);
            let mut x = vec![0.0; d];
            for _ in 0..trials {
                law.sample(&mut rng, &mut x);
                inb += u64::from(b.contains(&x).unwrap());
                ina += u64::from(any.contains(&x).unwrap());
            }
            for (p, k) in [(pb, inb), (pa, ina)] {
                let se = (p * (1.0 - p) / trials as f64).sqrt();
                let f = k as f64 / trials as f64;
                assert!(
                    (f - p).abs() < 4.5 * se,
                    "{law}: {f} vs exact {p} (s.e. {se})"
                );
            }
            assert!(pb < pa && pb > 0.0 && pa < 1.0);
        }
    }

    /// Averaged over training sets, the conditional box probability is ((N − 1)/(N + 1))^d:
    /// the two exact values, one given the set and one over sets, agree.
    #[test]
    fn the_conditional_box_probability_averages_to_the_marginal() {
        let mut rng = Rng::new(5);
        for law in [Distribution::Gaussian, Distribution::UniformCube] {
            let (d, n, sets) = (4, 10, 20_000);
            let mut data = vec![0.0; n * d];
            let (mut sum, mut sum2) = (0.0, 0.0);
            for _ in 0..sets {
                law.sample(&mut rng, &mut data);
                let p = BoundingBox::fit(d, &data, 0.0)
                    .unwrap()
                    .probability(law)
                    .unwrap();
                sum += p;
                sum2 += p * p;
            }
            let mean = sum / sets as f64;
            let se = ((sum2 / sets as f64 - mean * mean) / sets as f64).sqrt();
            let want = (9.0f64 / 11.0).powi(4);
            assert!(
                (mean - want).abs() < 4.5 * se,
                "{law}: {mean} vs {want} (s.e. {se})"
            );
        }
    }
}
