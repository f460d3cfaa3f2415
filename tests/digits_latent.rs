//! The latent curve: bottleneck networks trained on the shipped digits (`LatentRun`, the job
//! behind the latent curve of "digitscurve"), checked against an independent computation,
//! for its shape, determinism, slicing, and the bounded work of a step (cancel latency).

use highdim::figures::AnyFigure;
use highdim::jobs::{run_to_end_with, JobError, JobOutput, JobSpec, Runner};
use highdim::math::digits::*;
use std::sync::Arc;

fn shipped() -> Arc<Digits> {
    Arc::new(Digits::from_bytes(&std::fs::read("data/mnist5k.bin").unwrap()).unwrap())
}

fn spec(ks: &[u32], train: u32, tests: u32, epochs: u32, seed: u64) -> LatentSpec {
    LatentSpec {
        ks: ks.to_vec(),
        train,
        tests,
        epochs,
        hidden: 64,
        seed,
    }
}

fn run(spec: LatentSpec, work: u64) -> LatentReport {
    let mut r = LatentRun::new(spec, shipped()).unwrap();
    while !r.step(work).unwrap() {}
    r.report().clone()
}

#[test]
fn the_latent_curve_falls_with_the_bottleneck_while_accuracy_stays_high() {
    let rep = run(spec(&[2, 32], 1000, 300, 3, 1), 1 << 20);
    assert!(rep.is_complete() && rep.current.is_none());
    let (narrow, wide) = (rep.point(2).unwrap(), rep.point(32).unwrap());
    assert_eq!((narrow.tested, wide.tested), (300, 300));
    // In 2 dimensions most test codes are inside the training codes' hull; in 32 almost none.
    assert!(narrow.fraction() > 0.8, "{narrow:?}");
    assert!(wide.fraction() < 0.05, "{wide:?}");
    assert!(narrow.fraction() > wide.fraction() + 0.75);
    // Far above chance (10%), though every correct answer at k = 32 is an extrapolation.
    assert!(wide.accuracy > 0.8, "{wide:?}");
    assert!(narrow.accuracy > 0.3, "{narrow:?}");
    assert!(wide.loss.is_finite() && wide.loss < narrow.loss, "{rep:?}");
}

#[test]
fn a_one_wide_bottleneck_matches_an_interval_check_of_an_independently_trained_net() {
    // With k = 1 the hull of the training codes is the interval [min, max]: an oracle that
    // needs no hull solver. The net is retrained here through the public `Bottleneck::train`
    // (dense inputs, same seeds: the run's are `seed ^ 0x5eed` for the weights and `seed`
    // for the order), so this also checks the run's stepping against one training call.
    let d = shipped();
    let (n, t, epochs, seed) = (60usize, 800usize, 2usize, 7u64);
    let rep = run(spec(&[1], n as u32, t as u32, epochs as u32, seed), 1 << 12);
    let p = rep.point(1).unwrap();
    let split = Split::new(d.len(), TEST_IMAGES, seed);
    let sample = |i: usize| -> (Vec<f64>, usize) {
        (
            d.image(i).iter().map(|&v| v as f64 / 255.0).collect(),
            d.label(i) as usize,
        )
    };
    let tr: Vec<_> = split.train[..n].iter().map(|&i| sample(i)).collect();
    let te: Vec<_> = split.test[..t].iter().map(|&i| sample(i)).collect();
    let mut net = Bottleneck::new(784, 64, 1, 10, seed ^ 0x5eed);
    let loss = net.train(&tr, epochs, BATCH, LEARNING_RATE, seed);
    assert!((loss - p.loss).abs() < 1e-9, "{loss} vs {}", p.loss);
    let codes: Vec<f64> = tr.iter().map(|(x, _)| net.latent(x)[0]).collect();
    let lo = codes.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = codes.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let inside = te
        .iter()
        .filter(|(x, _)| (lo..=hi).contains(&net.latent(x)[0]))
        .count();
    let correct = te.iter().filter(|(x, y)| net.predict(x) == *y).count();
    assert_eq!(p.inside as usize, inside, "{p:?}");
    assert_eq!(p.accuracy, correct as f64 / t as f64);
    // A test whose answer is trivially true would not tell much: some codes are outside.
    assert!(inside > 0 && inside < t, "{inside} of {t}");
}

