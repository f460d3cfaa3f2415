//! Native half of `scripts/bench-hull.sh`: writes the benchmark instances (Gaussian training
//! sets and queries for d ∈ {2,…,64} × N ∈ {100, 1000, 10000}) as little-endian f64 files so
//! the wasm build and scipy solve exactly the same problems, times the native build on them,
//! and times the paper's Figure-1 workload. Prints JSON.
//!
//! `cargo run --release --example hull_compare -- OUTDIR [QUERIES]`
#![allow(clippy::disallowed_methods)] // Instant::now is fine in a native example.

use highdim::math::hull::{paper_workload, Hull, HullOptions};
use highdim::math::rng::Rng;
use std::time::Instant;

fn write_f64(path: &std::path::Path, v: &[f64]) {
    let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
    std::fs::write(path, bytes).expect("writable output directory");
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/bench/hull".into()));
    let queries: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    std::fs::create_dir_all(&out).expect("output directory");
    let opts = HullOptions::verdict_only();
    let mut cells = Vec::new();
    for d in [2usize, 4, 8, 16, 32, 64] {
        for n in [100usize, 1000, 10000] {
            let mut rng = Rng::new(1000 * d as u64 + n as u64);
            let train: Vec<f64> = (0..n * d).map(|_| rng.normal()).collect();
            let query: Vec<f64> = (0..queries * d).map(|_| rng.normal()).collect();
            write_f64(&out.join(format!("d{d}_n{n}.train.f64")), &train);
            write_f64(&out.join(format!("d{d}_n{n}.query.f64")), &query);
            let hull = Hull::new(d, train).expect("finite data");
            let mut times = Vec::with_capacity(queries);
            let (mut inside, mut passes) = (0usize, 0usize);
            for x in query.chunks_exact(d) {
                let t = Instant::now();
                let c = hull.classify(x, &opts).expect("valid query");
                times.push(t.elapsed().as_secs_f64());
                inside += c.membership.is_inside() as usize;
                passes += c.passes;
            }
            times.sort_by(f64::total_cmp);
            cells.push(serde_json::json!({
                "d": d, "n": n, "queries": queries,
                "median_us": times[queries / 2] * 1e6,
                "inside": inside as f64 / queries as f64,
                "passes": passes as f64 / queries as f64,
            }));
        }
    }
    let t = Instant::now();
    let inside = paper_workload(100, 1).expect("valid workload");
    let paper_s = t.elapsed().as_secs_f64();
    let report = serde_json::json!({ "cells": cells, "paper_s": paper_s, "paper_inside": inside });
    println!("{report}");
}
