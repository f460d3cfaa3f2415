//! The hull Monte Carlo estimates what the theorem states (issue 12).
//!
//! `P(x ∈ conv X)` for Gaussian data is known exactly ([`GaussianHull`], Kabluchko and
//! Zaporozhets), independently of any sampling. Against it:
//!
//! - **coverage**: over many independent cells (d = 2..8, three sizes N each where the
//!   probability is between about 0.15 and 0.7, six seeds, 200 tests), the exact value lies
//!   inside the cell's 95 % Wilson interval in about 95 % of cells, and the standardised
//!   errors have variance 1; testing every point of a cell against one training set (the
//!   old design, still [`InsideFraction`]) covers it in far fewer cells;
//! - **agreement at 4.5σ** on the figure's kind of grid ([`GridRun`]: several dimensions,
//!   nested sizes, inference), and on the issue's own example;
//! - **determinism and inference**: the same report for any slicing, counts monotone in N
//!   for every test, inferred cells equal to computing them, and the verdicts of the
//!   buffer-reusing classifier equal to fresh solves whose certificates an independent
//!   checker accepts.

mod hull_support;

use highdim::math::hull::{
    Distribution, FreshClassifier, FreshSampler, GaussianHull, GridReport, GridRun, GridSpec, Hull,
    HullOptions, InsideCount, InsideFraction, MonteCarloParams, Series, Support, DEFAULT_TOLERANCE,
};
use std::sync::OnceLock;

/// Test points per coverage cell.
const TESTS: u32 = 200;
/// Independent repetitions of every (d, N).
const SEEDS: u64 = 6;

/// (d, N) of the coverage cells: sizes where the exact probability is between about 0.15 and
/// 0.7 (N₅₀ is 11, 27, 63, 135, 278, 555 and 1,084 for d = 2..8; small N keep the test fast).
const SIZES: [(u32, [u32; 3]); 7] = [
    (2, [5, 10, 20]),
    (3, [10, 20, 40]),
    (4, [20, 40, 80]),
    (5, [40, 80, 160]),
    (6, [80, 160, 320]),
    (7, [100, 200, 400]),
    (8, [160, 320, 400]),
];

/// One coverage cell: its (d, N), the exact probability and the count.
#[derive(Clone, Copy, Debug)]
struct Cell {
    d: u32,
    n: u32,
    exact: f64,
    count: InsideCount,
}

impl Cell {
    fn covered(&self) -> bool {
        let (lo, hi) = self.count.interval();
        lo <= self.exact && self.exact <= hi
    }

    /// `(p̂ − p)/√(p(1 − p)/T)`.
    fn z(&self) -> f64 {
        let t = self.count.tests as f64;
        (self.count.fraction() - self.exact) / (self.exact * (1.0 - self.exact) / t).sqrt()
    }
}

fn exact(d: u32, n: u32) -> f64 {
    static EXACT: OnceLock<GaussianHull> = OnceLock::new();
    EXACT
        .get_or_init(GaussianHull::new)
        .p_inside(d, n as u64)
        .expect("within the formula's domain")
}

/// A grid of Gaussian data in full dimension.
fn gaussian_grid(dims: &[u32], train: Vec<u32>, tests: u32, seed: u64) -> GridSpec {
    GridSpec {
        series: dims
            .iter()
            .map(|&dim| Series {
                dim,
                support: Support::Full,
            })
            .collect(),
        train,
        tests,
        distribution: Distribution::Gaussian,
        seed,
    }
}

fn finish(spec: GridSpec, slice: u64) -> GridReport {
    let mut run = GridRun::new(spec).expect("a valid grid");
    while !run.step(slice).expect("every test classifies") {}
    run.report().clone()
}

/// Every coverage cell, each its own grid with its own seed: independent cells.
fn fresh_cells() -> &'static [Cell] {
    static CELLS: OnceLock<Vec<Cell>> = OnceLock::new();
    CELLS.get_or_init(|| {
        let mut cells = Vec::new();
        for (d, sizes) in SIZES {
            for n in sizes {
                for seed in 0..SEEDS {
                    let seed = 1000 * d as u64 + 100 * seed + n as u64;
                    let r = finish(gaussian_grid(&[d], vec![n], TESTS, seed), 1 << 40);
                    cells.push(Cell {
                        d,
                        n,
                        exact: exact(d, n),
                        count: r.cells[0][0].expect("finished").count,
                    });
                }
            }
        }
        cells
    })
}

