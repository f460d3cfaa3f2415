//! Timing of the convex-hull membership core on Gaussian data.
//!
//! Run with `cargo run --release --example hull_bench`. Prints, for each (d, N), the median
//! time per query, the fraction of queries inside, and the average passes over the data per
//! query, for both the verdict-only mode (what the Monte Carlo uses) and the exact-distance
//! mode; then the total time of the paper's Figure 1 workload (d = 1..32,
//! N ∈ {10, 100, 1000, 10000}, 100 tests each = 12,800 queries).
#![allow(clippy::disallowed_methods)] // Instant::now is fine in a native example.

use highdim::math::hull::{
    Classifier, Distribution, Hull, HullOptions, InsideFraction, MonteCarloParams,
};
use highdim::math::rng::Rng;
use std::time::Instant;

struct Row {
    median_us: f64,
    inside: f64,
    passes: f64,
}

fn measure(hull: &Hull, queries: &[Vec<f64>], opts: HullOptions) -> Row {
    let mut c = Classifier::new(hull, opts).expect("valid options");
    let mut times = Vec::with_capacity(queries.len());
    let (mut inside, mut passes) = (0usize, 0usize);
    for x in queries {
        let t = Instant::now();
        let r = c.classify(x).expect("Gaussian queries classify");
        times.push(t.elapsed().as_secs_f64());
        inside += r.membership.is_inside() as usize;
        passes += r.passes;
    }
    times.sort_by(f64::total_cmp);
    let q = queries.len() as f64;
    Row {
        median_us: times[times.len() / 2] * 1e6,
        inside: inside as f64 / q,
        passes: passes as f64 / q,
    }
}

fn main() {
    let queries_per_cell = 200;
    println!("Gaussian training and test points; {queries_per_cell} queries per cell.");
    println!(
        "{:>3} {:>6} | {:>11} {:>7} {:>7} | {:>11} {:>7}",
        "d", "N", "verdict µs", "inside", "passes", "exact µs", "passes"
    );
    for d in [2usize, 4, 8, 16, 32, 64] {
        for n in [100usize, 1000, 10000] {
            let mut rng = Rng::new(1000 * d as u64 + n as u64);
            let data: Vec<f64> = (0..n * d).map(|_| rng.normal()).collect();
            let hull = Hull::new(d, data).expect("finite data");
            let queries: Vec<Vec<f64>> = (0..queries_per_cell)
                .map(|_| (0..d).map(|_| rng.normal()).collect())
                .collect();
            let fast = measure(&hull, &queries, HullOptions::verdict_only());
            let exact = measure(&hull, &queries, HullOptions::default());
            println!(
                "{:>3} {:>6} | {:>11.1} {:>7.3} {:>7.2} | {:>11.1} {:>7.2}",
                d, n, fast.median_us, fast.inside, fast.passes, exact.median_us, exact.passes
            );
        }
    }

    // The paper's Figure 1 workload, through the Monte Carlo driver (training sets included).
    let t = Instant::now();
    let (mut tests, mut passes) = (0u64, 0u64);
    let mut sampling = 0.0;
    for d in 1..=32usize {
        for n in [10usize, 100, 1000, 10000] {
            let params = MonteCarloParams {
                dim: d,
                train: n,
                tests: 100,
                distribution: Distribution::Gaussian,
                subspace: None,
                seed: 2021,
            };
            let t0 = Instant::now();
            let mut run = InsideFraction::new(params).expect("valid parameters");
            sampling += t0.elapsed().as_secs_f64();
            run.step(usize::MAX).expect("Gaussian queries classify");
            tests += run.count().tests;
            passes += run.passes();
        }
    }
    let total = t.elapsed().as_secs_f64();
    println!(
        "Paper workload (d = 1..32, N = 10..10000, 100 tests): {tests} tests in {:.3} s \
         ({:.3} s drawing training sets), {:.2} passes per test",
        total,
        sampling,
        passes as f64 / tests as f64
    );
}
