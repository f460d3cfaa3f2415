//! Timing of the resumable hull grid (`GridRun`) on the jobs of the hull-curve and
//! hull-subspace figures at their default parameters, as the worker runs them.
//!
//! Run with `cargo run --release --example hull_grid_bench [-- REPEATS]`. For each job prints
//! the wall time (best of `REPEATS`, default 3), the test points classified, the passes over
//! training data, and the cells computed and inferred. With `-- max`, runs each figure once
//! at its largest settings instead (minutes); `-- max WORD` only the jobs whose name
//! contains WORD.
#![allow(clippy::disallowed_methods)] // Instant::now is fine in a native example.

use highdim::figures::hull::hullcurve::{HullCurveFigure, HullCurveParams};
use highdim::figures::hull::hullsubspace::{HullSubspaceFigure, HullSubspaceParams, Shape};
use highdim::figures::Figure;
use highdim::math::hull::{GridReport, GridRun, GridSpec};
use highdim::params::ParamSet;
use std::time::Instant;

/// Runs `spec` to the end in slices of `slice` work units; returns the report and seconds.
fn run(spec: &GridSpec, slice: u64) -> (GridReport, f64) {
    let t = Instant::now();
    let mut run = GridRun::new(spec.clone()).expect("a valid figure spec");
    while !run.step(slice).expect("every test point classifies") {}
    (run.report().clone(), t.elapsed().as_secs_f64())
}

fn main() {
    let arg = std::env::args().nth(1);
    let max = arg.as_deref() == Some("max");
    let repeats: usize = if max {
        1
    } else {
        arg.and_then(|a| a.parse().ok()).unwrap_or(3)
    };
    let largest = |shape| HullSubspaceParams {
        shape,
        k: 8,
        nmax: 100_000,
        tests: 500,
        ..HullSubspaceParams::defaults()
    };
    let jobs = if max {
        [
            (
                "hullcurve (largest)",
                HullCurveFigure::new(HullCurveParams {
                    dmax: 64,
                    nmax: 100_000,
                    tests: 500,
                    ..HullCurveParams::defaults()
                })
                .spec(),
            ),
            (
                "hullsubspace linear (largest)",
                HullSubspaceFigure::new(largest(Shape::Linear)).spec(),
            ),
            (
                "hullsubspace curve (largest)",
                HullSubspaceFigure::new(largest(Shape::Curve)).spec(),
            ),
        ]
    } else {
        [
            (
                "hullcurve (defaults)",
                HullCurveFigure::new(HullCurveParams::defaults()).spec(),
            ),
            (
                "hullsubspace linear (defaults)",
                HullSubspaceFigure::new(HullSubspaceParams::defaults()).spec(),
            ),
            (
                "hullsubspace curve",
                HullSubspaceFigure::new(HullSubspaceParams {
                    shape: Shape::Curve,
                    ..HullSubspaceParams::defaults()
                })
                .spec(),
            ),
        ]
    };
    let only = std::env::args().nth(2).unwrap_or_default();
    for (name, spec) in jobs.into_iter().filter(|(name, _)| name.contains(&only)) {
        let mut best = f64::INFINITY;
        let mut last = None;
        for _ in 0..repeats.max(1) {
            let (report, secs) = run(&spec, 1 << 22);
            best = best.min(secs);
            last = Some(report);
        }
        let r = last.expect("at least one run");
        let cells = r.cells.iter().flatten().flatten();
        let (computed, inferred) = cells.fold((0, 0), |(c, i), cell| {
            if cell.inferred {
                (c, i + 1)
            } else {
                (c + 1, i)
            }
        });
        println!(
            "{name}: {best:.3} s (best of {repeats}); {} series × {} sizes × {} tests; \
             {} tests classified, {} passes; cells computed {computed}, inferred {inferred}",
            spec.series.len(),
            spec.train.len(),
            spec.tests,
            r.classified,
            r.passes,
        );
        for (s, row) in r.cells.iter().enumerate() {
            let p: Vec<String> = row
                .iter()
                .map(|c| c.map_or("-".into(), |c| format!("{:.2}", c.count.fraction())))
                .collect();
            println!("  d = {:>2}: {}", spec.series[s].dim, p.join(" "));
        }
    }
}
