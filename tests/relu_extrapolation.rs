//! "Extrapolation is not failure": the inside/outside split of test points against an
//! independent membership test.
//!
//! Oracle: Carathéodory in the plane — a point lies in the convex hull of a set iff it lies in
//! a triangle of three of its points (or on a segment of two, or equals one). Brute force over
//! all triples, with exact-sign orientation tests; points within 1e-9 of a triangle's edge are
//! reported as ambiguous and skipped (random data never produce them).

use highdim::figures::AnyFigure;
use highdim::math::hull::convex_polygon;
use highdim::math::relu::{
    hull_membership, split_accuracy, Dataset, DatasetKind, DatasetSpec, ReluNet, Sample,
};
use highdim::math::rng::Rng;

fn orient(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

/// Some(true) inside, Some(false) outside, None too close to call.
fn brute_inside(train: &[[f64; 2]], x: [f64; 2]) -> Option<bool> {
    let n = train.len();
    let mut near = false;
    for i in 0..n {
        for j in i + 1..n {
            for k in j + 1..n {
                let (a, b, c) = (train[i], train[j], train[k]);
                let area = orient(a, b, c);
                if area.abs() < 1e-12 {
                    continue;
                }
                let s = area.signum();
                let edges = [
                    orient(a, b, x) * s,
                    orient(b, c, x) * s,
                    orient(c, a, x) * s,
                ];
                let lens = [
                    (b[0] - a[0]).hypot(b[1] - a[1]),
                    (c[0] - b[0]).hypot(c[1] - b[1]),
                    (a[0] - c[0]).hypot(a[1] - c[1]),
                ];
                let dist: Vec<f64> = edges.iter().zip(lens).map(|(e, l)| e / l).collect();
                if dist.iter().all(|&d| d > 1e-9) {
                    return Some(true);
                }
                if dist.iter().all(|&d| d > -1e-9) {
                    near = true;
                }
            }
        }
    }
    if near {
        None
    } else {
        Some(false)
    }
}

#[test]
fn membership_matches_caratheodory_on_every_data_set() {
    let mut checked = (0, 0);
    for (kind, seed) in [
        (DatasetKind::Xor, 1),
        (DatasetKind::Circles, 2),
        (DatasetKind::Spirals, 3),
        (DatasetKind::Moons, 4),
        (DatasetKind::Blobs { classes: 3 }, 5),
    ] {
        let d = Dataset::generate(&DatasetSpec {
            kind,
            points: 60,
            noise: 0.1,
            test_fraction: 0.4,
            seed,
        })
        .unwrap();
        let train: Vec<[f64; 2]> = d.train.iter().map(|s| s.point).collect();
        let inside = hull_membership(&d.train, &d.test).unwrap();
        let polygon = convex_polygon(&train);
        for (t, &ours) in d.test.iter().zip(&inside) {
            let Some(truth) = brute_inside(&train, t.point) else {
                continue;
            };
            assert_eq!(ours, truth, "{kind:?} point {:?}", t.point);
            // The drawn outline agrees too (strictly left of every counter-clockwise edge).
            let in_poly = (0..polygon.len())
                .all(|i| orient(polygon[i], polygon[(i + 1) % polygon.len()], t.point) > 0.0);
            assert_eq!(in_poly, truth, "outline, {kind:?} point {:?}", t.point);
            if truth {
                checked.0 += 1;
            } else {
                checked.1 += 1;
            }
        }
    }
    // Both verdicts were exercised.
    assert!(checked.0 > 20 && checked.1 > 5, "{checked:?}");
}

#[test]
fn split_counts_each_test_point_once_with_its_prediction() {
    let net = ReluNet::random(&[6, 6], 3, 9).unwrap();
    let mut rng = Rng::new(4);
    let sample = |rng: &mut Rng, r: f64| Sample {
        point: [
            r * (2.0 * rng.uniform() - 1.0),
            r * (2.0 * rng.uniform() - 1.0),
        ],
        class: (rng.uniform() * 3.0) as usize,
    };
    let train: Vec<Sample> = (0..25).map(|_| sample(&mut rng, 0.6)).collect();
    let test: Vec<Sample> = (0..80).map(|_| sample(&mut rng, 1.1)).collect();
    let inside = hull_membership(&train, &test).unwrap();
    let s = split_accuracy(&net, &test, &inside);
    let pts: Vec<[f64; 2]> = train.iter().map(|s| s.point).collect();
    let (mut n_in, mut right_in, mut n_out, mut right_out) = (0, 0, 0, 0);
    for t in &test {
        let right = net.predict(t.point) == t.class;
        match brute_inside(&pts, t.point) {
            Some(true) => {
                n_in += 1;
                right_in += right as usize;
            }
            Some(false) => {
                n_out += 1;
                right_out += right as usize;
            }
            None => panic!("ambiguous test point {:?}", t.point),
        }
    }
    assert_eq!(
        (s.inside, s.inside_correct, s.outside, s.outside_correct),
        (n_in, right_in, n_out, right_out)
    );
    assert!(n_in > 0 && n_out > 0);
}

/// The figure's caption reports the same split for the reader's own points.
#[test]
fn the_figure_reports_the_split_for_own_points() {
    let mut rng = Rng::new(12);
    let mut pts = Vec::new();
    for i in 0..40 {
        // Training points near the centre, so several test points fall outside their hull.
        let r = if i % 5 == 4 { 1.1 } else { 0.7 };
        let x = (r * (2.0 * rng.uniform() - 1.0) * 100.0).round() / 100.0;
        let y = (r * (2.0 * rng.uniform() - 1.0) * 100.0).round() / 100.0;
        let class = usize::from(x * y > 0.0);
        pts.push(format!("{}{x}_{y}", ["a", "b"][class]));
    }
    let q = format!("nn.data=own&nn.depth=2&nn.width=8&nn.pts={}", pts.join("~"));
    let (mut f, notes) = AnyFigure::from_query("relu", &q).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    f.action("play", true); // trains to the end state
    let caption = f.summary();
    // Independent count from the same points.
    let parsed: Vec<([f64; 2], usize)> = pts
        .iter()
        .map(|t| {
            let class = usize::from(t.starts_with('b'));
            let (x, y) = t[1..].split_once('_').unwrap();
            ([x.parse().unwrap(), y.parse().unwrap()], class)
        })
        .collect();
    let train: Vec<[f64; 2]> = parsed
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 5 != 4)
        .map(|(_, p)| p.0)
        .collect();
    let (mut n_in, mut n_out) = (0, 0);
    for (i, p) in parsed.iter().enumerate() {
        if i % 5 == 4 {
            match brute_inside(&train, p.0) {
                Some(true) => n_in += 1,
                Some(false) => n_out += 1,
                None => panic!("ambiguous"),
            }
        }
    }
    assert!(n_in > 0 && n_out > 0, "{n_in} {n_out}");
    let expected = format!(
        "Of the 8 test points, inside the convex hull of the training points: {n_in} (the network is right on"
    );
    assert!(
        caption.contains(&expected),
        "{caption}\nexpected: {expected}"
    );
    assert!(
        caption.contains(&format!("outside it: {n_out} (")),
        "{caption}"
    );
}
