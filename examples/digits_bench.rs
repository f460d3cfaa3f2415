//! Times the digits curve natively: `cargo run --release --example digits_bench [N] [tests]`.
//! Prints the curve per reduction and the time per reduction.
#![allow(clippy::disallowed_methods)] // Instant::now is fine in a native example.
use highdim::math::digits::{CurveRun, CurveSpec, Digits, Reduction};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let args: Vec<u32> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let train = args.first().copied().unwrap_or(4000);
    let tests = args.get(1).copied().unwrap_or(1000);
    let bytes = std::fs::read("data/mnist5k.bin").expect("data/mnist5k.bin");
    let digits = Arc::new(Digits::from_bytes(&bytes).expect("valid file"));
    let ks = vec![1, 4, 9, 16, 25, 36, 49, 64, 100, 144, 196, 256, 400, 784];
    for r in Reduction::ALL {
        let spec = CurveSpec {
            reductions: vec![r],
            ks: ks.clone(),
            train,
            tests,
            seed: 1,
        };
        let t0 = Instant::now();
        let mut run = CurveRun::new(spec, digits.clone()).expect("spec");
        while !run.step(1 << 24).expect("solver") {}
        let rep = run.report();
        let pts: Vec<String> = rep.series[0]
            .points
            .iter()
            .map(|p| {
                format!(
                    "{}:{:.1}%{}",
                    p.k,
                    100.0 * p.fraction(),
                    if p.inferred == p.tested { "*" } else { "" }
                )
            })
            .collect();
        println!(
            "{:6} {:>8.2} s  {}",
            r.name(),
            t0.elapsed().as_secs_f64(),
            pts.join(" ")
        );
        if r == Reduction::Pca {
            let e: Vec<String> = rep.explained.iter().map(|e| format!("{:.3}", e)).collect();
            println!("explained {}", e.join(" "));
        }
    }
}
