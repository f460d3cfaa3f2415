//! The minimum-volume enclosing ellipsoid: known cases, the degenerate ladder, containment,
//! affine equivariance, optimality, and agreement of the two algorithms.

use highdim::math::definitions::linalg::{cholesky, log_det_from_cholesky};
use highdim::math::definitions::{
    DefinitionError, Mvee, MveeAlgorithm, MveeOptions, MveeSolver, DEFAULT_TOLERANCE,
};
use highdim::math::input::InputError;
use highdim::math::rng::Rng;

const TAU: f64 = DEFAULT_TOLERANCE;

fn opts(algorithm: MveeAlgorithm, epsilon: f64) -> MveeOptions {
    MveeOptions {
        epsilon,
        max_iterations: 2_000_000,
        algorithm,
    }
}

const BOTH: [MveeAlgorithm; 2] = [MveeAlgorithm::ToddYildirim, MveeAlgorithm::Khachiyan];

fn fit(dim: usize, data: &[f64], algorithm: MveeAlgorithm, epsilon: f64) -> Mvee {
    Mvee::fit(dim, data, TAU, &opts(algorithm, epsilon)).expect("fit")
}

/// Khachiyan's method converges sublinearly (O(1/ε) iterations once near the optimum), so
/// tests ask it for less: (ε, relative tolerance on the answer).
fn accuracy(algorithm: MveeAlgorithm) -> (f64, f64) {
    match algorithm {
        MveeAlgorithm::ToddYildirim => (1e-10, 1e-8),
        MveeAlgorithm::Khachiyan => (1e-5, 1e-2),
    }
}

fn assert_close(a: &[f64], b: &[f64], tol: f64, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= tol * (1.0 + y.abs()),
            "{what}[{i}]: {x} vs {y}"
        );
    }
}

fn gaussian(rng: &mut Rng, n: usize, d: usize) -> Vec<f64> {
    (0..n * d).map(|_| rng.normal()).collect()
}

/// Every training point has radius at most 1 (up to rounding) and lies on the span.
fn sanity_check(e: &Mvee, data: &[f64]) {
    let d = e.dim();
    let w: f64 = e.weights().iter().sum();
    assert!((w - 1.0).abs() < 1e-9, "weights sum to {w}");
    assert!(e.weights().iter().all(|&u| u >= 0.0));
    assert!(e.gap() <= e.options().epsilon);
    let mut max_r: f64 = 0.0;
    for x in data.chunks_exact(d) {
        assert!(
            e.contains(x).unwrap(),
            "training point {x:?} outside its MVEE"
        );
        max_r = max_r.max(e.radius(x).unwrap());
    }
    if e.rank() > 0 {
        assert!(
            (max_r - 1.0).abs() < 1e-9,
            "farthest point at radius {max_r}"
        );
    }
    // The bound is measured on the data in floating point: with axes of very different
    // lengths (the fuzz test spans 10⁻⁴..10⁴) rounding moves it by about 10⁻⁸.
    let bound = e.volume_ratio_bound();
    let k = e.rank() as f64;
    assert!(bound >= 1.0 - 1e-12);
    assert!(
        bound <= (e.options().epsilon * (k + 1.0) / 2.0).exp() * (1.0 + 1e-7),
        "bound {bound}, rank {}, gap {}, eps {}, dim {d}",
        e.rank(),
        e.gap(),
        e.options().epsilon
    );
}

#[test]
fn square_gives_the_circle_of_radius_root_two() {
    let data = [1.0, 1.0, 1.0, -1.0, -1.0, 1.0, -1.0, -1.0];
    for alg in BOTH {
        let e = fit(2, &data, alg, 1e-10);
        sanity_check(&e, &data);
        assert_close(e.centre(), &[0.0, 0.0], 1e-9, "centre");
        assert_close(&e.shape(), &[0.5, 0.0, 0.0, 0.5], 1e-9, "shape");
        assert!(e.contains(&[2f64.sqrt() - 1e-6, 0.0]).unwrap());
        assert!(!e.contains(&[2f64.sqrt() + 1e-6, 0.0]).unwrap());
        assert!((e.log_volume() - (2.0 * std::f64::consts::PI).ln()).abs() < 1e-9);
    }
}

