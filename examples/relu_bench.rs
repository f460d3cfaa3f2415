//! Partition timings: `cargo run --release --example relu_bench` (the native half of
//! `scripts/bench-relu.sh`, which also times the wasm build under Node).
//!
//! For each architecture, a random (He) network and the same network after training on the
//! two spirals, the window `[-1.2, 1.2]²` is partitioned repeatedly; the table gives the
//! median time, the region count and the throughput.

use highdim::math::relu::{
    serra_bound, tessellate, Dataset, DatasetKind, DatasetSpec, Optimizer, ReluNet,
    TessellateOptions, TrainConfig, Trainer, Window,
};

/// Median wall time of `f` in milliseconds over enough runs to take about 0.3 s.
#[allow(clippy::disallowed_methods)]
fn time_ms(mut f: impl FnMut()) -> f64 {
    use std::time::Instant;
    let start = Instant::now();
    f();
    let first = start.elapsed().as_secs_f64();
    let runs = ((0.3 / first.max(1e-6)) as usize).clamp(3, 200);
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn main() {
    let data = Dataset::generate(&DatasetSpec {
        kind: DatasetKind::Spirals,
        points: 400,
        noise: 0.03,
        test_fraction: 0.0,
        seed: 1,
    })
    .expect("valid spec");
    let points: Vec<[f64; 2]> = data.train.iter().map(|s| s.point).collect();
    // Widths 8, 16, 32 at depths 1 to 3 (up to 2-32-32-32), and the largest the figure allows.
    let archs: [&[usize]; 10] = [
        &[8],
        &[8, 8],
        &[8, 8, 8],
        &[16],
        &[16, 16],
        &[16, 16, 16],
        &[32],
        &[32, 32],
        &[32, 32, 32],
        &[32; 6],
    ];
    let window = Window::DEFAULT;
    let options = TessellateOptions::default();
    println!(
        "{:<21} {:>8} {:>6} {:>9} {:>8} {:>9} {:>10} {:>9}",
        "architecture", "state", "steps", "train acc", "regions", "ms", "regions/ms", "Serra"
    );
    for hidden in archs {
        let net = ReluNet::random(hidden, 2, 7).expect("valid architecture");
        let steps = 3000;
        let mut trainer = Trainer::new(
            net.clone(),
            data.train.clone(),
            TrainConfig {
                optimizer: Optimizer::adam(0.01),
                batch_size: 32,
                l2: 0.0,
                seed: 3,
            },
        )
        .expect("valid config");
        let trained_steps = match trainer.run(steps) {
            Ok(_) => steps,
            Err(e) => {
                eprintln!("{hidden:?}: {e}");
                trainer.steps()
            }
        };
        let acc = trainer.evaluate(&data.train).accuracy;
        let trained = trainer.into_net();
        let name = format!(
            "2-{}",
            hidden
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join("-")
        );
        for (state, n, s, a) in [
            ("random", &net, 0, f64::NAN),
            ("trained", &trained, trained_steps, acc),
        ] {
            let t = tessellate(n, &window, &points, &options).expect("partition");
            let ms = time_ms(|| {
                let t = tessellate(n, &window, &points, &options).expect("partition");
                std::hint::black_box(t.len());
            });
            println!(
                "{:<21} {:>8} {:>6} {:>9} {:>8} {:>9.3} {:>10.0} {:>9.2e}",
                name,
                state,
                s,
                if a.is_nan() {
                    "-".to_string()
                } else {
                    format!("{:.1}%", 100.0 * a)
                },
                t.len(),
                ms,
                t.len() as f64 / ms,
                serra_bound(hidden, 2),
            );
        }
    }
}
