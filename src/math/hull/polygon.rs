//! The outline of a convex hull in the plane, for drawing.
//!
//! Membership of points is decided by the exact core ([`super::Hull`]); this is the separate,
//! planar algorithm that draws the hull's boundary (the hull playground, the definitions
//! playground and the ReLU figure's training hull). `tests/relu_extrapolation.rs` checks the
//! two against each other.

/// The convex hull of points in the plane as a counter-clockwise polygon, starting at the
/// lowest-leftmost point, without repeated or collinear vertices (Andrew's monotone chain,
/// A. M. Andrew, "Another efficient algorithm for convex hulls in two dimensions",
/// *Information Processing Letters* 9 (1979) 216–219).
///
/// Degenerate input gives fewer than three vertices: one point gives that vertex, collinear
/// points the two extremes, no points none. Non-finite points are skipped.
///
/// ```
/// use highdim::math::hull::convex_polygon;
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
    let mut lower = half_hull(p.iter());
    let upper = half_hull(p.iter().rev());
    // Each chain's last point starts the other chain.
    lower.pop();
    lower.extend_from_slice(&upper[..upper.len() - 1]);
    lower
}

/// One chain of the monotone chain: the points visited in order, keeping only left turns.
fn half_hull<'a>(points: impl Iterator<Item = &'a [f64; 2]>) -> Vec<[f64; 2]> {
    let cross = |o: [f64; 2], a: [f64; 2], b: [f64; 2]| {
        (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    };
    let mut chain: Vec<[f64; 2]> = Vec::new();
    for &q in points {
        while chain.len() >= 2 && cross(chain[chain.len() - 2], chain[chain.len() - 1], q) <= 0.0 {
            chain.pop();
        }
        chain.push(q);
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The degenerate-input ladder: none, one, two, duplicates, collinear, NaN.
    #[test]
    fn degenerate_ladder() {
        assert!(convex_polygon(&[]).is_empty());
        assert_eq!(convex_polygon(&[[1.0, 2.0]]), vec![[1.0, 2.0]]);
        assert_eq!(convex_polygon(&[[1.0, 1.0]]).len(), 1);
        assert_eq!(
            convex_polygon(&[[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [1.0, 1.0]]),
            vec![[0.0, 0.0], [2.0, 2.0]]
        );
        assert_eq!(
            convex_polygon(&[[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]).len(),
            2
        );
        assert_eq!(
            convex_polygon(&[[0.0, 0.0], [f64::NAN, 0.0], [1.0, 0.0], [0.0, 1.0]]).len(),
            3
        );
        assert_eq!(convex_polygon(&[[f64::NAN, 0.0], [0.0, 0.0]]).len(), 1);
    }

    #[test]
    fn monotone_chain_is_ccw_and_drops_interior_and_collinear_points() {
        let pts = [
            [0.0, 0.0],
            [2.0, 0.0],
            [1.0, 0.0],
            [2.0, 2.0],
            [0.0, 2.0],
            [1.0, 1.0],
            [0.0, 0.0],
        ];
        let h = convex_polygon(&pts);
        assert_eq!(h, vec![[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]);
    }
}
