//! The digits core: the file loader, the reductions, PCA against independent computations,
//! and the curve's shape on the shipped data.

use highdim::math::digits::*;
use highdim::math::rng::Rng;
use std::sync::Arc;

fn tiny() -> Digits {
    // Three 2×3 images.
    Digits::new(2, 3, vec![0, 7, 9], (0..18).map(|v| v as u8 * 10).collect()).unwrap()
}

#[test]
fn loader_round_trip() {
    let d = tiny();
    let bytes = d.to_bytes();
    assert_eq!(bytes.len(), HEADER_LEN + 3 + 18);
    assert_eq!(&bytes[..8], b"HDDIGITS");
    let back = Digits::from_bytes(&bytes).unwrap();
    assert_eq!(back, d);
    assert_eq!(back.image(1), &[60, 70, 80, 90, 100, 110]);
    assert_eq!(back.label(2), 9);
}

#[test]
fn loader_refuses_truncated_files() {
    let bytes = tiny().to_bytes();
    for cut in [0, 7, HEADER_LEN - 1] {
        assert_eq!(
            Digits::from_bytes(&bytes[..cut]),
            Err(DataError::TooShort { len: cut })
        );
    }
    let e = Digits::from_bytes(&bytes[..bytes.len() - 1]).unwrap_err();
    assert_eq!(
        e,
        DataError::WrongLength {
            expected: bytes.len(),
            found: bytes.len() - 1
        }
    );
    assert!(e.to_string().contains("truncated"), "{e}");
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(
        Digits::from_bytes(&longer),
        Err(DataError::WrongLength { .. })
    ));
}

#[test]
fn loader_refuses_corruption_and_bad_headers() {
    let bytes = tiny().to_bytes();
    // One pixel flipped: the checksum catches it.
    let mut bad = bytes.clone();
    *bad.last_mut().unwrap() ^= 1;
    let e = Digits::from_bytes(&bad).unwrap_err();
    assert!(matches!(e, DataError::Checksum { .. }), "{e:?}");
    assert!(e.to_string().contains("corrupted"));
    // A wrong stored checksum.
    let mut bad = bytes.clone();
    bad[24] ^= 0x80;
    assert!(matches!(
        Digits::from_bytes(&bad),
        Err(DataError::Checksum { .. })
    ));
    let mut bad = bytes.clone();
    bad[0] = b'X';
    assert_eq!(Digits::from_bytes(&bad), Err(DataError::BadMagic));
    let mut bad = bytes.clone();
    bad[8] = 2;
    assert_eq!(
        Digits::from_bytes(&bad),
        Err(DataError::UnsupportedVersion(2))
    );
    let mut bad = bytes.clone();
    bad[16..20].copy_from_slice(&0u32.to_le_bytes());
    assert!(matches!(
        Digits::from_bytes(&bad),
        Err(DataError::BadShape { rows: 0, .. })
    ));
}

#[test]
fn loader_refuses_labels_out_of_range() {
    // A file whose checksum is right but whose label is 10: built by hand.
    let d = tiny();
    let mut bytes = d.to_bytes();
    bytes[HEADER_LEN + 1] = 10;
    let sum = fnv1a64(&bytes[HEADER_LEN..]);
    bytes[24..32].copy_from_slice(&sum.to_le_bytes());
    assert_eq!(
        Digits::from_bytes(&bytes),
        Err(DataError::LabelOutOfRange {
            index: 1,
            label: 10
        })
    );
    assert!(Digits::new(1, 1, vec![200], vec![0]).is_err());
}

#[test]
fn shipped_file_is_valid_and_matches_the_data_note() {
    let bytes = std::fs::read("data/mnist5k.bin").unwrap();
    assert_eq!(bytes.len(), 3_925_032);
    assert_eq!(fnv1a64(&bytes[HEADER_LEN..]), 0xbd7a22a025b60d31);
    let d = Digits::from_bytes(&bytes).unwrap();
    assert_eq!((d.len(), d.rows(), d.cols()), (5000, 28, 28));
    let mut per = [0; 10];
    for i in 0..d.len() {
        per[d.label(i) as usize] += 1;
    }
    assert_eq!(per, [500; 10]);
    let note = std::fs::read_to_string("data/README.md").unwrap();
    assert!(note.contains("bd7a22a025b60d31") && note.contains("3,925,032"));
}

#[test]
fn split_is_a_seeded_permutation() {
    let a = Split::new(5000, 1000, 1);
    assert_eq!(a, Split::new(5000, 1000, 1));
    assert_ne!(a, Split::new(5000, 1000, 2));
    let mut all: Vec<usize> = a.test.iter().chain(&a.train).copied().collect();
    all.sort_unstable();
    assert_eq!(all, (0..5000).collect::<Vec<_>>());
}

