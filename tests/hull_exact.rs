//! The exact Gaussian hull probability (`math::hull::exact`) against independent evaluations:
//! 50-digit values computed offline, closed forms, the angle-sum relations of the regular
//! simplex, monotonicity, and Wendel's theorem.
//!
//! Provenance of the reference tables: `python3 scripts/kz_reference.py angles|grid|n50`
//! (mpmath 1.3.0, 50 significant digits, on 2026-12-05). That script evaluates the same
//! Kabluchko–Zaporozhets formula by other routes: the internal angles by tanh-sinh quadrature
//! along the real line, where the integrand cancels by up to 18 digits (harmless at 50 digits;
//! fatal in double precision), and the external angles by mpmath's quadrature at 50 digits.
// The reference values are kept with the 20 digits the script printed (f64 keeps 17).
#![allow(clippy::excessive_precision)]

use highdim::math::hull::exact::{ln_g_positive, ln_internal_angle};
use highdim::math::hull::{
    wendel_p_inside, ExactError, GaussianHull, MAX_EXACT_DIM, MAX_EXACT_TRAIN,
};

/// g_k(−1/(k+1)), the internal angle of the regular k-simplex at a vertex (mpmath, 50 digits,
/// rounded to 20).
const ANGLES: &[(u32, f64)] = &[
    (0, 1.0),
    (1, 0.5),
    (2, 0.16666666666666666667),
    (3, 0.043869914022955452628),
    (4, 0.0097846883724168781145),
    (5, 0.0019220437369843492616),
    (6, 0.00034069513969111475009),
    (7, 0.000055409353698599424466),
    (8, 8.3688410966660501538e-6),
    (9, 1.18465940304824526e-6),
    (10, 1.5830186649790236177e-7),
    (11, 2.0083967924586580089e-8),
    (12, 2.4307557157124748516e-9),
    (13, 2.8176006883581605931e-10),
    (14, 3.1384810639984591808e-11),
    (15, 3.369070726092836448e-12),
    (16, 3.4940877850358462234e-13),
    (17, 3.5086321792224701227e-14),
    (18, 3.4178888878991578299e-15),
    (19, 3.2354653634041316868e-16),
    (20, 2.9808388313915025097e-17),
    (21, 2.6764593962268387768e-18),
    (22, 2.3450037815481705155e-19),
    (23, 2.0071417954500463409e-20),
    (24, 1.6800109566112474806e-21),
    (25, 1.3764361581987798056e-22),
    (26, 1.1048090096793054847e-23),
    (27, 8.6946789040007639906e-25),
    (28, 6.7139350833413296456e-26),
    (29, 5.0904575946998779358e-27),
];

