//! The **ball** definition: within the largest training distance from the training mean.
//!
//! The ball `{x : ‖x − x̄‖ ≤ R + τ·s}`, `R = maxᵢ ‖xᵢ − x̄‖`, contains every training point
//! and is convex, hence contains the hull; it is usually far larger than the MVEE (it
//! ignores the shape of the data).

use super::DefinitionError;
use crate::math::definitions::linalg::dot;
#[cfg(doc)]
use crate::math::input::InputError;
use crate::math::input::{check_data, check_query};
use serde::{Deserialize, Serialize};

/// A ball around the training mean.
///
/// ```
/// use highdim::math::definitions::ball::Ball;
/// let b = Ball::fit(2, &[0.0, 0.0, 2.0, 0.0], 1e-9).unwrap();
/// assert_eq!((b.centre(), b.radius()), (&[1.0, 0.0][..], 1.0));
/// assert!(b.contains(&[1.0, 0.99]).unwrap());
/// assert!(!b.contains(&[2.0, 1.0]).unwrap());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ball {
    centre: Vec<f64>,
    radius: f64,
    slack: f64,
}

impl Ball {
    /// The ball of the points stored row-major in `data`, with relative tolerance `τ`
    /// (slack `τ·s`, `s` the longest side of the bounding box). When all points coincide
    /// the centre is that point exactly and the radius 0.
    ///
    /// # Errors
    /// Invalid data (see [`super::fit`]), or a negative or non-finite tolerance.
    pub fn fit(dim: usize, data: &[f64], tolerance: f64) -> Result<Self, DefinitionError> {
        let n = check_data(dim, data)?;
        super::check_tolerance(tolerance)?;
        let mut lo = data[..dim].to_vec();
        let mut hi = lo.clone();
        let mut centre = vec![0.0; dim];
        for row in data.chunks_exact(dim) {
            for j in 0..dim {
                lo[j] = lo[j].min(row[j]);
                hi[j] = hi[j].max(row[j]);
                centre[j] += row[j];
            }
        }
        let scale = lo.iter().zip(&hi).map(|(l, h)| h - l).fold(0.0, f64::max);
        if scale == 0.0 {
            centre.copy_from_slice(&data[..dim]);
        } else {
            centre.iter_mut().for_each(|c| *c /= n as f64);
        }
        let mut diff = vec![0.0; dim];
        let mut radius: f64 = 0.0;
        for row in data.chunks_exact(dim) {
            diff.iter_mut()
                .zip(row.iter().zip(&centre))
                .for_each(|(d, (a, b))| *d = a - b);
            radius = radius.max(dot(&diff, &diff).sqrt());
        }
        Ok(Self {
            centre,
            radius,
            slack: tolerance * scale,
        })
    }

    /// The dimension `d`.
    pub fn dim(&self) -> usize {
        self.centre.len()
    }

    /// The centre, the training mean.
    pub fn centre(&self) -> &[f64] {
        &self.centre
    }

    /// The radius `R`, the largest distance from the mean to a training point.
    pub fn radius(&self) -> f64 {
        self.radius
    }

    /// Whether `‖x − x̄‖ ≤ R + τ·s`.
    ///
    /// # Errors
    /// [`DefinitionError::Input`] with [`InputError::DimensionMismatch`],
    /// [`InputError::NonFinite`] or [`InputError::TooLarge`].
    pub fn contains(&self, x: &[f64]) -> Result<bool, DefinitionError> {
        check_query(x, self.dim())?;
        let d2: f64 = x
            .iter()
            .zip(&self.centre)
            .map(|(a, b)| (a - b) * (a - b))
            .sum();
        Ok(d2.sqrt() <= self.radius + self.slack)
    }
}