#[test]
fn crop_and_subsample_on_synthetic_images() {
    // 6×6 image with value 10·row + col.
    let img: Vec<u8> = (0..36).map(|i| (10 * (i / 6) + i % 6) as u8).collect();
    let mut out = vec![0.0; 4];
    centre_crop(&img, 6, 6, 2, &mut out);
    assert_eq!(out, [22.0, 23.0, 32.0, 33.0]);
    let mut out = vec![0.0; 9];
    centre_crop(&img, 6, 6, 3, &mut out); // start ⌊3/2⌋ = 1
    assert_eq!(out, [11.0, 12.0, 13.0, 21.0, 22.0, 23.0, 31.0, 32.0, 33.0]);
    // Nested windows, as Reduction::is_nested claims, for the 28-pixel image.
    for s in 1..28 {
        assert!(crop_start(28, s + 1) <= crop_start(28, s));
        assert!(crop_start(28, s + 1) + s + 1 >= crop_start(28, s) + s);
    }
    // Subsampling the affine image 10r + c: each cell's mean is the value at its centre.
    let mut out = vec![0.0; 9];
    smooth_subsample(&img, 6, 6, 3, &mut out);
    let want = [5.5, 7.5, 9.5, 25.5, 27.5, 29.5, 45.5, 47.5, 49.5];
    for (o, w) in out.iter().zip(want) {
        assert!((o - w).abs() < 1e-12, "{out:?}");
    }
    // Non-integer factor (6 → 4): cell i covers source rows [1.5i, 1.5i + 1.5), so its 1-D
    // means of the index are 1/3, 5/3, 10/3, 14/3 (worked by hand: (0·1 + 1·½)/1.5, …).
    let m = [1.0 / 3.0, 5.0 / 3.0, 10.0 / 3.0, 14.0 / 3.0];
    let mut out = vec![0.0; 16];
    smooth_subsample(&img, 6, 6, 4, &mut out);
    for i in 0..4 {
        for j in 0..4 {
            assert!(
                (out[i * 4 + j] - (10.0 * m[i] + m[j])).abs() < 1e-12,
                "{out:?}"
            );
        }
    }
    // Side 1 is the mean; the full side is the image.
    let mut one = [0.0];
    smooth_subsample(&img, 6, 6, 1, &mut one);
    assert!((one[0] - 27.5).abs() < 1e-12);
    let mut full = vec![0.0; 36];
    smooth_subsample(&img, 6, 6, 6, &mut full);
    assert!(full
        .iter()
        .zip(&img)
        .all(|(a, &b)| (a - b as f64).abs() < 1e-12));
}

/// Cyclic Jacobi eigenvalue iteration: an independent method.
fn jacobi(mut a: Vec<f64>, n: usize) -> Vec<f64> {
    for _ in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j].powi(2))
            .sum();
        if off < 1e-26 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
            }
        }
    }
    let mut d: Vec<f64> = (0..n).map(|i| a[i * n + i]).collect();
    d.sort_by(|x, y| y.total_cmp(x));
    d
}

fn random_symmetric(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let v = rng.normal();
            a[i * n + j] = v;
            a[j * n + i] = v;
        }
    }
    a
}