/// (d, N, P(x in hull)) from mpmath at 50 digits, rounded to 20.
const GRID: &[(u32, u64, f64)] = &[
    (2, 3, 0.087739828045910905256),
    (2, 6, 0.31523606601267914861),
    (2, 11, 0.51871153261788709558),
    (2, 31, 0.77072546973989394152),
    (2, 64, 0.87186094230028421549),
    (2, 100, 0.91186347829595307444),
    (2, 1000, 0.9885198721417630108),
    (2, 12345, 0.99887929258174668795),
    (2, 100000, 0.99984458140058627353),
    (2, 1000000, 0.99998276149378368975),
    (2, 30000000, 0.99999935029635599413),
    (2, 100000000, 0.99999979768437465941),
    (2, 10000000000, 0.99999999771471256685),
    (3, 6, 0.081889467057803463045),
    (3, 11, 0.23537837214905601544),
    (3, 31, 0.53788071316337704868),
    (3, 64, 0.70562820288924588088),
    (3, 100, 0.78301887059418808791),
    (3, 1000, 0.96309513381212803098),
    (3, 12345, 0.99562895105213587139),
    (3, 100000, 0.99931629466469140515),
    (3, 1000000, 0.99991561992855954732),
    (3, 30000000, 0.99999639267504936186),
    (3, 100000000, 0.99999883301303438521),
    (3, 10000000000, 0.99999998507326708661),
    (4, 6, 0.011532262421906095569),
    (4, 11, 0.078008832720593775545),
    (4, 31, 0.3166774479621895631),
    (4, 64, 0.50692853452197821647),
    (4, 100, 0.6109947710459274179),
    (4, 1000, 0.913430295459019453),
    (4, 12345, 0.98751031594342787773),
    (4, 100000, 0.99779097265318560689),
    (4, 1000000, 0.99969602089848989759),
    (4, 30000000, 0.99998522743326235711),
    (4, 100000000, 0.99999503225780036469),
    (4, 10000000000, 0.99999992792420843626),
    (5, 6, 0.00068139027938222950018),
    (5, 11, 0.018906455237013142211),
    (5, 31, 0.1581248307943670434),
    (5, 64, 0.32268371691955985885),
    (5, 100, 0.43093911944086956221),
    (5, 1000, 0.83541740525540991018),
    (5, 12345, 0.97104633293686407117),
    (5, 100000, 0.99420148251690222014),
    (5, 1000000, 0.99910915620680500228),
    (5, 30000000, 0.99995071392057542109),
    (5, 100000000, 0.99998276419448706341),
    (5, 10000000000, 0.99999971598951257576),
    (7, 11, 0.00041299754867647033166),
    (7, 31, 0.024910615120025068436),
    (7, 64, 0.09258273190379672093),
    (7, 100, 0.15932344628299363745),
    (7, 1000, 0.61074568403581058799),
    (7, 12345, 0.89894469803482279124),
    (7, 100000, 0.97404103013275386096),
    (7, 1000000, 0.99502046463159832601),
    (7, 30000000, 0.99964203334580527754),
    (7, 100000000, 0.99986451055790709208),
    (7, 10000000000, 0.99999711301915931181),
    (10, 11, 4.0167935849173160178e-8),
    (10, 31, 0.00055525176616550064288),
    (10, 64, 0.0065907260759845247606),
    (10, 100, 0.018279601524848078726),
    (10, 1000, 0.26288219013881120471),
    (10, 12345, 0.67616437680242832708),
    (10, 100000, 0.88054485325559104002),
    (10, 1000000, 0.96812008949055045288),
    (10, 30000000, 0.99660203486056096477),
    (10, 100000000, 0.99855070927883037483),
    (10, 10000000000, 0.99995444604318321391),
    (12, 31, 0.000023516695249796393234),
    (12, 64, 0.00072318705381711567971),
    (12, 100, 0.0029165354083906345257),
    (12, 1000, 0.11728977803943957543),
    (12, 12345, 0.48475415115004027484),
    (12, 100000, 0.76233602326724544349),
    (12, 1000000, 0.92151362855792508112),
    (12, 30000000, 0.9891545003301661581),
    (12, 100000000, 0.99499200931193110913),
    (12, 10000000000, 0.99979596230959511464),
    (16, 31, 1.0201290790904592416e-8),
    (16, 64, 3.4322186453041001026e-6),
    (16, 100, 0.000033265750793104949822),
    (16, 1000, 0.013749250778835298224),
    (16, 12345, 0.17220272850678542385),
    (16, 100000, 0.4456729163651458954),
    (16, 1000000, 0.72925000043092335989),
    (16, 30000000, 0.9382718029922207981),
    (16, 100000000, 0.96668510176095524011),
    (16, 10000000000, 0.99772906425713319867),
    (20, 31, 6.425038467869649725e-13),
    (20, 64, 5.4125569125790765562e-9),
    (20, 100, 1.5018029445741736751e-7),
    (20, 1000, 0.00087265288625880666436),
    (20, 12345, 0.038191742469111567824),
    (20, 100000, 0.18090514876801901895),
    (20, 1000000, 0.45069216962037848214),
    (20, 30000000, 0.8023438302011614817),
    (20, 100000000, 0.87623533640078061524),
    (20, 10000000000, 0.9860695820611193841),
    (25, 31, 1.4495481707604293119e-19),
    (25, 64, 4.2185822423398458015e-13),
    (25, 100, 5.7021064802483995913e-11),
    (25, 1000, 0.000013478450198601680015),
    (25, 12345, 0.0032275202017076729354),
    (25, 100000, 0.035534217210670820087),
    (25, 1000000, 0.16584845872563683092),
    (25, 30000000, 0.52111446756319543825),
    (25, 100000000, 0.64561188614767478519),
    (25, 10000000000, 0.92791462538044087224),
    (30, 31, 5.5540274853970378571e-29),
    (30, 64, 7.6652648048528225082e-18),
    (30, 100, 7.1088292104968737273e-15),
    (30, 1000, 1.0535861947570415927e-7),
    (30, 12345, 0.00015482187681872547357),
    (30, 100000, 0.0042141632428286103488),
    (30, 1000000, 0.039404382608891785607),
    (30, 30000000, 0.24551772442535774406),
    (30, 100000000, 0.36122158613051205174),
    (30, 10000000000, 0.77987542049794799838),
];

