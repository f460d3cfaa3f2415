//! Timing of the minimum-volume enclosing ellipsoid fit on Gaussian data.
//!
//! Run with `cargo run --release --example mvee_bench`. Prints, for N = 1000 and
//! d = 2..64, the time and iteration count of Todd–Yildirim (WA-TY) at ε = 10⁻³ and at the
//! default ε = 10⁻⁷, and of Khachiyan's method at ε = 10⁻³ (at 10⁻⁷ it needs millions of
//! iterations); then Todd–Yildirim against N at d = 16; then P(inside) for every
//! definition on the same samples (N = 1000, 500 tests), with the time of each run. The
//! page runs anything over 50 ms in the worker.
#![allow(clippy::disallowed_methods)] // Instant::now is fine in a native example.

use highdim::math::definitions::{
    Definition, DefinitionsCurve, DefinitionsParams, FitOptions, Mvee, MveeAlgorithm, MveeOptions,
    DEFAULT_TOLERANCE,
};
use highdim::math::hull::{Distribution, MonteCarloParams};
use highdim::math::rng::Rng;
use std::time::Instant;

/// (milliseconds, iterations, core-set size), or None when the cap was hit.
fn time_fit(
    d: usize,
    data: &[f64],
    algorithm: MveeAlgorithm,
    epsilon: f64,
) -> Option<(f64, usize, usize)> {
    let opts = MveeOptions {
        epsilon,
        max_iterations: 2_000_000,
        algorithm,
    };
    let t = Instant::now();
    let e = Mvee::fit(d, data, DEFAULT_TOLERANCE, &opts).ok()?;
    Some((
        t.elapsed().as_secs_f64() * 1e3,
        e.iterations(),
        e.core_set().len(),
    ))
}

fn cell(r: Option<(f64, usize, usize)>) -> String {
    match r {
        Some((ms, it, _)) => format!("{ms:>9.1} {it:>8}"),
        None => format!("{:>18}", "not converged"),
    }
}

fn main() {
    let n = 1000;
    println!("Gaussian data, N = {n}: milliseconds and iterations");
    println!(
        "{:>3} | {:>18} {:>5} | {:>18} {:>5} | {:>18}",
        "d", "TY ε=1e-3", "core", "TY ε=1e-7", "core", "Khachiyan ε=1e-3"
    );
    for d in [2usize, 4, 8, 16, 24, 32, 48, 64] {
        let mut rng = Rng::new(d as u64);
        let data: Vec<f64> = (0..n * d).map(|_| rng.normal()).collect();
        let ty3 = time_fit(d, &data, MveeAlgorithm::ToddYildirim, 1e-3);
        let ty7 = time_fit(d, &data, MveeAlgorithm::ToddYildirim, 1e-7);
        let kh3 = time_fit(d, &data, MveeAlgorithm::Khachiyan, 1e-3);
        println!(
            "{d:>3} | {} {:>5} | {} {:>5} | {}",
            cell(ty3),
            ty3.map_or(0, |r| r.2),
            cell(ty7),
            ty7.map_or(0, |r| r.2),
            cell(kh3)
        );
    }
    let d = 16;
    println!("\nTodd–Yildirim, ε = 1e-7, d = {d}, against N");
    println!("{:>6} | {:>9} {:>8} {:>5}", "N", "ms", "iter", "core");
    for n in [100usize, 300, 1000, 3000, 10000] {
        let mut rng = Rng::new(n as u64);
        let data: Vec<f64> = (0..n * d).map(|_| rng.normal()).collect();
        if let Some((ms, it, core)) = time_fit(d, &data, MveeAlgorithm::ToddYildirim, 1e-7) {
            println!("{n:>6} | {ms:>9.1} {it:>8} {core:>5}");
        }
    }

    let tests = 500;
    println!("\nP(inside) on the same samples, N = 1000, {tests} tests (seed 1)");
    println!(
        "{:>8} {:>3} | {:>6} {:>6} {:>6} {:>9} {:>6} | {:>8}",
        "dist", "d", "hull", "box", "any", "ellipsoid", "ball", "seconds"
    );
    for dist in [Distribution::Gaussian, Distribution::UniformCube] {
        for d in [2usize, 8, 16, 30, 64] {
            let params = DefinitionsParams {
                sample: MonteCarloParams {
                    dim: d,
                    train: 1000,
                    tests,
                    distribution: dist,
                    subspace: None,
                    seed: 1,
                },
                definitions: Definition::ALL.to_vec(),
                options: FitOptions::default(),
            };
            let t = Instant::now();
            let mut run = DefinitionsCurve::new(params).expect("valid parameters");
            while !run.step(50).expect("the run completes") {}
            let p: Vec<String> = run
                .counts()
                .iter()
                .map(|c| format!("{:.3}", c.count.fraction()))
                .collect();
            println!(
                "{:>8} {d:>3} | {:>6} {:>6} {:>6} {:>9} {:>6} | {:>8.2}",
                dist.name(),
                p[0],
                p[1],
                p[2],
                p[3],
                p[4],
                t.elapsed().as_secs_f64()
            );
        }
    }
}
