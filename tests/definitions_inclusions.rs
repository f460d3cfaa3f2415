//! The definitions side by side: the inclusions hull ⊆ box ⊆ any, hull ⊆ ellipsoid and
//! hull ⊆ ball hold for the verdicts on random data (full-dimensional and flat), and the
//! Monte Carlo across definitions agrees with the hull's own.

use highdim::math::definitions::{
    fit, fit_rows, Definition, DefinitionError, DefinitionsCurve, DefinitionsParams, FitOptions,
    FittedRegion, Region,
};
use highdim::math::hull::{inside_fraction, Distribution, MonteCarloParams};
use highdim::math::input::InputError;
use highdim::math::rng::Rng;

fn sample(rng: &mut Rng, dist: Distribution, n: usize, d: usize) -> Vec<f64> {
    let mut out = vec![0.0; n * d];
    for row in out.chunks_exact_mut(d) {
        dist.sample(rng, row);
    }
    out
}

fn fit_all(d: usize, data: &[f64]) -> Vec<FittedRegion> {
    Definition::ALL
        .iter()
        .map(|&def| fit(def, d, data, &FitOptions::default()).expect("fit"))
        .collect()
}

/// Checks the implications for one query; returns the verdicts.
fn check(regions: &[FittedRegion], x: &[f64]) -> [bool; 5] {
    let v: Vec<bool> = regions.iter().map(|r| r.contains(x).unwrap()).collect();
    let [hull, bbox, any, ell, ball] = [v[0], v[1], v[2], v[3], v[4]];
    assert!(!hull || bbox, "hull but not box at {x:?}");
    assert!(!bbox || any, "box but not any at {x:?}");
    assert!(!hull || ell, "hull but not ellipsoid at {x:?}");
    assert!(!hull || ball, "hull but not ball at {x:?}");
    [hull, bbox, any, ell, ball]
}

#[test]
fn inclusions_hold_on_random_data() {
    let mut rng = Rng::new(1);
    for dist in [Distribution::Gaussian, Distribution::UniformCube] {
        for (d, n) in [(1, 4), (2, 8), (2, 50), (3, 30), (5, 100), (8, 200)] {
            let data = sample(&mut rng, dist, n, d);
            let regions = fit_all(d, &data);
            for (r, def) in regions.iter().zip(Definition::ALL) {
                assert_eq!((r.definition(), r.dim()), (def, d));
            }
            let mut counts = [0usize; 5];
            for q in 0..300 {
                // Queries from the same law, shrunk or stretched so both verdicts occur.
                let mut x = sample(&mut rng, dist, 1, d);
                let f = 0.3 + 1.2 * (q as f64 / 300.0);
                x.iter_mut().for_each(|v| *v *= f);
                let v = check(&regions, &x);
                for (c, b) in counts.iter_mut().zip(v) {
                    *c += b as usize;
                }
            }
            // Convex combinations of two core points of the ellipsoid (which lie on its
            // boundary): inside the hull by construction, often on its boundary, the hardest
            // case for the tolerances.
            let core = match &regions[3] {
                FittedRegion::Ellipsoid(e) => e.core_set().to_vec(),
                other => panic!("expected an ellipsoid, got {other:?}"),
            };
            for q in 0..100 {
                let (i, j) = (core[q % core.len()], core[(q * 7 + 1) % core.len()]);
                let t = rng.uniform();
                let x: Vec<f64> = (0..d)
                    .map(|c| (1.0 - t) * data[i * d + c] + t * data[j * d + c])
                    .collect();
                assert!(check(&regions, &x)[0], "{x:?} is in the hull");
            }
            // Training points are inside everything.
            for x in data.chunks_exact(d) {
                assert_eq!(check(&regions, x), [true; 5], "training point {x:?}");
            }
            // Both hull verdicts occur, so the implications were exercised.
            assert!(counts[0] > 0 && counts[0] < 300, "{dist} d={d}: {counts:?}");
        }
    }
}

#[test]
fn inclusions_hold_on_flat_data() {
    // N(0, I₂) mapped into R⁵ by a random 5 × 2 map; queries on the same plane, and some
    // pushed off it.
    let mut rng = Rng::new(2);
    let (d, k, n) = (5, 2, 40);
    let map: Vec<f64> = (0..d * k).map(|_| rng.normal()).collect();
    let embed = |z: &[f64]| -> Vec<f64> {
        (0..d)
            .map(|i| (0..k).map(|j| map[i * k + j] * z[j]).sum())
            .collect()
    };
    let data: Vec<f64> = (0..n)
        .flat_map(|_| embed(&[rng.normal(), rng.normal()]))
        .collect();
    let regions = fit_all(d, &data);
    match &regions[3] {
        FittedRegion::Ellipsoid(e) => assert_eq!(e.rank(), k),
        other => panic!("expected an ellipsoid, got {other:?}"),
    }
    let mut inside_hull = 0;
    for q in 0..200 {
        let mut x = embed(&[2.0 * rng.normal(), 2.0 * rng.normal()]);
        if q % 4 == 0 {
            x[q % d] += 1e-3;
        }
        let v = check(&regions, &x);
        inside_hull += v[0] as usize;
        if q % 4 == 0 {
            assert!(!v[0] && !v[3], "off the plane yet inside");
        }
    }
    assert!(inside_hull > 10, "{inside_hull}");
}