#[test]
fn triangle_gives_the_steiner_circumellipse() {
    let data = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0];
    for alg in BOTH {
        let e = fit(2, &data, alg, 1e-10);
        sanity_check(&e, &data);
        assert_close(e.centre(), &[1.0 / 3.0, 1.0 / 3.0], 1e-9, "centre");
        assert_close(&e.shape(), &[3.0, 1.5, 1.5, 3.0], 1e-8, "shape");
        // Interior points change nothing (Khachiyan takes long to starve them of weight).
        let mut more = data.to_vec();
        more.extend_from_slice(&[0.2, 0.2, 0.5, 0.1, 1.0 / 3.0, 1.0 / 3.0]);
        let (eps, tol) = accuracy(alg);
        let e2 = fit(2, &more, alg, eps);
        sanity_check(&e2, &more);
        assert_close(
            &e2.shape(),
            &[3.0, 1.5, 1.5, 3.0],
            tol,
            "shape with interior points",
        );
    }
}

#[test]
fn regular_tetrahedron_gives_its_circumscribed_ball() {
    let data = [
        1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0, 1.0, -1.0, -1.0, -1.0, 1.0,
    ];
    for alg in BOTH {
        let e = fit(3, &data, alg, 1e-10);
        sanity_check(&e, &data);
        assert_close(e.centre(), &[0.0; 3], 1e-9, "centre");
        let third = 1.0 / 3.0;
        let expect = [third, 0.0, 0.0, 0.0, third, 0.0, 0.0, 0.0, third];
        assert_close(&e.shape(), &expect, 1e-8, "shape");
    }
}

#[test]
fn standard_simplex_is_flat_and_gives_its_circumsphere_in_the_plane() {
    // e₁, …, e_{k+1} in R^{k+1}: a regular k-simplex on the hyperplane Σx = 1.
    for k in 1..=6 {
        let d = k + 1;
        let mut data = vec![0.0; d * d];
        for i in 0..d {
            data[i * d + i] = 1.0;
        }
        let e = fit(d, &data, MveeAlgorithm::ToddYildirim, 1e-10);
        sanity_check(&e, &data);
        assert_eq!(e.rank(), k);
        assert_close(e.centre(), &vec![1.0 / d as f64; d], 1e-9, "centre");
        // A = (I − 11ᵀ/d)/R² with R² = k/d the squared circumradius.
        let r2 = k as f64 / d as f64;
        let expect: Vec<f64> = (0..d * d)
            .map(|ij| {
                let delta = if ij / d == ij % d { 1.0 } else { 0.0 };
                (delta - 1.0 / d as f64) / r2
            })
            .collect();
        assert_close(&e.shape(), &expect, 1e-8, "shape");
        let centroid = vec![1.0 / d as f64; d];
        assert!(e.contains(&centroid).unwrap());
        let mut off = centroid.clone();
        off[0] += 1e-6; // leaves the hyperplane
        assert!(!e.contains(&off).unwrap());
        assert!((e.distance_to_span(&off).unwrap() - 1e-6 / (d as f64).sqrt()).abs() < 1e-12);
    }
}