#[test]
fn the_exact_value_is_inside_the_95_percent_band_in_about_95_percent_of_cells() {
    let cells = fresh_cells();
    let m = cells.len();
    assert_eq!(m, 126);
    let covered = cells.iter().filter(|c| c.covered()).count();
    // Independent cells, each covered with probability about 0.95 (Wilson's interval at
    // 200 trials and p in 0.15..0.7: 0.93 to 0.96): about 120 of 126, s.d. about 2.6. At
    // least 108 (85 %) holds with overwhelming probability (measured: 117); one training
    // set per cell covered 92 (the next test).
    let misses: Vec<String> = cells
        .iter()
        .filter(|c| !c.covered())
        .map(|c| format!("d = {}, N = {}: {:?} vs {:.4}", c.d, c.n, c.count, c.exact))
        .collect();
    assert!(
        covered * 100 >= 85 * m,
        "{covered} of {m} cells cover the exact value; missed: {misses:#?}"
    );
    // Calibrated both ways: Σz² ~ χ²(126), so Σz²/m has mean 1 and s.d. 0.13, and
    // 0.5..1.5 is 4σ either side (measured: 1.19; one training set per cell: 4.7).
    // Too wide a spread means dependent tests (one training set per cell); too narrow,
    // tests that are not random.
    let z2: f64 = cells.iter().map(|c| c.z().powi(2)).sum();
    assert!(
        (0.5..1.5).contains(&(z2 / m as f64)),
        "mean z² = {}",
        z2 / m as f64
    );
    // No systematic bias: the mean z is N(0, 1/m).
    let zbar = cells.iter().map(Cell::z).sum::<f64>() / m as f64;
    assert!(zbar.abs() < 4.5 / (m as f64).sqrt(), "mean z = {zbar}");
}

#[test]
fn one_training_set_per_cell_misses_the_exact_value_far_more_often() {
    // The old design on the same cells: every test of a cell against one training set. Its
    // interval covers P(x ∈ conv X | X), which varies between training sets by more than
    // the interval's width, so it misses P(x ∈ conv X) in many cells. (This documents
    // issue 12; InsideFraction remains the right tool when the training set is given.)
    let fresh = fresh_cells();
    let mut covered = 0;
    let mut z2 = 0.0;
    for c in fresh {
        let seed = 7 + c.count.inside; // any seed: one training set per cell
        let count = InsideFraction::new(MonteCarloParams {
            dim: c.d as usize,
            train: c.n as usize,
            tests: TESTS as usize,
            distribution: Distribution::Gaussian,
            subspace: None,
            seed: seed + 1_000_000 * c.d as u64 + c.n as u64,
        })
        .and_then(|mut run| run.step(usize::MAX).map(|_| run.count()))
        .expect("valid parameters");
        let cell = Cell { count, ..*c };
        covered += usize::from(cell.covered());
        z2 += cell.z().powi(2);
    }
    // Measured: 92 of 126 covered (the test above asks for 108), mean z² 4.7 (it asks
    // for at most 1.5).
    let m = fresh.len();
    assert!(covered * 100 < 85 * m, "{covered} of {m}");
    assert!(z2 / m as f64 > 2.0, "mean z² = {}", z2 / m as f64);
}

#[test]
fn every_cell_of_a_grid_agrees_with_the_exact_value_at_four_and_a_half_sigma() {
    // The figure's computation: several dimensions, nested sizes, per-test inference.
    let dims = [2, 3, 4, 5, 6, 7, 8];
    let train = vec![3, 6, 10, 18, 32, 56, 100, 178, 316, 562];
    let tests = 300;
    let r = finish(gaussian_grid(&dims, train.clone(), tests, 2021), 50_000);
    let mut checked = 0;
    for (s, &d) in dims.iter().enumerate() {
        for (k, &n) in train.iter().enumerate() {
            let c = r.cells[s][k].expect("finished").count;
            let p = exact(d, n);
            let se = (p * (1.0 - p) / tests as f64).sqrt();
            if p == 0.0 {
                // N ≤ d: the hull is flat and holds no other Gaussian point.
                assert_eq!(c.inside, 0, "d = {d}, N = {n}");
                continue;
            }
            assert!(
                (c.fraction() - p).abs() <= 4.5 * se,
                "d = {d}, N = {n}: {c:?} vs exact {p:.5} (s.e. {se:.4})"
            );
            checked += 1;
        }
    }
    assert!(checked >= 55, "{checked}");
    // The example, `highdim curve --dims 3..3 --n 100 --tests 2000`, over seeds 1–6:
    // with one training set per cell the estimates spread from 0.754 to 0.806 and missed
    // the exact 0.78302 by up to six standard errors.
    let p = exact(3, 100);
    assert!((p - 0.78302).abs() < 5e-6, "{p}");
    let se = (p * (1.0 - p) / 2000.0).sqrt();
    for seed in 1..=6 {
        let r = finish(gaussian_grid(&[3], vec![100], 2000, seed), 1 << 40);
        let c = r.cells[0][0].expect("finished").count;
        assert!(
            (c.fraction() - p).abs() <= 4.5 * se,
            "seed {seed}: {c:?} vs {p}"
        );
    }
}

