//! "Extrapolation is not failure": a classifier's accuracy on test points inside and outside
//! the convex hull of its training points.
//!
//! Membership is decided by the exact hull core ([`crate::math::hull::Hull`], Wolfe's
//! minimum-norm-point algorithm with certificates), so a point on the hull's boundary counts
//! as inside within that core's tolerance. [`convex_polygon`] gives the hull's outline in the
//! plane (Andrew's monotone chain) for drawing; it is a separate algorithm, and the tests
//! check the two against each other.

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

/// The convex hull of points in the plane as a counter-clockwise polygon without repeated or
/// collinear vertices (Andrew's monotone chain). One point gives one vertex, collinear points
/// the two extremes; non-finite points are skipped.
///
/// ```
/// use highdim::math::relu::convex_polygon;
/// let p = convex_polygon(&[[0.0, 0.0], [1.0, 0.0], [0.5, 0.2], [1.0, 1.0], [0.0, 1.0]]);
/// assert_eq!(p, vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]);
/// ```
pub fn convex_polygon(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut p: Vec<[f64; 2]> = points
        .iter()
        .copied()
        .filter(|q| q[0].is_finite() && q[1].is_finite())
        .collect();
    p.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    p.dedup();
    if p.len() <= 2 {
        return p;
    }
    let cross = |o: [f64; 2], a: [f64; 2], b: [f64; 2]| {
        (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    };
    let mut hull: Vec<[f64; 2]> = Vec::with_capacity(2 * p.len());
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &[f64; 2]>> = if pass == 0 {
            Box::new(p.iter())
        } else {
            Box::new(p.iter().rev())
        };
        for &q in iter {
            while hull.len() >= start + 2
                && cross(hull[hull.len() - 2], hull[hull.len() - 1], q) <= 0.0
            {
                hull.pop();
            }
            hull.push(q);
        }
        hull.pop(); // the last point starts the other chain
    }
    hull
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::input::InputError;

    #[test]
    fn degenerate_ladder() {
        assert!(convex_polygon(&[]).is_empty());
        assert_eq!(convex_polygon(&[[1.0, 2.0]]), vec![[1.0, 2.0]]);
        assert_eq!(
            convex_polygon(&[[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [1.0, 1.0]]),
            vec![[0.0, 0.0], [2.0, 2.0]]
        );
        assert_eq!(
            convex_polygon(&[[0.0, 0.0], [f64::NAN, 0.0], [1.0, 0.0], [0.0, 1.0]]).len(),
            3
        );
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
