//! Regression (found by the extreme-parameters end-to-end test): on the link that sets every
//! control of the intrinsic-dimension figure to its maximum, the hull solver stops without a
//! certificate partway through the grid. The job used to report "done" with most cells
//! missing, and the page called the figure finished under a caption saying "Computing".
//! Now the runner keeps the failure, `run_to_end` returns it, and the worker turns it into
//! the figure's visible message.
//!
//! The grid takes about a second in a release build but over a minute of CPU in a debug
//! build, so this test is ignored by `cargo test`; run it with
//! `cargo test --release --test job_failures -- --ignored`. The end-to-end extreme-parameters
//! test (tests/e2e/extremes.test.mjs) covers the same link in CI.

use highdim::figures::AnyFigure;
use highdim::jobs::{run_to_end, JobError, Runner};

const EXTREME: &str = "hs.shape=curve&hs.k=8&hs.nmax=100000&hs.tests=500&hs.seed=4294967295";

#[test]
#[ignore = "over a minute in a debug build: run with --release -- --ignored"]
fn a_solver_failure_is_reported_not_passed_off_as_done() {
    let (mut f, _) = AnyFigure::from_query("hullsubspace", EXTREME).unwrap();
    let spec = f.job().expect("a grid to compute");
    let mut r = Runner::new(&spec).unwrap();
    while !r.step(1 << 22) {}
    let message = r.error().expect("the solver fails on this grid");
    assert!(message.contains("no certificate"), "{message}");
    assert!(r.progress() < 1.0, "the grid is not complete");
    // What it had is still usable, and the figure still knows it is incomplete.
    f.accept(&r.output());
    assert!(f.job().is_some());
    match run_to_end(&spec) {
        Err(JobError::Stopped(m)) => assert_eq!(m, message),
        other => panic!("expected Stopped, got {other:?}"),
    }
}
