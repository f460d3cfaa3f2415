//! Exact low-dimensional geometry as the oracle: the interval [min, max] in 1-D, and in 2-D
//! the convex polygon from a monotone-chain hull with orientation tests and point–segment
//! distances. Verdicts must agree outside a band of 1e-7·s around the boundary, and
//! distances to 1e-12·s.

mod hull_support;

use highdim::math::hull::{Hull, HullOptions, Membership};
use highdim::math::rng::Rng;
use hull_support::check;

const TAU: f64 = 1e-9;

fn verdict_and_distance(hull: &Hull, x: &[f64]) -> (bool, f64) {
    let c = hull
        .classify(x, &HullOptions::default())
        .expect("valid query");
    check(hull, x, &c, TAU);
    let fast = hull
        .classify(x, &HullOptions::verdict_only())
        .expect("valid query");
    check(hull, x, &fast, TAU);
    assert_eq!(c.membership.is_inside(), fast.membership.is_inside());
    (c.membership.is_inside(), c.membership.distance())
}

#[test]
fn one_dimension_is_the_interval() {
    let mut rng = Rng::new(1);
    for trial in 0..400 {
        let n = 1 + rng.below(12) as usize;
        // Small integers make duplicates and exact endpoints common.
        let pts: Vec<f64> = (0..n)
            .map(|_| {
                if trial % 2 == 0 {
                    rng.below(7) as f64 - 3.0
                } else {
                    rng.normal()
                }
            })
            .collect();
        let rows: Vec<[f64; 1]> = pts.iter().map(|&v| [v]).collect();
        let hull = Hull::from_rows(&rows).expect("finite");
        let lo = pts.iter().cloned().fold(f64::INFINITY, f64::min);
        let hi = pts.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let s = hi - lo;
        let mut queries = vec![lo, hi, 0.5 * (lo + hi), lo - 1.0, hi + 0.25];
        queries.extend((0..5).map(|_| 3.0 * rng.normal()));
        for x in queries {
            let exact = (lo - x).max(x - hi).max(0.0);
            let (inside, dist) = verdict_and_distance(&hull, &[x]);
            if exact == 0.0 {
                assert!(inside, "{x} in [{lo}, {hi}]");
            } else if exact > 1e-7 * s || s == 0.0 {
                assert!(!inside, "{x} outside [{lo}, {hi}]");
                assert!(
                    (dist - exact).abs() <= 1e-12 * exact.max(s),
                    "{dist} vs {exact}"
                );
            }
        }
    }
}

/// Twice the signed area of (o, a, b): positive when counter-clockwise.
fn cross(o: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
}

/// Andrew's monotone chain: the hull's vertices counter-clockwise, collinear points dropped.
fn monotone_chain(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut p = points.to_vec();
    p.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    p.dedup();
    if p.len() <= 2 {
        return p;
    }
    let mut hull: Vec<[f64; 2]> = Vec::new();
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
        hull.pop();
    }
    hull
}

fn segment_distance(x: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((x[0] - a[0]) * dx + (x[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    };
    let (px, py) = (a[0] + t * dx, a[1] + t * dy);
    ((x[0] - px).powi(2) + (x[1] - py).powi(2)).sqrt()
}

/// (inside, distance) for a convex polygon given counter-clockwise (or a segment, a point).
fn polygon_oracle(poly: &[[f64; 2]], x: [f64; 2]) -> (bool, f64) {
    let k = poly.len();
    let edge_distance = (0..k)
        .map(|i| segment_distance(x, poly[i], poly[(i + 1) % k]))
        .fold(f64::INFINITY, f64::min);
    if k <= 2 {
        return (edge_distance == 0.0, edge_distance);
    }
    let inside = (0..k).all(|i| cross(poly[i], poly[(i + 1) % k], x) >= 0.0);
    (inside, if inside { 0.0 } else { edge_distance })
}

#[test]
fn two_dimensions_match_the_polygon() {
    let mut rng = Rng::new(2);
    let mut counts = (0, 0);
    for trial in 0..300 {
        let n = 1 + rng.below(25) as usize;
        let points: Vec<[f64; 2]> = (0..n)
            .map(|_| match trial % 3 {
                0 => [rng.normal(), rng.normal()],
                // Lattice: collinear triples and duplicates.
                1 => [rng.below(4) as f64, rng.below(4) as f64],
                // All on one line: a segment hull.
                _ => {
                    let t = rng.normal();
                    [1.0 + 2.0 * t, -0.5 + t]
                }
            })
            .collect();
        let hull = Hull::from_rows(&points).expect("finite");
        let s = hull.scale();
        let poly = monotone_chain(&points);
        let mut queries: Vec<[f64; 2]> = (0..8)
            .map(|_| [2.0 * rng.normal(), 2.0 * rng.normal()])
            .collect();
        // Vertices and edge midpoints: on the boundary.
        for i in 0..poly.len() {
            let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
            queries.push(a);
            queries.push([0.5 * (a[0] + b[0]), 0.5 * (a[1] + b[1])]);
        }
        for x in queries {
            let (want_inside, want_dist) = polygon_oracle(&poly, x);
            let (inside, dist) = verdict_and_distance(&hull, &x);
            if want_inside || want_dist <= 1e-12 * s {
                assert!(inside, "{x:?} in {poly:?}");
                counts.0 += 1;
            } else if want_dist > 1e-7 * s || s == 0.0 {
                assert!(!inside, "{x:?} outside {poly:?} by {want_dist}");
                assert!(
                    (dist - want_dist).abs() <= 1e-12 * s.max(want_dist),
                    "distance {dist} vs {want_dist}"
                );
                counts.1 += 1;
            }
        }
    }
    assert!(counts.0 > 500 && counts.1 > 500, "{counts:?}");
}

#[test]
fn triangle_distances_by_region() {
    // The unit right triangle: nearest point on an edge, at a vertex, or the point itself.
    let hull = Hull::from_rows(&[[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]).expect("finite");
    let cases = [
        ([0.2, 0.2], 0.0),
        ([0.5, -1.0], 1.0),                           // below the bottom edge
        ([-2.0, 0.5], 2.0),                           // left of the left edge
        ([1.0, 1.0], std::f64::consts::SQRT_2 / 2.0), // beyond the hypotenuse
        ([2.0, -1.0], std::f64::consts::SQRT_2),      // the vertex (1, 0) region
    ];
    for (x, want) in cases {
        let c = hull.classify(&x, &HullOptions::default()).expect("valid");
        check(&hull, &x, &c, TAU);
        assert!((c.membership.distance() - want).abs() < 1e-14, "{x:?}");
        if let Membership::Outside(o) = &c.membership {
            assert!(o.distance_is_exact);
            assert!((o.margin - want).abs() < 1e-14);
        }
    }
}