#[test]
fn the_interface_reports_typed_errors() {
    let o = FitOptions::default();
    for def in Definition::ALL {
        assert_eq!(
            fit(def, 2, &[], &o).unwrap_err(),
            DefinitionError::Input(InputError::Empty)
        );
        assert_eq!(
            fit(def, 2, &[1.0, f64::NAN], &o).unwrap_err(),
            DefinitionError::Input(InputError::NonFinite {
                point: Some(0),
                coordinate: 1
            })
        );
        assert_eq!(
            fit_rows(def, &[vec![1.0, 2.0], vec![3.0]], &o).unwrap_err(),
            DefinitionError::Input(InputError::RaggedPoint {
                point: 1,
                expected: 2,
                found: 1
            })
        );
        let r = fit_rows(def, &[[0.0, 0.0], [1.0, 1.0]], &o).unwrap();
        assert_eq!(
            r.contains(&[0.0]).unwrap_err(),
            DefinitionError::Input(InputError::DimensionMismatch {
                expected: 2,
                found: 1
            })
        );
        assert!(matches!(
            r.contains(&[0.0, 1e201]).unwrap_err(),
            DefinitionError::Input(InputError::TooLarge { point: None, .. })
        ));
        let bad = FitOptions {
            tolerance: -1.0,
            ..o
        };
        assert!(matches!(
            fit(def, 1, &[0.0], &bad).unwrap_err(),
            DefinitionError::InvalidOption {
                name: "tolerance",
                ..
            }
        ));
        // Names round-trip.
        assert_eq!(def.name().parse::<Definition>(), Ok(def));
        let json = serde_json::to_string(&def).unwrap();
        assert_eq!(json, format!("\"{}\"", def.name()));
    }
    let err = "simplex".parse::<Definition>().unwrap_err();
    assert!(err
        .to_string()
        .contains("hull, box, any, ellipsoid or ball"));
}

fn params(
    dim: usize,
    train: usize,
    tests: usize,
    dist: Distribution,
    seed: u64,
) -> DefinitionsParams {
    DefinitionsParams {
        sample: MonteCarloParams {
            dim,
            train,
            tests,
            distribution: dist,
            subspace: None,
            seed,
        },
        definitions: Definition::ALL.to_vec(),
        options: FitOptions::default(),
    }
}

fn run(p: DefinitionsParams, slice: usize) -> DefinitionsCurve {
    let mut r = DefinitionsCurve::new(p).unwrap();
    let mut steps = 0;
    while !r.step(slice).unwrap() {
        steps += 1;
        assert!(r.progress() < 1.0);
        assert!(steps < 100_000);
    }
    r
}

#[test]
fn monte_carlo_counts_nest_and_match_the_hull_run() {
    for (dist, d, n) in [
        (Distribution::Gaussian, 3, 50),
        (Distribution::UniformCube, 6, 100),
        (Distribution::Gaussian, 12, 200),
    ] {
        let p = params(d, n, 120, dist, 7);
        let whole = run(p.clone(), usize::MAX);
        let sliced = run(p.clone(), 7);
        let c = whole.counts();
        assert_eq!(c, sliced.counts(), "slicing changed the result");
        assert!(c.iter().all(|x| x.count.tests == 120));
        let [hull, bbox, any, ell, ball] = [0, 1, 2, 3, 4].map(|i| c[i].count.inside);
        assert!(
            hull <= bbox && bbox <= any && hull <= ell && hull <= ball,
            "{c:?}"
        );
        // Same samples as the hull's own Monte Carlo.
        assert_eq!(inside_fraction(&p.sample).unwrap().inside, hull);
        println!("{dist} d = {d}, N = {n}: hull {hull}, box {bbox}, any {any}, ellipsoid {ell}, ball {ball} of 120");
        let e = whole.ellipsoid().expect("fitted");
        assert_eq!(e.dim(), d);
        // Serialisable results.
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains("\"definition\":\"ellipsoid\""));
    }
}

#[test]
fn monte_carlo_on_a_subspace_and_with_a_subset_of_definitions() {
    let mut p = params(6, 30, 50, Distribution::Gaussian, 3);
    p.sample.subspace = Some(2);
    p.definitions = vec![Definition::Ellipsoid, Definition::Hull];
    let r = run(p.clone(), 5);
    let c = r.counts();
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].definition, Definition::Ellipsoid);
    assert!(c[1].count.inside <= c[0].count.inside);
    assert_eq!(r.ellipsoid().unwrap().rank(), 2);
    assert_eq!(
        inside_fraction(&p.sample).unwrap().inside,
        c[1].count.inside
    );
    let mut bad = params(2, 10, 10, Distribution::Gaussian, 1);
    bad.sample.subspace = Some(3);
    assert!(DefinitionsCurve::new(bad).is_err());
    let mut empty = params(2, 0, 10, Distribution::Gaussian, 1);
    assert_eq!(
        DefinitionsCurve::new(empty.clone()).unwrap_err(),
        DefinitionError::Input(InputError::Empty)
    );
    empty.sample.train = 5;
    empty.sample.tests = 0;
    assert!(run(empty, 1).counts().iter().all(|c| c.count.tests == 0));
}
