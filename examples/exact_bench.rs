//! Times the exact Gaussian hull probability (`math::hull::exact`): the internal angles, one
//! curve of 60 training-set sizes per dimension, and N₅₀ per dimension.
//!
//! `cargo run --release --example exact_bench`
#![allow(clippy::disallowed_methods)] // Instant::now is fine in a native example.
use highdim::math::hull::GaussianHull;
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let exact = GaussianHull::new();
    println!("internal angles k = 0..29: {:.2} ms", ms(t));
    println!("d,curve_60_ms,n50_ms,n50");
    for d in [2u32, 5, 10, 15, 20, 25, 30] {
        let ns: Vec<u64> = (0..60)
            .map(|i| ((d as f64 + 1.0) * 10f64.powf(i as f64 * 10.0 / 59.0)).round() as u64)
            .map(|n| n.min(10_000_000_000))
            .collect();
        let t = Instant::now();
        let mut sum = 0.0;
        for &n in &ns {
            sum += exact.p_inside(d, n).unwrap();
        }
        let curve = ms(t);
        let t = Instant::now();
        let n50 = exact.n50(d).unwrap();
        println!("{d},{curve:.2},{:.2},{:?}  (checksum {sum:.6})", ms(t), n50);
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}