#[test]
fn points_on_a_line_in_3d_give_a_segment() {
    let a = [1.0, -2.0, 0.5];
    let b = [0.3, 0.4, -1.2];
    let ts = [-1.0, 0.3, 2.0, 0.5, 2.0];
    let data: Vec<f64> = ts
        .iter()
        .flat_map(|t| (0..3).map(move |j| a[j] + t * b[j]))
        .collect();
    let at = |t: f64| -> Vec<f64> { (0..3).map(|j| a[j] + t * b[j]).collect() };
    for alg in BOTH {
        let (eps, tol) = accuracy(alg);
        let e = fit(3, &data, alg, eps);
        sanity_check(&e, &data);
        assert_eq!(e.rank(), 1);
        assert_close(e.centre(), &at(0.5), tol, "centre");
        assert!(e.contains(&at(-0.99)).unwrap());
        assert!(e.contains(&at(1.99)).unwrap());
        assert!(!e.contains(&at(2.01)).unwrap());
        assert!(!e.contains(&at(-1.01)).unwrap());
        let mut off = at(0.5);
        off[2] += 1e-6;
        assert!(!e.contains(&off).unwrap());
        // The axes map is the half-segment.
        let f = e.axes();
        let half: f64 = 1.5 * b.iter().map(|v| v * v).sum::<f64>().sqrt();
        let len = f.iter().map(|v| v * v).sum::<f64>().sqrt();
        assert!((len - half).abs() < tol * half, "{len} vs {half}");
    }
}

#[test]
fn degenerate_ladder() {
    let o = MveeOptions::default();
    // Single point: the ellipsoid is that point.
    let e = Mvee::fit(2, &[0.1, 0.7], TAU, &o).unwrap();
    assert_eq!(e.rank(), 0);
    assert_eq!(e.centre(), &[0.1, 0.7]);
    assert!(e.contains(&[0.1, 0.7]).unwrap());
    assert!(!e.contains(&[0.1, 0.7000000001]).unwrap());
    assert_eq!(e.log_volume(), 0.0);
    // Duplicates of one point (whose mean is not exactly the point).
    let e = Mvee::fit(1, &[0.1, 0.1, 0.1], TAU, &o).unwrap();
    assert!(e.contains(&[0.1]).unwrap());
    // Two points: the segment.
    let data = [0.0, 0.0, 2.0, 2.0];
    let e = Mvee::fit(2, &data, TAU, &o).unwrap();
    sanity_check(&e, &data);
    assert_eq!(e.rank(), 1);
    assert!(e.contains(&[1.5, 1.5]).unwrap());
    assert!(!e.contains(&[1.5, 1.6]).unwrap());
    // Duplicated points in general position change nothing.
    let tri = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0];
    let mut dup = tri.to_vec();
    dup.extend_from_slice(&tri);
    dup.extend_from_slice(&[1.0, 0.0, 1.0, 0.0]);
    let e = Mvee::fit(
        2,
        &dup,
        TAU,
        &MveeOptions {
            epsilon: 1e-10,
            ..o
        },
    )
    .unwrap();
    sanity_check(&e, &dup);
    assert_close(&e.shape(), &[3.0, 1.5, 1.5, 3.0], 1e-7, "duplicates");
    // N < d + 1 in general position: flat.
    let mut rng = Rng::new(5);
    let data = gaussian(&mut rng, 4, 7);
    let e = Mvee::fit(7, &data, TAU, &o).unwrap();
    sanity_check(&e, &data);
    assert_eq!(e.rank(), 3);
    // Huge and tiny scales: the same ellipsoid, scaled.
    let base = gaussian(&mut rng, 30, 3);
    let e0 = Mvee::fit(
        3,
        &base,
        TAU,
        &MveeOptions {
            epsilon: 1e-10,
            ..o
        },
    )
    .unwrap();
    for scale in [1e-150, 1e150] {
        let data: Vec<f64> = base.iter().map(|v| v * scale).collect();
        let e = Mvee::fit(
            3,
            &data,
            TAU,
            &MveeOptions {
                epsilon: 1e-10,
                ..o
            },
        )
        .unwrap();
        sanity_check(&e, &data);
        let c: Vec<f64> = e.centre().iter().map(|v| v / scale).collect();
        assert_close(&c, e0.centre(), 1e-7, "scaled centre");
        let a: Vec<f64> = e.shape().iter().map(|v| v * scale * scale).collect();
        assert_close(&a, &e0.shape(), 1e-6, "scaled shape");
    }
}

