//! Wendel's theorem (1962) as a seeded statistical test: for N i.i.d. points from a
//! centrally symmetric law in general position in R^d,
//! P(0 ∈ conv X) = 1 − 2^{−(N−1)} Σ_{k<d} C(N−1, k), exactly ½ at N = 2d.

use highdim::math::hull::{Hull, HullOptions};
use highdim::math::rng::Rng;

fn binomial(n: u64, k: u64) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

fn wendel(d: u64, n: u64) -> f64 {
    let tail: f64 = (0..d.min(n)).map(|k| binomial(n - 1, k)).sum();
    1.0 - tail / 2f64.powi(n as i32 - 1)
}

#[test]
fn wendel_formula_sanity() {
    assert_eq!(wendel(1, 2), 0.5);
    assert_eq!(wendel(3, 6), 0.5);
    assert_eq!(wendel(2, 6), 1.0 - 6.0 / 32.0);
    assert_eq!(wendel(5, 5), 0.0); // N ≤ d points never surround the origin
}

#[test]
fn origin_in_hull_of_gaussian_points_follows_wendel() {
    let trials = 2000;
    let cases = [
        (1, 2),
        (2, 4),
        (2, 7),
        (3, 6),
        (4, 6),
        (5, 10),
        (8, 16),
        (8, 24),
        (16, 32),
    ];
    for (case, &(d, n)) in cases.iter().enumerate() {
        let mut rng = Rng::stream(1962, case as u64);
        let origin = vec![0.0; d];
        let mut inside = 0;
        for t in 0..trials {
            let data: Vec<f64> = (0..n * d).map(|_| rng.normal()).collect();
            let hull = Hull::new(d, data).expect("finite");
            // Alternate modes: both must follow the law.
            let opts = if t % 2 == 0 {
                HullOptions::default()
            } else {
                HullOptions::verdict_only()
            };
            if hull
                .classify(&origin, &opts)
                .expect("valid")
                .membership
                .is_inside()
            {
                inside += 1;
            }
        }
        let p = wendel(d as u64, n as u64);
        let got = inside as f64 / trials as f64;
        let se = (p * (1.0 - p) / trials as f64).sqrt();
        assert!(
            (got - p).abs() <= 4.0 * se,
            "d = {d}, N = {n}: {got} vs Wendel {p} (4 s.e. = {})",
            4.0 * se
        );
    }
}
