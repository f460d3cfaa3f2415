//! "Extrapolation is not failure": a classifier's accuracy on test points inside and outside
//! the convex hull of its training points.
//!
//! Membership is decided by the exact hull core ([`crate::math::hull::Hull`], Wolfe's
//! minimum-norm-point algorithm with certificates), so a point on the hull's boundary counts
//! as inside within that core's tolerance. The hull's outline in the plane, for drawing, is
//! [`crate::math::hull::convex_polygon`] (Andrew's monotone chain), a separate algorithm; the
//! tests check the two against each other.

use super::datasets::Sample;
use super::net::ReluNet;
use crate::math::hull::{Hull, HullError};
#[cfg(doc)]
use crate::math::input::InputError;

/// Correct answers and totals for the test points inside and outside the training hull.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HullSplit {
    /// Test points inside the hull (boundary included).
    pub inside: usize,
    /// Of those, correctly classified.
    pub inside_correct: usize,
    /// Test points outside the hull.
    pub outside: usize,
    /// Of those, correctly classified.
    pub outside_correct: usize,
}

impl HullSplit {
    /// Accuracy inside the hull, `None` when no test point is inside.
    pub fn inside_accuracy(&self) -> Option<f64> {
        (self.inside > 0).then(|| self.inside_correct as f64 / self.inside as f64)
    }

    /// Accuracy outside the hull, `None` when no test point is outside.
    pub fn outside_accuracy(&self) -> Option<f64> {
        (self.outside > 0).then(|| self.outside_correct as f64 / self.outside as f64)
    }
}

/// For each test point, whether it lies in the convex hull of the training points.
///
/// # Errors
/// [`HullError::Input`]: [`InputError::Empty`] without training points;
/// [`InputError::NonFinite`] and the other validation errors of [`Hull::new`] for bad
/// coordinates.
///
/// ```
/// use highdim::math::relu::{hull_membership, Sample};
/// let s = |x: f64, y: f64| Sample { point: [x, y], class: 0 };
/// let train = [s(0.0, 0.0), s(1.0, 0.0), s(0.0, 1.0)];
/// let inside = hull_membership(&train, &[s(0.2, 0.2), s(1.0, 1.0)]).unwrap();
/// assert_eq!(inside, vec![true, false]);
/// ```
pub fn hull_membership(train: &[Sample], test: &[Sample]) -> Result<Vec<bool>, HullError> {
    let rows: Vec<[f64; 2]> = train.iter().map(|s| s.point).collect();
    let hull = Hull::from_rows(&rows)?;
    test.iter().map(|s| hull.contains(&s.point)).collect()
}

/// The accuracy of `net` on the test points inside and outside the training hull, given the
/// membership from [`hull_membership`] (one flag per test point; extra points count as
/// outside).
pub fn split_accuracy(net: &ReluNet, test: &[Sample], inside: &[bool]) -> HullSplit {
    let mut s = HullSplit::default();
    for (i, t) in test.iter().enumerate() {
        let right = net.predict(t.point) == t.class;
        if inside.get(i).copied().unwrap_or(false) {
            s.inside += 1;
            s.inside_correct += right as usize;
        } else {
            s.outside += 1;
            s.outside_correct += right as usize;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::input::InputError;

    #[test]
    fn degenerate_ladder() {
        let s = |x: f64, y: f64| Sample {
            point: [x, y],
            class: 1,
        };
        assert_eq!(
            hull_membership(&[], &[s(0.0, 0.0)]).unwrap_err(),
            HullError::Input(InputError::Empty)
        );
        // One training point: only that point is inside.
        assert_eq!(
            hull_membership(&[s(0.5, 0.5)], &[s(0.5, 0.5), s(0.5, 0.6)]).unwrap(),
            vec![true, false]
        );
    }
}
