//! Shared helpers for the hull integration tests: instance generators and an independent
//! checker of certificates (it trusts nothing the solver says).
#![allow(dead_code)]

use highdim::math::hull::{Classification, Hull, Membership};
use highdim::math::rng::Rng;

pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// `‖Σ wᵢ (x_{idx i} − x)‖`, divided by `unit` to stay in range.
fn combination_offset(hull: &Hull, idx: &[usize], w: &[f64], x: &[f64], unit: f64) -> f64 {
    let d = hull.dim();
    let mut v = vec![0.0; d];
    for (&i, &wi) in idx.iter().zip(w) {
        let row = hull.point(i).expect("index names a training point");
        for j in 0..d {
            v[j] += wi * ((row[j] - x[j]) / unit);
        }
    }
    dot(&v, &v).sqrt()
}

fn check_combination(hull: &Hull, idx: &[usize], w: &[f64]) {
    assert_eq!(idx.len(), w.len());
    assert!(!idx.is_empty());
    assert!(idx.len() <= hull.dim() + 1, "more than d + 1 points");
    let mut seen = idx.to_vec();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), idx.len(), "repeated index");
    assert!(idx.iter().all(|&i| i < hull.len()));
    assert!(w.iter().all(|&v| v >= 0.0), "negative weight {w:?}");
    let sum: f64 = w.iter().sum();
    assert!((sum - 1.0).abs() <= 1e-12, "weights sum to {sum}");
}

/// Verifies a classification independently. `tau` is the relative tolerance used.
/// Returns the certified distance interval [lower, upper] in units of the hull's scale
/// (0, 0 when inside).
pub fn check(hull: &Hull, x: &[f64], c: &Classification, tau: f64) -> (f64, f64) {
    let s = hull.scale();
    let unit = if s > 0.0 { s } else { 1.0 };
    match &c.membership {
        Membership::Inside(cert) => {
            let cc = &cert.combination;
            check_combination(hull, &cc.indices, &cc.weights);
            let r = combination_offset(hull, &cc.indices, &cc.weights, x, unit);
            let slack = 1e-13 * cc.indices.len() as f64;
            assert!(r <= tau + slack, "inside residual {r} > tau {tau}");
            assert!((cert.residual / unit - r).abs() <= 1e-12 + 1e-9 * r);
            (0.0, 0.0)
        }
        Membership::Outside(o) => {
            let d = hull.dim();
            assert_eq!(o.normal.len(), d);
            assert!((dot(&o.normal, &o.normal).sqrt() - 1.0).abs() < 1e-12);
            // The separation itself, as stated: a·xᵢ ≤ b < a·x. In floating point this form
            // can only hold when the margin exceeds the rounding of a·x; the difference form
            // below is checked always.
            let ax = dot(&o.normal, x);
            let big = (0..hull.len())
                .map(|i| dot(&o.normal, hull.point(i).expect("in range")).abs())
                .fold(ax.abs(), f64::max);
            if o.margin > 1e-12 * big {
                assert!(o.offset < ax, "b = {} is not below a·x = {ax}", o.offset);
                for i in 0..hull.len() {
                    let ai = dot(&o.normal, hull.point(i).expect("in range"));
                    assert!(ai <= o.offset, "point {i}: a·xᵢ = {ai} > b = {}", o.offset);
                }
            }
            // The margin, in difference form (immune to cancellation).
            assert!(o.margin > 0.0);
            let mut worst = f64::NEG_INFINITY;
            for i in 0..hull.len() {
                let row = hull.point(i).expect("in range");
                let v: f64 = (0..d).map(|j| o.normal[j] * ((x[j] - row[j]) / unit)).sum();
                worst = worst.max(-v);
            }
            assert!(
                -worst >= o.margin / unit * (1.0 - 1e-9) - 1e-13,
                "margin {} overstated (true {})",
                o.margin / unit,
                -worst
            );
            // The nearest point and the distance.
            let cc = &o.nearest;
            check_combination(hull, &cc.indices, &cc.weights);
            let dist = combination_offset(hull, &cc.indices, &cc.weights, x, unit);
            assert!(
                (o.distance / unit - dist).abs() <= 1e-9 * dist + 1e-13,
                "distance {} but ‖x − nearest‖ = {dist}",
                o.distance / unit
            );
            assert!(o.margin <= o.distance * (1.0 + 1e-12) + 1e-13 * unit);
            if o.distance_is_exact {
                // Converged: the hyperplane bound meets the nearest point.
                assert!(
                    o.distance / unit - o.margin / unit <= 1e-11,
                    "gap {} between margin and distance",
                    o.distance / unit - o.margin / unit
                );
                // With all points equal (s = 0) the test is exact: any distance is outside.
                let floor = if s > 0.0 { tau * 0.999 } else { 0.0 };
                assert!(
                    dist > floor,
                    "outside but within the tolerance: distance {dist:e}, margin {:e}, passes {}",
                    o.margin / unit,
                    c.passes
                );
            } else if s > 0.0 {
                assert!(o.margin / unit > tau * 0.999);
            }
            (o.margin / unit, o.distance / unit)
        }
    }
}

pub fn gaussian_rows(rng: &mut Rng, n: usize, d: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|_| (0..d).map(|_| rng.normal()).collect())
        .collect()
}

/// A random convex combination of `k` random rows (a point of the hull, possibly on its
/// boundary when k ≤ d).
pub fn random_combination(rng: &mut Rng, rows: &[Vec<f64>], k: usize) -> Vec<f64> {
    let d = rows[0].len();
    let mut w: Vec<f64> = (0..k).map(|_| -(1.0 - rng.uniform()).ln()).collect();
    let s: f64 = w.iter().sum();
    w.iter_mut().for_each(|v| *v /= s);
    let mut x = vec![0.0; d];
    for wi in w {
        let r = &rows[rng.below(rows.len() as u64) as usize];
        for j in 0..d {
            x[j] += wi * r[j];
        }
    }
    x
}