/// N₅₀ for d = 1..30, each checked by mpmath: P(N₅₀ − 1) < ½ ≤ P(N₅₀).
const N50: &[(u32, u64)] = &[
    (1, 3),
    (2, 11),
    (3, 27),
    (4, 63),
    (5, 135),
    (6, 278),
    (7, 555),
    (8, 1084),
    (9, 2080),
    (10, 3934),
    (11, 7353),
    (12, 13608),
    (13, 24971),
    (14, 45490),
    (15, 82345),
    (16, 148227),
    (17, 265502),
    (18, 473469),
    (19, 840994),
    (20, 1488471),
    (21, 2625892),
    (22, 4618782),
    (23, 8102162),
    (24, 14177270),
    (25, 24750662),
    (26, 43117963),
    (27, 74967569),
    (28, 130104402),
    (29, 225407041),
    (30, 389895462),
];

#[test]
fn internal_angles_match_fifty_digit_values() {
    for &(k, want) in ANGLES {
        let got = ln_internal_angle(k).exp();
        let rel = (got / want - 1.0).abs();
        assert!(
            rel < 1e-12,
            "k = {k}: {got:e} vs {want:e} (relative {rel:e})"
        );
    }
}

#[test]
fn probabilities_match_fifty_digit_values_on_the_grid() {
    let exact = GaussianHull::new();
    let (mut worst_abs, mut worst_rel) = (0f64, 0f64);
    for &(d, n, want) in GRID {
        let got = exact.p_inside(d, n).unwrap();
        let abs = (got - want).abs();
        worst_abs = worst_abs.max(abs);
        // The bar is 1e-7 absolute and 1e-4 relative where P ≥ 1e-4; the method
        // does far better, and this test holds it to that.
        assert!(abs < 1e-11, "d = {d}, N = {n}: {got} vs {want} ({abs:e})");
        if want >= 1e-4 {
            let rel = abs / want;
            worst_rel = worst_rel.max(rel);
            assert!(rel < 1e-9, "d = {d}, N = {n}: relative {rel:e}");
        }
    }
    eprintln!("worst error on the grid: {worst_abs:e} absolute, {worst_rel:e} relative");
}

#[test]
fn n50_matches_the_fifty_digit_bisection_checks() {
    let exact = GaussianHull::new();
    for &(d, want) in N50 {
        assert_eq!(exact.n50(d).unwrap(), Some(want), "d = {d}");
        let below = exact.p_inside(d, want - 1).unwrap();
        let at = exact.p_inside(d, want).unwrap();
        assert!(below < 0.5 && at >= 0.5, "d = {d}: {below} {at}");
    }
    assert_eq!(N50.len(), MAX_EXACT_DIM as usize);
}

#[test]
fn one_dimension_is_two_over_n_plus_one_through_the_general_terms() {
    // P(outside) = 2 b_{N,0} = 2 g_N(1) = 2/(N+1): the new point is the largest or smallest.
    let exact = GaussianHull::new();
    for n in [
        1u64,
        2,
        3,
        4,
        9,
        10,
        99,
        1000,
        123_457,
        10_000_000,
        MAX_EXACT_TRAIN,
    ] {
        let via_terms = 2.0 * exact.term(n, 0);
        let want = 2.0 / (n as f64 + 1.0);
        assert!(
            (via_terms / want - 1.0).abs() < 1e-12,
            "N = {n}: {via_terms:e} vs {want:e}"
        );
        let p = exact.p_inside(1, n).unwrap();
        assert_eq!(p, 1.0 - want);
    }
}

