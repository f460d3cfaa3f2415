//! Training: backprop against finite differences, convergence on toy data, divergence
//! handling, validation.

use highdim::math::relu::{
    Dataset, DatasetKind, DatasetSpec, DivergenceCause, NetError, Optimizer, ReluNet, Sample,
    TrainConfig, TrainError, Trainer, EXPLODED_LOSS,
};
use highdim::math::rng::Rng;

fn data(kind: DatasetKind, points: usize, noise: f64, seed: u64) -> Dataset {
    Dataset::generate(&DatasetSpec {
        kind,
        points,
        noise,
        test_fraction: 0.2,
        seed,
    })
    .unwrap()
}

/// Central differences on every parameter against the analytic gradient.
fn check_gradient(net: &ReluNet, batch: &[Sample], l2: f64) {
    let mut grad = vec![0.0; net.params().len()];
    net.loss_and_gradient(batch, l2, &mut grad);
    let mut scratch = grad.clone();
    let mut probe = net.clone();
    let h = 1e-6;
    let mut worst: f64 = 0.0;
    for (i, &analytic) in grad.iter().enumerate() {
        let orig = probe.params()[i];
        probe.params_mut()[i] = orig + h;
        let up = probe.loss_and_gradient(batch, l2, &mut scratch).loss;
        probe.params_mut()[i] = orig - h;
        let down = probe.loss_and_gradient(batch, l2, &mut scratch).loss;
        probe.params_mut()[i] = orig;
        let numeric = (up - down) / (2.0 * h);
        let err = (numeric - analytic).abs() / (numeric.abs() + analytic.abs()).max(1e-3);
        worst = worst.max(err);
        assert!(
            err < 1e-5,
            "parameter {i}: backprop {analytic} vs finite difference {numeric}"
        );
    }
    assert!(worst.is_finite());
}

#[test]
fn backprop_matches_finite_differences() {
    let mut rng = Rng::new(3);
    for (hidden, classes, l2) in [
        (&[5][..], 2, 0.0),
        (&[6, 4][..], 2, 0.01),
        (&[4, 4, 3][..], 3, 0.0),
        (&[3, 5][..], 4, 0.1),
    ] {
        let net = ReluNet::random(hidden, classes, 17).unwrap();
        let batch: Vec<Sample> = (0..12)
            .map(|_| Sample {
                point: [rng.uniform_in(-1.0, 1.0), rng.uniform_in(-1.0, 1.0)],
                class: rng.below(classes as u64) as usize,
            })
            .collect();
        check_gradient(&net, &batch, l2);
    }
}

#[test]
fn xor_reaches_95_percent_with_adam() {
    let d = data(DatasetKind::Xor, 400, 0.05, 1);
    let net = ReluNet::random(&[8, 8], 2, 2).unwrap();
    let config = TrainConfig {
        optimizer: Optimizer::adam(0.02),
        batch_size: 32,
        l2: 0.0,
        seed: 3,
    };
    let mut t = Trainer::new(net, d.train.clone(), config).unwrap();
    let before = t.evaluate(&d.train);
    let mut reached = None;
    for step in 1..=500u64 {
        t.step().unwrap();
        if step % 50 == 0 && t.evaluate(&d.train).accuracy >= 0.95 {
            reached = Some(step);
            break;
        }
    }
    let after = t.evaluate(&d.train);
    assert!(reached.is_some(), "train accuracy only {}", after.accuracy);
    assert!(after.loss < before.loss);
    assert!(t.evaluate(&d.test).accuracy >= 0.9);
}

#[test]
fn sgd_with_momentum_learns_moons() {
    let d = data(DatasetKind::Moons, 300, 0.05, 4);
    let net = ReluNet::random(&[16, 16], 2, 5).unwrap();
    let config = TrainConfig {
        optimizer: Optimizer::sgd(0.1, 0.9),
        batch_size: 16,
        l2: 1e-4,
        seed: 6,
    };
    let mut t = Trainer::new(net, d.train.clone(), config).unwrap();
    t.run(1500).unwrap();
    let m = t.evaluate(&d.train);
    assert!(m.accuracy >= 0.95, "{m:?}");
    assert!(t.epochs() >= 1500 * 16 / 240 - 1);
}

#[test]
fn softmax_separates_four_blobs() {
    let d = data(DatasetKind::Blobs { classes: 4 }, 400, 0.0, 7);
    let net = ReluNet::random(&[8], 4, 8).unwrap();
    let mut t = Trainer::new(net, d.train.clone(), TrainConfig::default()).unwrap();
    t.run(600).unwrap();
    assert!(t.evaluate(&d.test).accuracy >= 0.9);
}