/// A grid with every kind of support and a size where many tests are inferred.
fn mixed_spec() -> GridSpec {
    GridSpec {
        series: vec![
            Series {
                dim: 2,
                support: Support::Full,
            },
            Series {
                dim: 6,
                support: Support::Subspace { k: 2 },
            },
            Series {
                dim: 3,
                support: Support::Curve { anchors: 5 },
            },
            Series {
                dim: 5,
                support: Support::Full,
            },
        ],
        train: vec![3, 10, 40, 160, 640],
        tests: 60,
        distribution: Distribution::UniformBall,
        seed: 99,
    }
}

#[test]
fn the_report_does_not_depend_on_slicing_and_inference_equals_computing() {
    let whole = finish(mixed_spec(), 1 << 40);
    for slice in [1, 777, 20_000] {
        assert_eq!(finish(mixed_spec(), slice), whole, "slice {slice}");
    }
    // Fewer hull tests than cells × tests: tests inside at a smaller N, or separated from
    // its points by the hyperplane carried from there, were inferred (measured: 699 hull
    // tests for 1,200 verdicts)…
    let all = 4 * 5 * 60;
    assert!(
        whole.classified < all * 75 / 100,
        "{} of {all}",
        whole.classified
    );
    // …and every cell, inferred tests included, equals computing it alone (a grid with
    // only that size, so nothing to infer from) and is monotone in N.
    let spec = mixed_spec();
    for (s, row) in whole.cells.iter().enumerate() {
        let counts: Vec<u64> = row
            .iter()
            .map(|c| c.expect("finished").count.inside)
            .collect();
        assert!(
            counts.windows(2).all(|w| w[0] <= w[1]),
            "series {s}: {counts:?}"
        );
        for (k, c) in row.iter().enumerate() {
            let alone = finish(
                GridSpec {
                    series: vec![spec.series[s]],
                    train: vec![spec.train[k]],
                    ..spec.clone()
                },
                1 << 40,
            );
            assert_eq!(
                alone.cells[0][0].expect("finished").count,
                c.expect("finished").count,
                "series {s}, N = {}",
                spec.train[k]
            );
        }
    }
}

#[test]
fn each_test_is_monotone_in_n_and_its_verdicts_are_certified() {
    let spec = mixed_spec();
    let mut classifier = FreshClassifier::new();
    let opts = HullOptions::default();
    for s in 0..spec.series.len() {
        let sampler: FreshSampler = spec.sampler(s).expect("valid series");
        let d = sampler.dim();
        for j in 0..25u64 {
            let mut was_inside = false;
            for &n in &spec.train {
                let v = classifier
                    .classify(&sampler, j, n as usize)
                    .expect("a verdict");
                assert!(
                    v.inside || !was_inside,
                    "series {s}, test {j}: out again at N = {n}"
                );
                was_inside = v.inside;
                // The same points, built and solved afresh with a full certificate, which
                // the independent checker verifies; the verdicts agree.
                let (mut x, mut data) = (vec![0.0; d], Vec::new());
                sampler.draw(j, n as usize, &mut x, &mut data);
                assert_eq!(classifier.last_test(), &x[..]);
                assert_eq!(classifier.last_hull().data(), &data[..]);
                let hull = Hull::new(d, data).expect("finite points");
                let c = hull.classify(&x, &opts).expect("a verdict");
                hull_support::check(&hull, &x, &c, DEFAULT_TOLERANCE);
                assert_eq!(
                    c.membership.is_inside(),
                    v.inside,
                    "series {s}, test {j}, N = {n}"
                );
            }
        }
    }
}