#[test]
fn the_run_is_deterministic_by_seed_and_independent_of_slicing() {
    let s = spec(&[4, 9], 300, 120, 2, 3);
    let a = run(s.clone(), 1 << 10);
    let b = run(s.clone(), 1 << 24);
    assert_eq!(a, b);
    let mut other = s;
    other.seed = 4;
    let c = run(other, 1 << 24);
    assert_ne!(
        (a.points[0].accuracy, a.points[0].inside, a.points[0].loss),
        (c.points[0].accuracy, c.points[0].inside, c.points[0].loss)
    );
}

#[test]
fn a_step_does_one_minibatch_so_cancel_waits_for_little() {
    // The worker cancels between steps; a step of tiny work does one minibatch, and the
    // report says where the training is (the caption's "epoch e of E, minibatch b of B").
    let s = spec(&[16], 200, 50, 2, 1);
    let mut r = Runner::with_digits(&JobSpec::DigitsLatent(s), shipped()).unwrap();
    let batches = 200usize.div_ceil(BATCH) as u32;
    let mut last = 0.0;
    for b in 1..=batches {
        assert!(!r.step(1));
        let JobOutput::DigitsLatent(rep) = r.output() else {
            panic!()
        };
        let c = rep.current.unwrap();
        let want = if b == batches { (1, 0) } else { (0, b) };
        assert_eq!((c.epoch, c.batch, c.batches), (want.0, want.1, batches));
        let p = r.progress();
        assert!(p > last && p < 0.5, "{p}");
        last = p;
    }
    // Dropping the runner mid-way (what cancel does) leaves nothing behind; a new run from
    // the same spec ends with the same result as an uninterrupted one.
    drop(r);
    let s = spec(&[16], 200, 50, 2, 1);
    let whole = run_to_end_with(&JobSpec::DigitsLatent(s.clone()), Some(shipped())).unwrap();
    let JobOutput::DigitsLatent(rep) = &whole else {
        panic!()
    };
    assert_eq!(rep, &run(s, 1 << 16));
    assert_eq!(JobOutput::from_json(&whole.to_json()).unwrap(), whole);
}

#[test]
fn untrusted_latent_specs_are_refused_with_a_reason() {
    let d = shipped();
    for (json, why) in [
        (
            r#"{"job":"digits_latent","ks":[],"train":100,"tests":10,"epochs":1,"hidden":64,"seed":1}"#,
            "bottleneck widths",
        ),
        (
            r#"{"job":"digits_latent","ks":[4,2],"train":100,"tests":10,"epochs":1,"hidden":64,"seed":1}"#,
            "increase",
        ),
        (
            r#"{"job":"digits_latent","ks":[65],"train":100,"tests":10,"epochs":1,"hidden":128,"seed":1}"#,
            "outside 1..=64",
        ),
        (
            r#"{"job":"digits_latent","ks":[40],"train":100,"tests":10,"epochs":1,"hidden":32,"seed":1}"#,
            "outside 1..=32",
        ),
        (
            r#"{"job":"digits_latent","ks":[4],"train":100,"tests":10,"epochs":0,"hidden":64,"seed":1}"#,
            "epochs",
        ),
        (
            r#"{"job":"digits_latent","ks":[4],"train":100,"tests":10,"epochs":21,"hidden":64,"seed":1}"#,
            "epochs",
        ),
        (
            r#"{"job":"digits_latent","ks":[4],"train":100,"tests":10,"epochs":1,"hidden":0,"seed":1}"#,
            "hidden",
        ),
        (
            r#"{"job":"digits_latent","ks":[4],"train":4001,"tests":10,"epochs":1,"hidden":64,"seed":1}"#,
            "training images",
        ),
        (
            r#"{"job":"digits_latent","ks":[4],"train":100,"tests":1001,"epochs":1,"hidden":64,"seed":1}"#,
            "test images",
        ),
    ] {
        let spec = JobSpec::from_json(json).unwrap();
        match Runner::with_digits(&spec, d.clone()) {
            Err(JobError::OutOfRange(m)) => assert!(m.contains(why), "{json}: {m}"),
            other => panic!("{json}: {other:?}"),
        }
    }
    // The figure's largest request (every k up to 64, 4,000 digits, 10 epochs) is within the
    // job limits.
    let (f, _) = AnyFigure::from_query(
        "digitscurve",
        "dg.red=latent&dg.nn=4000&dg.tests=1000&dg.ep=10&dg.kmax=784",
    )
    .unwrap();
    let AnyFigure::DigitsCurve(ref fig) = f else {
        panic!()
    };
    let big = JobSpec::DigitsLatent(fig.latent_spec().unwrap());
    assert!(big.work() > 1_000_000_000, "{}", big.work());
    assert!(Runner::with_digits(&big, d.clone()).is_ok());
    // Without the data file the job says what it needs.
    let spec = JobSpec::from_json(
        r#"{"job":"digits_latent","ks":[4],"train":100,"tests":10,"epochs":1,"hidden":64,"seed":1}"#,
    )
    .unwrap();
    assert!(matches!(Runner::new(&spec), Err(JobError::Data(_))));
    assert_eq!(spec.asset(), Some("mnist5k"));
}