#[test]
fn bad_input_is_a_typed_error() {
    let o = MveeOptions::default();
    assert_eq!(
        Mvee::fit(2, &[], TAU, &o).unwrap_err(),
        DefinitionError::Input(InputError::Empty)
    );
    assert_eq!(
        Mvee::fit(0, &[1.0], TAU, &o).unwrap_err(),
        DefinitionError::Input(InputError::ZeroDimension)
    );
    assert_eq!(
        Mvee::fit(2, &[1.0, 2.0, 3.0], TAU, &o).unwrap_err(),
        DefinitionError::Input(InputError::DataLength { len: 3, dim: 2 })
    );
    assert_eq!(
        Mvee::fit(2, &[1.0, 2.0, 3.0, f64::NAN], TAU, &o).unwrap_err(),
        DefinitionError::Input(InputError::NonFinite {
            point: Some(1),
            coordinate: 1
        })
    );
    assert!(matches!(
        Mvee::fit(1, &[1e300], TAU, &o).unwrap_err(),
        DefinitionError::Input(InputError::TooLarge { .. })
    ));
    let bad_eps = MveeOptions { epsilon: 0.0, ..o };
    assert!(matches!(
        Mvee::fit(1, &[1.0, 2.0], TAU, &bad_eps).unwrap_err(),
        DefinitionError::InvalidOption {
            name: "epsilon",
            ..
        }
    ));
    let mut rng = Rng::new(9);
    let data = gaussian(&mut rng, 200, 5);
    let capped = MveeOptions {
        max_iterations: 3,
        ..o
    };
    let err = Mvee::fit(5, &data, TAU, &capped).unwrap_err();
    assert!(
        matches!(err, DefinitionError::NotConverged { iterations: 3, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("3 iterations"));
    let e = Mvee::fit(5, &data, TAU, &o).unwrap();
    assert_eq!(
        e.contains(&[0.0; 4]).unwrap_err(),
        DefinitionError::Input(InputError::DimensionMismatch {
            expected: 5,
            found: 4
        })
    );
    assert!(matches!(
        e.contains(&[0.0, 0.0, f64::INFINITY, 0.0, 0.0])
            .unwrap_err(),
        DefinitionError::Input(InputError::NonFinite {
            point: None,
            coordinate: 2
        })
    ));
}

#[test]
fn training_points_are_inside_on_random_data() {
    let mut rng = Rng::new(11);
    for (d, n) in [
        (1, 5),
        (2, 10),
        (3, 100),
        (5, 40),
        (8, 300),
        (12, 50),
        (20, 200),
    ] {
        for cube in [false, true] {
            let data: Vec<f64> = if cube {
                (0..n * d).map(|_| rng.uniform_in(-1.0, 1.0)).collect()
            } else {
                gaussian(&mut rng, n, d)
            };
            for alg in BOTH {
                // Khachiyan is slow in debug builds: a loose ε suffices for containment.
                let eps = if alg == MveeAlgorithm::Khachiyan {
                    1e-2
                } else {
                    1e-7
                };
                let e = fit(d, &data, alg, eps);
                assert_eq!(e.rank(), d.min(n - 1));
                sanity_check(&e, &data);
                if alg == MveeAlgorithm::ToddYildirim {
                    // The core set is small and holds the boundary points.
                    assert!(e.core_set().len() <= n);
                    for &i in e.core_set() {
                        let r = e.radius(&data[i * d..(i + 1) * d]).unwrap();
                        assert!(r > 1.0 - 1e-2, "core point {i} at radius {r}");
                    }
                }
            }
        }
    }
}

/// A random well-conditioned invertible `d × d` map (row-major): I + G/(2√d).
fn random_map(rng: &mut Rng, d: usize) -> Vec<f64> {
    (0..d * d)
        .map(|ij| {
            let delta = if ij / d == ij % d { 1.0 } else { 0.0 };
            delta + rng.normal() / (2.0 * (d as f64).sqrt())
        })
        .collect()
}

fn mat_vec(m: &[f64], d: usize, x: &[f64]) -> Vec<f64> {
    (0..d)
        .map(|i| (0..d).map(|j| m[i * d + j] * x[j]).sum())
        .collect()
}

#[test]
fn mvee_is_affine_equivariant() {
    let mut rng = Rng::new(21);
    for trial in 0..12 {
        let d = [2, 3, 5, 8][trial % 4];
        let n = 3 * d + 5 + trial;
        let data = gaussian(&mut rng, n, d);
        let m = random_map(&mut rng, d);
        let t: Vec<f64> = (0..d).map(|_| 10.0 * rng.normal()).collect();
        let mapped: Vec<f64> = data
            .chunks_exact(d)
            .flat_map(|x| {
                mat_vec(&m, d, x)
                    .into_iter()
                    .zip(&t)
                    .map(|(a, b)| a + b)
                    .collect::<Vec<_>>()
            })
            .collect();
        let e = fit(d, &data, MveeAlgorithm::ToddYildirim, 1e-11);
        let e2 = fit(d, &mapped, MveeAlgorithm::ToddYildirim, 1e-11);
        sanity_check(&e2, &mapped);
        // Centre: Mc + t.
        let c: Vec<f64> = mat_vec(&m, d, e.centre())
            .into_iter()
            .zip(&t)
            .map(|(a, b)| a + b)
            .collect();
        assert_close(e2.centre(), &c, 1e-6, "centre");
        // Shape: A' = M⁻ᵀ A M⁻¹, i.e. Mᵀ A' M = A.
        let a2 = e2.shape();
        let mut back = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                back[i * d + j] = (0..d)
                    .flat_map(|k| (0..d).map(move |l| (k, l)))
                    .map(|(k, l)| m[k * d + i] * a2[k * d + l] * m[l * d + j])
                    .sum();
            }
        }
        let a = e.shape();
        let norm = a.iter().map(|v| v.abs()).fold(0.0, f64::max);
        for (x, y) in back.iter().zip(&a) {
            assert!((x - y).abs() < 1e-5 * norm, "trial {trial}: {x} vs {y}");
        }
        // The same points form the core set.
        assert_eq!(e.core_set(), e2.core_set(), "trial {trial}");
    }
}