#[test]
fn eigen_solver_agrees_with_jacobi_and_power_iteration() {
    for (n, seed) in [(1, 1), (2, 2), (5, 3), (12, 4), (30, 5)] {
        let a = random_symmetric(n, seed);
        let e = symmetric_eigen(a.clone(), n).unwrap();
        let j = jacobi(a.clone(), n);
        for (x, y) in e.values.iter().zip(&j) {
            assert!((x - y).abs() < 1e-10, "n={n}: {x} vs {y}");
        }
        // Orthonormal eigenvectors with A v = λ v.
        for r in 0..n {
            let v = &e.vectors[r * n..(r + 1) * n];
            for s in 0..n {
                let w = &e.vectors[s * n..(s + 1) * n];
                let dot: f64 = v.iter().zip(w).map(|(a, b)| a * b).sum();
                assert!((dot - if r == s { 1.0 } else { 0.0 }).abs() < 1e-10);
            }
            for i in 0..n {
                let av: f64 = (0..n).map(|k| a[i * n + k] * v[k]).sum();
                assert!((av - e.values[r] * v[i]).abs() < 1e-9);
            }
        }
    }
    // Power iteration on a positive semi-definite matrix (a covariance) finds the top pair.
    let n = 8;
    let mut rng = Rng::new(9);
    let rows: Vec<f64> = (0..40 * n).map(|_| rng.normal()).collect();
    let pca = Pca::fit(&rows, n).unwrap();
    let mut cov = vec![0.0; n * n];
    let mean = pca.mean().to_vec();
    for row in rows.chunks_exact(n) {
        for i in 0..n {
            for k in 0..n {
                cov[i * n + k] += (row[i] - mean[i]) * (row[k] - mean[k]) / 40.0;
            }
        }
    }
    let mut v = vec![1.0; n];
    let mut lambda = 0.0;
    for _ in 0..5000 {
        let w: Vec<f64> = (0..n)
            .map(|i| (0..n).map(|k| cov[i * n + k] * v[k]).sum())
            .collect();
        lambda = w.iter().map(|x| x * x).sum::<f64>().sqrt();
        v = w.iter().map(|x| x / lambda).collect();
    }
    assert!((lambda - pca.variances()[0]).abs() < 1e-8 * lambda);
    let c = pca.component(0);
    let dot: f64 = v.iter().zip(c).map(|(a, b)| a * b).sum();
    assert!((dot.abs() - 1.0).abs() < 1e-6, "{dot}");
    assert!((pca.explained(n) - 1.0).abs() < 1e-12);
    let total: f64 = pca.variances().iter().sum();
    let trace: f64 = (0..n).map(|i| cov[i * n + i]).sum();
    assert!((total - trace).abs() < 1e-10 * trace);
}

#[test]
fn pca_handles_constant_coordinates() {
    // The second coordinate never varies (like MNIST's border): zero variance, and the
    // components still form an orthonormal basis.
    let rows = [1.0, 5.0, 0.0, 3.0, 5.0, 1.0, 2.0, 5.0, 3.0, 0.0, 5.0, 2.0];
    let pca = Pca::fit(&rows, 3).unwrap();
    assert_eq!(pca.variances()[2], 0.0);
    for r in 0..3 {
        for s in 0..3 {
            let dot: f64 = pca
                .component(r)
                .iter()
                .zip(pca.component(s))
                .map(|(a, b)| a * b)
                .sum();
            assert!((dot - if r == s { 1.0 } else { 0.0 }).abs() < 1e-12);
        }
    }
    assert!((pca.explained(2) - 1.0).abs() < 1e-12);
    assert_eq!(Pca::fit(&[], 3), Err(PcaError::Empty));
    assert_eq!(Pca::fit(&[1.0, 2.0], 3), Err(PcaError::Shape));
}

fn shipped() -> Arc<Digits> {
    Arc::new(Digits::from_bytes(&std::fs::read("data/mnist5k.bin").unwrap()).unwrap())
}

#[test]
fn curve_has_the_expected_shape_on_real_digits() {
    // 1,000 training images and 200 test images keep the test quick; the shape is the
    // paper's: nearly everything inside at k = 1, almost nothing by a few tens of dimensions.
    let spec = CurveSpec {
        reductions: Reduction::ALL.to_vec(),
        ks: vec![1, 4, 16, 64, 784],
        train: 1000,
        tests: 200,
        seed: 1,
    };
    let mut run = CurveRun::new(spec, shipped()).unwrap();
    while !run.step(1 << 22).unwrap() {}
    let r = run.report();
    assert!(r.is_complete());
    for s in &r.series {
        let f: Vec<f64> = s.points.iter().map(|p| p.fraction()).collect();
        assert!(f[0] >= 0.95, "{:?} {f:?}", s.reduction);
        assert!(f[3] <= 0.05, "{:?} {f:?}", s.reduction);
        assert_eq!(f[4], 0.0, "{:?} {f:?}", s.reduction);
    }
    // Nested reductions never grow with k.
    for s in r.series.iter().filter(|s| s.reduction.is_nested()) {
        assert!(s.points.windows(2).all(|w| w[1].inside <= w[0].inside));
    }
    assert_eq!(r.explained.len(), 5);
    assert!(r.explained.windows(2).all(|w| w[0] <= w[1]));
    assert!((r.explained[4] - 1.0).abs() < 1e-9);
}

#[test]
fn inferred_cells_agree_with_computing_them() {
    // The nesting shortcut is exact: classify k = 36 from scratch and compare.
    let digits = shipped();
    let run_of = |ks: Vec<u32>| {
        let mut run = CurveRun::new(
            CurveSpec {
                reductions: vec![Reduction::Crop, Reduction::Pca],
                ks,
                train: 300,
                tests: 60,
                seed: 4,
            },
            digits.clone(),
        )
        .unwrap();
        while !run.step(1 << 20).unwrap() {}
        run.report().clone()
    };
    let chained = run_of(vec![4, 9, 16, 36]);
    let alone = run_of(vec![36]);
    for r in [Reduction::Crop, Reduction::Pca] {
        assert_eq!(
            chained.point(r, 36).unwrap().inside,
            alone.point(r, 36).unwrap().inside
        );
    }
}