#[test]
fn the_figure_runs_the_pixel_curves_then_the_nets_and_captions_both() {
    let bytes = std::fs::read("data/mnist5k.bin").unwrap();
    let q = "dg.red=all4&dg.n=200&dg.nn=300&dg.tests=60&dg.kmax=64&dg.ep=2&dg.seed=2";
    let (mut f, notes) = AnyFigure::from_query("digitscurve", q).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    f.give_asset(&bytes).unwrap();
    assert!(matches!(f.job(), Some(JobSpec::DigitsCurve(_))));
    f.complete_jobs().unwrap();
    assert!(f.job().is_none());
    let s = f.summary();
    let t = f.table().unwrap();
    assert_eq!(t.columns.last().unwrap(), "test accuracy of the net");
    let latent: Vec<_> = t
        .rows
        .iter()
        .filter(|r| format!("{:?}", r[0]).contains("latent space of a trained net"))
        .collect();
    assert_eq!(latent.len(), 8, "{:?}", t.rows);
    // The caption's numbers are the independent run's (same spec), formatted.
    let rep = run(spec(&[1, 4, 9, 16, 25, 36, 49, 64], 300, 60, 2, 2), 1 << 20);
    let (p16, p64) = (rep.point(16).unwrap(), rep.point(64).unwrap());
    let pc = highdim::format::percent;
    let want = format!(
        "in a 16-dimensional latent space the net classifies {} of test digits correctly while {} lie inside the training hull; in 64 dimensions, {} correct and {} inside.",
        pc(p16.accuracy),
        pc(p16.fraction()),
        pc(p64.accuracy),
        pc(p64.fraction())
    );
    assert!(s.contains(&want), "{s}\n{want}");
    assert!(s.contains("With 16 principal components"), "{s}");
    assert!(s.contains("trained for 2 epochs on N = 300 digits"), "{s}");
    // Each N control is enabled only where it matters.
    assert!(f.control_enabled("nn") && f.control_enabled("ep") && f.control_enabled("n"));
    let (g, _) = AnyFigure::from_query("digitscurve", "dg.red=latent").unwrap();
    assert!(g.control_enabled("nn") && !g.control_enabled("n"));
    let (g, _) = AnyFigure::from_query("digitscurve", "dg.red=pca").unwrap();
    assert!(!g.control_enabled("nn") && !g.control_enabled("ep") && g.control_enabled("n"));
    // Out-of-range keys are clamped with a note, like the others.
    let (f, notes) = AnyFigure::from_query("digitscurve", "dg.ep=99&dg.nn=5").unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    let q = f.query();
    assert!(q.contains("dg.ep=10") && q.contains("dg.nn=50"), "{q}");
    // A range entirely above 64 has no latent curve, and says why instead of computing.
    let (mut f, _) = AnyFigure::from_query("digitscurve", "dg.red=latent&dg.kmin=100").unwrap();
    f.give_asset(&bytes).unwrap();
    assert!(f.job().is_none());
    assert!(f.summary().contains("no wider than 64"), "{}", f.summary());
}