fn log_det(a: &[f64], d: usize) -> Option<f64> {
    let mut l = a.to_vec();
    cholesky(&mut l, d).then(|| log_det_from_cholesky(&l, d))
}

#[test]
fn perturbations_never_give_a_smaller_enclosing_ellipsoid() {
    let mut rng = Rng::new(31);
    for (d, n) in [(2, 12), (3, 30), (5, 60)] {
        let data = gaussian(&mut rng, n, d);
        let e = fit(d, &data, MveeAlgorithm::ToddYildirim, 1e-11);
        let a = e.shape();
        let best = log_det(&a, d).expect("A is positive definite");
        let norm = a.iter().map(|v| v.abs()).fold(0.0, f64::max);
        for trial in 0..300 {
            let size = [1e-1, 1e-2, 1e-3, 1e-4][trial % 4];
            let mut a2 = a.clone();
            for i in 0..d {
                for j in 0..=i {
                    let s = size * norm * rng.normal();
                    a2[i * d + j] += s;
                    if i != j {
                        a2[j * d + i] += s;
                    }
                }
            }
            let c2: Vec<f64> = e
                .centre()
                .iter()
                .map(|c| c + size * rng.normal() / norm.sqrt())
                .collect();
            // Shrink or grow the perturbed ellipsoid until it just contains every point.
            let worst = data
                .chunks_exact(d)
                .map(|x| {
                    let r: Vec<f64> = x.iter().zip(&c2).map(|(a, b)| a - b).collect();
                    let ar = mat_vec(&a2, d, &r);
                    r.iter().zip(&ar).map(|(a, b)| a * b).sum::<f64>()
                })
                .fold(0.0, f64::max);
            if worst <= 0.0 {
                continue;
            }
            if let Some(ld) = log_det(&a2, d) {
                let ld = ld - d as f64 * worst.ln();
                assert!(
                    ld <= best + 1e-8,
                    "d = {d}, size {size}: ln det {ld} beats {best}"
                );
            }
        }
    }
}