#[test]
fn the_angle_sums_of_the_regular_simplex_are_one_half_each() {
    // For n points, the terms with even k and those with odd k each sum to ½ (the
    // Gram–Sommerville relations for the regular simplex; equivalently, the formula gives
    // P(outside) = 1 at d = n and d = n + 1). This ties the internal angles, which are hard,
    // to the external ones, which are not, at every k < 30.
    let exact = GaussianHull::new();
    for n in 1u64..=29 {
        let (mut even, mut odd) = (0.0, 0.0);
        for k in 0..=n as u32 {
            if k % 2 == 0 {
                even += exact.term(n, k);
            } else {
                odd += exact.term(n, k);
            }
        }
        assert!(
            (even - 0.5).abs() < 1e-12,
            "n = {n}: even terms sum to {even}"
        );
        assert!((odd - 0.5).abs() < 1e-12, "n = {n}: odd terms sum to {odd}");
    }
}

#[test]
fn external_angles_at_r_one_are_one_over_n_plus_one() {
    // g_n(1) = ∫ Φ(t)ⁿ φ(t) dt = 1/(n+1), exactly, up to n = 10¹⁰.
    for n in [1.0, 5.0, 1e2, 1e4, 1e6, 1e8, 1e10] {
        let got = ln_g_positive(n, 1.0).exp();
        assert!((got * (n + 1.0) - 1.0).abs() < 1e-12, "n = {n}: {got:e}");
    }
}

#[test]
fn probability_increases_with_n() {
    let exact = GaussianHull::new();
    for d in 1..=MAX_EXACT_DIM {
        let mut last = -1.0;
        let mut n = d as u64;
        while n <= MAX_EXACT_TRAIN {
            let p = exact.p_inside(d, n).unwrap();
            // Strictly where P carries digits; within the documented absolute accuracy
            // (1e-12) where P is 1 − (a sum that rounds to 1).
            let slack = if p < 1e-6 { 1e-12 } else { 0.0 };
            assert!(p >= last - slack, "d = {d}: P({n}) = {p} < {last}");
            assert!((0.0..=1.0).contains(&p));
            last = p;
            n = (n as f64 * 1.37).ceil() as u64;
        }
        // Consecutive N around N₅₀, where the curve is steepest in absolute terms.
        let n50 = exact.n50(d).unwrap().unwrap();
        let ps: Vec<f64> = (n50.saturating_sub(5).max(1)..=n50 + 5)
            .map(|n| exact.p_inside(d, n).unwrap())
            .collect();
        assert!(ps.windows(2).all(|w| w[0] <= w[1]), "d = {d}: {ps:?}");
    }
}

#[test]
fn too_few_points_never_hold_a_new_one() {
    let exact = GaussianHull::new();
    for d in 1..=MAX_EXACT_DIM {
        for n in 1..=d as u64 {
            assert_eq!(exact.p_inside(d, n).unwrap(), 0.0, "d = {d}, N = {n}");
        }
        // Just past N = d the probability is small (d + 1 points make a simplex, and a
        // simplex holds a new sample rarely once d is moderate).
        let p = exact.p_inside(d, d as u64 + 1).unwrap();
        assert!(p >= -1e-12 && p < 1.0 / (d as f64 + 1.0), "d = {d}: {p}");
    }
}