#[test]
fn l2_shrinks_the_weights() {
    let d = data(DatasetKind::Circles, 200, 0.05, 9);
    let norm = |l2: f64| {
        let net = ReluNet::random(&[8, 8], 2, 10).unwrap();
        let config = TrainConfig {
            l2,
            ..TrainConfig::default()
        };
        let mut t = Trainer::new(net, d.train.clone(), config).unwrap();
        t.run(400).unwrap();
        t.net().params().iter().map(|v| v * v).sum::<f64>()
    };
    assert!(norm(0.1) < 0.5 * norm(0.0));
}

#[test]
fn training_is_reproducible() {
    let d = data(DatasetKind::Spirals, 200, 0.02, 11);
    let run = || {
        let net = ReluNet::random(&[8, 8], 2, 12).unwrap();
        let mut t = Trainer::new(net, d.train.clone(), TrainConfig::default()).unwrap();
        t.run(100).unwrap();
        t.into_net()
    };
    assert_eq!(run(), run());
}

#[test]
fn huge_learning_rate_diverges_without_panicking() {
    let d = data(DatasetKind::Spirals, 200, 0.05, 13);
    for optimizer in [Optimizer::sgd(1e8, 0.9), Optimizer::adam(1e150)] {
        let net = ReluNet::random(&[16, 16, 16], 2, 14).unwrap();
        let config = TrainConfig {
            optimizer,
            ..TrainConfig::default()
        };
        let mut t = Trainer::new(net, d.train.clone(), config).unwrap();
        let mut err = None;
        for _ in 0..200 {
            if let Err(e) = t.step() {
                err = Some(e);
                break;
            }
        }
        let Some(TrainError::Diverged(div)) = err else {
            panic!("{optimizer:?} did not diverge: {err:?}");
        };
        match div.cause {
            DivergenceCause::LossExploded(loss) => assert!(loss > EXPLODED_LOSS),
            DivergenceCause::LossInfinite
            | DivergenceCause::LossNan
            | DivergenceCause::WeightsNotFinite => {}
        }
        let msg = TrainError::Diverged(div).to_string();
        assert!(
            msg.starts_with(&format!("training diverged at step {}: ", div.step)),
            "{msg}"
        );
        assert!(msg.contains("lower the learning rate"), "{msg}");
        // The net is rolled back to finite weights with a sane loss, and the state sticks.
        assert!(t.net().is_finite());
        assert!(t.evaluate(&d.train).loss < EXPLODED_LOSS);
        assert_eq!(t.divergence(), Some(div));
        assert_eq!(t.step(), Err(TrainError::Diverged(div)));
        assert_eq!(t.steps(), div.step);
        let _ = t.net().predict([0.1, 0.2]);
    }
}

#[test]
fn invalid_architectures_are_typed_errors() {
    assert_eq!(ReluNet::random(&[], 2, 0), Err(NetError::NoHiddenLayer));
    assert_eq!(
        ReluNet::random(&[8; 7], 2, 0),
        Err(NetError::TooManyHiddenLayers { depth: 7 })
    );
    assert_eq!(
        ReluNet::random(&[8, 33], 2, 0),
        Err(NetError::WidthOutOfRange {
            layer: 1,
            width: 33
        })
    );
    assert_eq!(
        ReluNet::random(&[8], 1, 0),
        Err(NetError::ClassesOutOfRange { classes: 1 })
    );
    let e = ReluNet::random(&[8, 0], 2, 0).unwrap_err();
    assert_eq!(
        e.to_string(),
        "hidden layer 1 has 0 units; widths must be between 1 and 32"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(!boxed.to_string().is_empty());
}

#[test]
fn trainer_rejects_bad_inputs() {
    let net = ReluNet::random(&[4], 2, 0).unwrap();
    let point = |x: f64, class| Sample {
        point: [x, 0.0],
        class,
    };
    assert_eq!(
        Trainer::new(
            net.clone(),
            vec![point(f64::NAN, 0)],
            TrainConfig::default()
        )
        .unwrap_err(),
        TrainError::NonFinitePoint { index: 0 }
    );
    let mut nan_net = net.clone();
    nan_net.params_mut()[0] = f64::INFINITY;
    assert_eq!(
        Trainer::new(nan_net, vec![point(0.0, 0)], TrainConfig::default()).unwrap_err(),
        TrainError::NonFiniteNet
    );
    let c = TrainConfig {
        l2: -1.0,
        ..TrainConfig::default()
    };
    let e = Trainer::new(net, vec![point(0.0, 0)], c).unwrap_err();
    assert_eq!(
        e.to_string(),
        "L2 coefficient = -1 is out of range: it must be >= 0"
    );
}