#[test]
fn bad_curve_specs_are_refused() {
    let digits = shipped();
    let ok = CurveSpec {
        reductions: vec![Reduction::Crop],
        ks: vec![4, 9],
        train: 100,
        tests: 10,
        seed: 1,
    };
    assert!(CurveRun::new(ok.clone(), digits.clone()).is_ok());
    for bad in [
        CurveSpec {
            ks: vec![5],
            ..ok.clone()
        },
        CurveSpec {
            ks: vec![9, 4],
            ..ok.clone()
        },
        CurveSpec {
            ks: vec![900],
            reductions: vec![Reduction::Pca],
            ..ok.clone()
        },
        CurveSpec {
            train: 4001,
            ..ok.clone()
        },
        CurveSpec {
            tests: 1001,
            ..ok.clone()
        },
        CurveSpec {
            reductions: vec![],
            ..ok.clone()
        },
        CurveSpec {
            reductions: vec![Reduction::Crop, Reduction::Crop],
            ..ok.clone()
        },
    ] {
        assert!(
            matches!(
                CurveRun::new(bad.clone(), digits.clone()),
                Err(CurveError::Spec(_))
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn projection_of_a_test_digit_is_a_certified_nearest_point() {
    let digits = shipped();
    let p = project_test_digit(
        &digits,
        &ProjectSpec {
            train: 500,
            test: 3,
            seed: 1,
        },
    )
    .unwrap();
    // In 784 dimensions with 500 training images, a test digit is outside.
    assert!(!p.inside && p.distance > 0.0);
    // The nearest point of the hull is no farther than the nearest single image.
    assert!(p.distance <= p.nearest_image.1 + 1e-9);
    let w: f64 = p.nearest.weights.iter().sum();
    assert!((w - 1.0).abs() < 1e-9 && p.nearest.weights.iter().all(|&w| w >= 0.0));
    // Recompute the distance from the combination.
    let mut y = vec![0.0; 784];
    for (&i, &w) in p.nearest.indices.iter().zip(&p.nearest.weights) {
        for (o, &v) in y.iter_mut().zip(digits.image(i)) {
            *o += w * v as f64;
        }
    }
    let d: f64 = y
        .iter()
        .zip(digits.image(p.test as usize))
        .map(|(a, &b)| (a - b as f64).powi(2))
        .sum::<f64>()
        .sqrt();
    assert!((d - p.distance).abs() < 1e-6 * p.distance);
    assert!(project_test_digit(
        &digits,
        &ProjectSpec {
            train: 500,
            test: 1000,
            seed: 1
        }
    )
    .is_err());
}

#[test]
fn digits_jobs_cross_json_and_need_valid_data() {
    use highdim::jobs::{run_to_end_with, JobError, JobOutput, JobSpec, Runner};
    let spec = JobSpec::DigitsCurve(CurveSpec {
        reductions: vec![Reduction::Pca, Reduction::Smooth],
        ks: vec![1, 4],
        train: 200,
        tests: 20,
        seed: 3,
    });
    let json = spec.to_json();
    assert!(json.contains("\"job\":\"digits_curve\""), "{json}");
    assert_eq!(JobSpec::from_json(&json).unwrap(), spec);
    assert_eq!(spec.asset(), Some("mnist5k"));
    assert!(matches!(Runner::new(&spec), Err(JobError::Data(_))));
    let bytes = std::fs::read("data/mnist5k.bin").unwrap();
    let e = Runner::with_asset(&spec, &bytes[..bytes.len() - 5]).unwrap_err();
    assert!(
        matches!(e, JobError::Data(ref m) if m.contains("truncated")),
        "{e}"
    );
    let out = run_to_end_with(&spec, Some(shipped())).unwrap();
    assert_eq!(JobOutput::from_json(&out.to_json()).unwrap(), out);
    let JobOutput::DigitsCurve(r) = out else {
        panic!()
    };
    assert!(r.is_complete());
    // Untrusted JSON that does not fit the data is refused, not run.
    let bad = JobSpec::from_json(
        r#"{"job":"digits_curve","reductions":["crop"],"ks":[2],"train":10,"tests":5,"seed":1}"#,
    )
    .unwrap();
    assert!(matches!(
        Runner::with_asset(&bad, &bytes),
        Err(JobError::OutOfRange(_))
    ));
    let p =
        JobSpec::from_json(r#"{"job":"digits_project","train":100,"test":5,"seed":2}"#).unwrap();
    let JobOutput::DigitsProject(Ok(proj)) = run_to_end_with(&p, Some(shipped())).unwrap() else {
        panic!()
    };
    assert!(!proj.inside);
}

#[test]
fn digits_figures_compute_their_captions_from_the_data() {
    use highdim::figures::{render_svg, AnyFigure};
    let bytes = std::fs::read("data/mnist5k.bin").unwrap();
    let (mut fig, _) =
        AnyFigure::from_query("digitscurve", "dg.n=500&dg.tests=100&dg.kmax=64").unwrap();
    assert!(
        fig.job().is_none(),
        "nothing to compute before the data arrive"
    );
    assert!(fig.summary().starts_with("Loading the digits"));
    fig.give_asset(&bytes).unwrap();
    fig.complete_jobs().unwrap();
    let s = fig.summary();
    // The caption's numbers are the report's.
    let run = {
        let mut run = CurveRun::new(
            CurveSpec {
                reductions: Reduction::ALL.to_vec(),
                ks: vec![1, 4, 9, 16, 25, 36, 49, 64],
                train: 500,
                tests: 100,
                seed: 1,
            },
            shipped(),
        )
        .unwrap();
        while !run.step(1 << 22).unwrap() {}
        run.report().clone()
    };
    let pct = |r: Reduction, k| highdim::format::percent(run.point(r, k).unwrap().fraction());
    let want = format!(
        "With 16 principal components, {} of test digits lie inside the training hull; with 64, {}.",
        pct(Reduction::Pca, 16),
        pct(Reduction::Pca, 64)
    );
    assert!(s.contains(&want), "{s}\n{want}");
    let svg = render_svg(&fig, 800, 480).unwrap();
    assert!(svg.contains("principal components") && svg.contains("dimensions kept, k"));
    // A corrupt file: the figure says so, in the caption and the picture.
    let (mut bad, _) = AnyFigure::from_query("digitsproject", "").unwrap();
    let mut corrupt = bytes.clone();
    corrupt[1000] ^= 0xff;
    assert!(bad.give_asset(&corrupt).unwrap_err().contains("corrupted"));
    assert!(bad.summary().contains("corrupted"));
    assert!(render_svg(&bad, 600, 300).unwrap().contains("corrupted"));
    assert!(bad.job().is_none());
}

#[test]
fn bottleneck_gradient_matches_finite_differences() {
    let mut rng = Rng::new(5);
    let data: Vec<(Vec<f64>, usize)> = (0..6)
        .map(|i| {
            // Some exact zeros, as in digits (the code skips them).
            let x = (0..7)
                .map(|j| if (i + j) % 3 == 0 { 0.0 } else { rng.uniform() })
                .collect();
            (x, i % 3)
        })
        .collect();
    let mut net = Bottleneck::new(7, 5, 2, 3, 11);
    let (_, grad) = net.loss_and_gradient(&data);
    let h = 1e-6;
    for (j, &g) in grad.iter().enumerate() {
        let p0 = net.params_mut()[j];
        net.params_mut()[j] = p0 + h;
        let up = net.loss_and_gradient(&data).0;
        net.params_mut()[j] = p0 - h;
        let down = net.loss_and_gradient(&data).0;
        net.params_mut()[j] = p0;
        let fd = (up - down) / (2.0 * h);
        assert!(
            (fd - g).abs() < 1e-6 * (1.0 + fd.abs()),
            "parameter {j}: finite difference {fd}, gradient {g}"
        );
    }
}

#[test]
fn a_small_bottleneck_network_learns_digits_and_its_codes_extrapolate() {
    // 1,000 training digits, 3 epochs: far from the best, far better than chance (10%).
    let d = shipped();
    let narrow = latent_point(&d, 2, 1000, 200, 3, 1).unwrap();
    let wide = latent_point(&d, 32, 1000, 200, 3, 1).unwrap();
    assert!(wide.accuracy > 0.75, "{wide:?}");
    assert!(narrow.accuracy > 0.3, "{narrow:?}");
    // In 2 dimensions most codes are inside; in 32 almost none.
    assert!(
        narrow.inside as f64 / narrow.tested as f64 > 0.8,
        "{narrow:?}"
    );
    assert!((wide.inside as f64) < 0.1 * wide.tested as f64, "{wide:?}");
    assert!(latent_point(&d, 0, 1000, 200, 1, 1).is_err());
}