#[test]
fn the_centre_is_easier_to_hold_than_a_new_sample() {
    // Wendel: P(0 ∈ hull) = P(Binomial(N − 1, ½) ≥ d), exactly ½ at N = 2d; a random new
    // sample is never more likely to be inside than the centre of the law.
    let exact = GaussianHull::new();
    for d in 1..=MAX_EXACT_DIM {
        assert!(
            (wendel_p_inside(d, 2 * d as u64) - 0.5).abs() < 1e-14,
            "d = {d}"
        );
        for n in [d as u64 + 1, 2 * d as u64, 10 * d as u64, 1000, 100_000] {
            let w = wendel_p_inside(d, n);
            // An independent sum of exact binomial coefficients for small N.
            if n <= 60 {
                let mut c = 1u128;
                let mut below = 0u128;
                for k in 0..d as u128 {
                    below += c;
                    c = c * (n as u128 - 1 - k) / (k + 1);
                }
                let want = 1.0 - below as f64 / 2f64.powi(n as i32 - 1);
                assert!((w - want).abs() < 1e-14, "d = {d}, N = {n}: {w} vs {want}");
            }
            let p = exact.p_inside(d, n).unwrap();
            assert!(p <= w + 1e-15, "d = {d}, N = {n}: sample {p} > centre {w}");
        }
    }
}

#[test]
fn the_domain_is_checked() {
    let exact = GaussianHull::new();
    assert_eq!(exact.p_inside(0, 10), Err(ExactError::Dimension(0)));
    assert_eq!(exact.p_inside(31, 10), Err(ExactError::Dimension(31)));
    assert_eq!(exact.p_inside(3, 0), Err(ExactError::TrainingSize(0)));
    assert_eq!(
        exact.p_inside(3, MAX_EXACT_TRAIN + 1),
        Err(ExactError::TrainingSize(MAX_EXACT_TRAIN + 1))
    );
    assert_eq!(exact.smallest_n(3, 1.0), Err(ExactError::Probability));
    assert_eq!(exact.smallest_n(3, f64::NAN), Err(ExactError::Probability));
    assert!(exact.p_inside(30, MAX_EXACT_TRAIN).unwrap() > 0.7);
    // Quantiles other than ½ are consistent with the probabilities.
    let n90 = exact.smallest_n(4, 0.9).unwrap().unwrap();
    assert!(exact.p_inside(4, n90 - 1).unwrap() < 0.9 && exact.p_inside(4, n90).unwrap() >= 0.9);
    assert_eq!(exact.smallest_n(30, 0.999).unwrap(), None);
    assert!(exact.p_inside(3, 10).unwrap().to_string().len() > 5);
    assert!(ExactError::Dimension(40).to_string().contains("1..=30"));
}

fn highdim(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_highdim"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_exact_command_prints_csv_and_refuses_bad_arguments() {
    let out = highdim(&["exact", "--dims", "2..4", "--n", "3,100,1000"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "d,n,p_inside");
    assert_eq!(lines.len(), 1 + 9);
    // N < d + 1 gives 0; other cells print the library's value to full precision.
    assert!(
        lines.contains(&"3,3,0") && lines.contains(&"4,3,0"),
        "{text}"
    );
    let exact = GaussianHull::new();
    for line in &lines[1..] {
        let f: Vec<&str> = line.split(',').collect();
        let (d, n, p): (u32, u64, f64) = (
            f[0].parse().unwrap(),
            f[1].parse().unwrap(),
            f[2].parse().unwrap(),
        );
        assert_eq!(p, exact.p_inside(d, n).unwrap(), "{line}");
    }
    let out = highdim(&["exact", "--dims", "2..20", "--n50"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut want = String::from("d,n50\n");
    for &(d, n) in N50.iter().filter(|(d, _)| (2..=20).contains(d)) {
        want.push_str(&format!("{d},{n}\n"));
    }
    assert_eq!(text, want);
    for bad in [
        &["exact", "--dims", "0..3", "--n", "10"][..],
        &["exact", "--dims", "31", "--n", "10"],
        &["exact", "--dims", "3", "--n", "0"],
        &["exact", "--dims", "3", "--n", "10000000001"],
        &["exact", "--dims", "3", "--n", "ten"],
        &["exact", "--dims", "3"],
        &["exact", "--dims", "3", "--n", "10", "--n50"],
        &["exact", "--dims", "", "--n50"],
    ] {
        let out = highdim(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!out.stderr.is_empty(), "{bad:?}: no message");
    }
}