#[test]
fn todd_yildirim_and_khachiyan_agree() {
    let mut rng = Rng::new(41);
    for (d, n) in [(2, 20), (3, 40), (4, 25)] {
        let data = gaussian(&mut rng, n, d);
        let ty = fit(d, &data, MveeAlgorithm::ToddYildirim, 1e-10);
        let kh = fit(d, &data, MveeAlgorithm::Khachiyan, 1e-4);
        assert!(kh.iterations() > ty.iterations());
        let a = ty.shape();
        let norm = a.iter().map(|v| v.abs()).fold(0.0, f64::max);
        for (x, y) in kh.shape().iter().zip(&a) {
            assert!((x - y).abs() < 2e-2 * norm, "d = {d}: {x} vs {y}");
        }
        // ε-optimal: Khachiyan's volume is within its bound of the (near-)optimum.
        assert!(kh.log_volume() >= ty.log_volume() - 1e-9);
        assert!(kh.log_volume() <= ty.log_volume() + kh.volume_ratio_bound().ln() + 1e-9);
    }
}

#[test]
fn solver_slicing_does_not_change_the_result() {
    let mut rng = Rng::new(51);
    let data = gaussian(&mut rng, 80, 4);
    let o = MveeOptions::default();
    let whole = Mvee::fit(4, &data, TAU, &o).unwrap();
    let mut s = MveeSolver::new(4, &data, TAU, &o).unwrap();
    let mut slices = 0;
    while !s.step(3).unwrap() {
        slices += 1;
    }
    assert!(slices > 1);
    assert_eq!(s.finish().unwrap(), whole);
    let unfinished = MveeSolver::new(4, &data, TAU, &o).unwrap();
    assert!(matches!(
        unfinished.finish().unwrap_err(),
        DefinitionError::NotConverged { .. }
    ));
}

#[test]
fn gaussian_test_points_are_in_the_ellipsoid_but_not_the_hull() {
    use highdim::math::hull::Hull;
    let (d, n, tests) = (16, 400, 300);
    let mut rng = Rng::new(61);
    let data = gaussian(&mut rng, n, d);
    let e = Mvee::fit(d, &data, TAU, &MveeOptions::default()).unwrap();
    let hull = Hull::new(d, data.clone()).unwrap();
    let (mut in_e, mut in_h) = (0, 0);
    for _ in 0..tests {
        let x = gaussian(&mut rng, 1, d);
        in_e += e.contains(&x).unwrap() as usize;
        in_h += hull.contains(&x).unwrap() as usize;
    }
    let (pe, ph) = (in_e as f64 / tests as f64, in_h as f64 / tests as f64);
    println!(
        "d = {d}, N = {n}: P(ellipsoid) = {pe:.3}, P(hull) = {ph:.3} ({} iterations, core set {})",
        e.iterations(),
        e.core_set().len()
    );
    assert!(pe > 0.75, "{pe}");
    assert!(ph < 0.1, "{ph}");
}

