//! The coordinate-range definitions: the **bounding box** (inside the training range on
//! every coordinate) and **any coordinate** (inside the range on at least one).
//!
//! Both compare each coordinate with `[minⱼ − τ·s, maxⱼ + τ·s]`, `s` the longest side of
//! the box and `τ` the shared relative tolerance, so that a query the hull test calls
//! inside (within `τ·s` of the hull) is always inside the box: hull ⊆ box ⊆ any.

use super::DefinitionError;
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
}
