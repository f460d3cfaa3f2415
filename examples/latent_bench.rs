//! Times the latent curve natively, phase by phase: for each bottleneck width k, training
//! (epochs × N digits) and then the codes and the hull test of every test digit.
//!
//! `cargo run --release --example latent_bench -- [N] [TESTS] [EPOCHS] [HIDDEN]`
//! (defaults: the figure's, 4000 1000 3 64).

#![allow(clippy::disallowed_methods)] // Instant::now is fine in a native example.

use highdim::math::digits::{Digits, LatentRun, LatentSpec};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let arg = |i: usize, d: u32| -> u32 {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(d)
    };
    let bytes = std::fs::read("data/mnist5k.bin").expect("data/mnist5k.bin");
    let digits = Arc::new(Digits::from_bytes(&bytes).expect("valid digits"));
    let (train, tests, epochs, hidden) = (arg(1, 4000), arg(2, 1000), arg(3, 3), arg(4, 64));
    println!("N = {train}, tests = {tests}, epochs = {epochs}, hidden = {hidden}");
    println!("k,train_ms,hull_ms,accuracy,inside");
    let total = Instant::now();
    for k in [1u32, 4, 9, 16, 25, 36, 49, 64] {
        let spec = LatentSpec {
            ks: vec![k],
            train,
            tests,
            epochs,
            hidden,
            seed: 1,
        };
        let mut run = LatentRun::new(spec, digits.clone()).expect("valid spec");
        let t0 = Instant::now();
        let mut trained = None;
        loop {
            let done = run.step(1 << 16).expect("no solver failure");
            if trained.is_none() && run.report().current.is_some_and(|c| c.epoch >= epochs) {
                trained = Some(t0.elapsed());
            }
            if done {
                break;
            }
        }
        let all = t0.elapsed();
        let tr = trained.unwrap_or(all);
        let p = run.report().points[0];
        println!(
            "{k},{:.0},{:.0},{:.3},{:.3}",
            tr.as_secs_f64() * 1e3,
            (all - tr).as_secs_f64() * 1e3,
            p.accuracy,
            p.fraction()
        );
    }
    println!("total {:.2} s", total.elapsed().as_secs_f64());
}