#[test]
fn nearly_flat_data_straddles_the_rank_tolerance() {
    // Points on a plane in R³, lifted off it by noise of size `h`: below τ·s the data counts
    // as flat (rank 2), above it the ellipsoid is full but very thin. Either way the training
    // points are inside and the rule is the documented one.
    let mut rng = Rng::new(71);
    for (h, rank) in [(1e-12, 2), (1e-6, 3), (1e-3, 3)] {
        let data: Vec<f64> = (0..40)
            .flat_map(|_| {
                let (a, b) = (rng.normal(), rng.normal());
                [a + b, a - b, h * rng.uniform_in(-1.0, 1.0)]
            })
            .collect();
        let e = Mvee::fit(3, &data, TAU, &MveeOptions::default()).unwrap();
        assert_eq!(e.rank(), rank, "h = {h}");
        sanity_check(&e, &data);
        let above = [0.0, 0.0, 10.0 * h.max(1e-6)];
        assert!(!e.contains(&above).unwrap(), "h = {h}");
        assert!(e.contains(&[0.0, 0.0, 0.0]).unwrap(), "h = {h}");
        // Every core point pushed out along the ellipsoid's normal by τ·s/2: the hull test
        // accepts it (it is within τ·s of a training point), so must the ellipsoid, however
        // thin (here the radius grows by about τ·s/h along the thin axis).
        let hull = highdim::math::hull::Hull::new(3, data.clone()).unwrap();
        let a = e.shape();
        for &i in e.core_set() {
            let p = &data[i * 3..i * 3 + 3];
            let r: Vec<f64> = p.iter().zip(e.centre()).map(|(x, c)| x - c).collect();
            let n: Vec<f64> = (0..3)
                .map(|row| (0..3).map(|col| a[row * 3 + col] * r[col]).sum())
                .collect();
            let len = n.iter().map(|v| v * v).sum::<f64>().sqrt();
            let x: Vec<f64> = (0..3)
                .map(|c| p[c] + 0.5 * TAU * hull.scale() * n[c] / len)
                .collect();
            assert!(hull.contains(&x).unwrap());
            assert!(
                e.contains(&x).unwrap(),
                "h = {h}: hull-inside {x:?} outside the ellipsoid"
            );
        }
    }
}

#[test]
fn ellipsoids_round_trip_through_json_and_bad_json_is_refused() {
    let data = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.2, 0.3];
    let e = Mvee::fit(2, &data, TAU, &MveeOptions::default()).unwrap();
    let json = serde_json::to_string(&e).unwrap();
    let back: Mvee = serde_json::from_str(&json).unwrap();
    assert_eq!(back, e);
    assert_eq!(
        back.contains(&[0.4, 0.4]).unwrap(),
        e.contains(&[0.4, 0.4]).unwrap()
    );
    let broken = json.replace("\"rank\":2", "\"rank\":3");
    assert!(serde_json::from_str::<Mvee>(&broken).is_err());
}

#[test]
fn seeded_fuzz_over_awkward_data() {
    // Lattice points (many duplicates and collinear triples), data on random subspaces, and
    // mixtures of scales: every fit succeeds and contains its points and their midpoints.
    let mut rng = Rng::new(81);
    for trial in 0..150 {
        let d = 1 + rng.below(8) as usize;
        let n = 1 + rng.below(40) as usize;
        let kind = trial % 3;
        let k = 1 + rng.below(d as u64) as usize;
        let map: Vec<f64> = (0..d * k).map(|_| rng.normal()).collect();
        let data: Vec<f64> = (0..n)
            .flat_map(|_| match kind {
                0 => (0..d)
                    .map(|_| rng.below(3) as f64 - 1.0)
                    .collect::<Vec<_>>(),
                1 => {
                    let z: Vec<f64> = (0..k).map(|_| rng.normal()).collect();
                    (0..d)
                        .map(|i| (0..k).map(|j| map[i * k + j] * z[j]).sum::<f64>() + 5.0)
                        .collect()
                }
                _ => (0..d)
                    .map(|j| rng.normal() * 10f64.powi(j as i32 * 2 - 4))
                    .collect(),
            })
            .collect();
        for alg in BOTH {
            let eps = if alg == MveeAlgorithm::Khachiyan {
                1e-2
            } else {
                1e-7
            };
            let e = Mvee::fit(d, &data, TAU, &opts(alg, eps))
                .unwrap_or_else(|err| panic!("trial {trial} ({kind}, d={d}, N={n}): {err}"));
            sanity_check(&e, &data);
            for q in 0..n.min(10) {
                let (i, j) = (q, (q * 5 + 3) % n);
                let mid: Vec<f64> = (0..d)
                    .map(|c| 0.5 * (data[i * d + c] + data[j * d + c]))
                    .collect();
                assert!(e.contains(&mid).unwrap(), "trial {trial}: midpoint outside");
            }
        }
    }
}
