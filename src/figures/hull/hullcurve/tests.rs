//! Tests of the hull curve figure: grids, jobs, the calculator, the exact curves, the table.

use super::*;
use crate::figures::table::Cell;
use crate::jobs::run_to_end;

fn small() -> HullCurveParams {
    HullCurveParams {
        dmax: 6,
        nmax: 1000,
        tests: 60,
        ..HullCurveParams::defaults()
    }
}

#[test]
fn grids() {
    assert_eq!(train_grid(100_000).last(), Some(&100_000));
    let g = train_grid(20_000);
    assert!(g.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(*g.last().unwrap(), 20_000);
    assert!(g.contains(&10_000) && !g.contains(&17_783), "{g:?}");
    assert_eq!(train_grid(1), vec![2]);
    assert_eq!(dims_for(1), vec![1]);
    assert_eq!(dims_for(7), vec![1, 3, 5, 7]);
    assert_eq!(dims_for(6), vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(dims_for(13), vec![1, 4, 7, 10, 13]);
    for d in 1..=64 {
        let v = dims_for(d);
        assert!(v.len() <= 6 && *v.last().unwrap() == d && v[0] >= 1);
    }
}

#[test]
fn job_accept_and_stale_outputs() {
    let mut f = HullCurveFigure::new(small());
    let spec = f.job().expect("a job");
    assert!(matches!(&spec, JobSpec::HullGrid(g) if g.series.len() == 6 && g.tests == 60));
    assert!(f.summary().contains("simulating, 0 of"), "{}", f.summary());
    let out = run_to_end(&spec).unwrap();
    // A result for other parameters is ignored.
    let mut other = f.clone();
    other.set_params(HullCurveParams { seed: 9, ..small() });
    other.accept(&out);
    assert!(other.current().is_none());
    f.accept(&out);
    assert!(f.job().is_none());
    // Changing only the target keeps the result: no new computation.
    f.set_params(HullCurveParams {
        target: 9,
        ..small()
    });
    assert!(f.job().is_none());
    let c = f.crossings();
    assert!(
        matches!(c[0], (1, Crossing::Measured(n)) if n < 6.0),
        "{c:?}"
    );
    // Gaussian data: the calculator gives the theorem's N₅₀.
    let exact = GaussianHull::new();
    let n9 = exact.n50(9).unwrap().unwrap();
    assert_eq!(f.estimate(), Estimate::Exact(n9));
    let s = f.summary();
    assert!(s.contains("per extra dimension"), "{s}");
    assert!(
        s.contains(&format!(
            "at d = 9 an even chance of interpolating needs N = {} training samples (exact)",
            thousands(n9 as i64)
        )),
        "{s}"
    );
    assert!(s.contains("inside the 95% band in"), "{s}");
    // Beyond d = 30: the straight line through the exact values, labelled an estimate.
    f.set_params(HullCurveParams {
        target: 40,
        ..small()
    });
    let Estimate::ExactExtrapolated(n40) = f.estimate() else {
        panic!("{:?}", f.estimate())
    };
    let n30 = exact.n50(30).unwrap().unwrap() as f64;
    assert!(n40 > 50.0 * n30 && n40 < 1e4 * n30, "{n40:e}");
    assert!(f
        .summary()
        .contains("extrapolated along the straight line through the exact values"));
}

#[test]
fn without_a_theorem_the_calculator_reads_the_measurements() {
    let cube = HullCurveParams {
        dist: Distribution::UniformCube,
        target: 9,
        ..small()
    };
    let mut f = HullCurveFigure::new(cube.clone());
    assert!(f.exact.curves.is_empty() && f.exact_n50(4).is_none());
    f.accept(&run_to_end(&f.job().unwrap()).unwrap());
    let s = f.summary();
    assert!(s.contains("at d = 9 you would need about N ="), "{s}");
    assert!(s.contains("extrapolated"), "{s}");
    assert!(s.contains("No exact formula is known for this law"), "{s}");
    // The target at a measured dimension reads the measurement.
    f.set_params(HullCurveParams { target: 3, ..cube });
    assert!(matches!(f.estimate(), Estimate::Measured(_)));
    assert!(
        f.summary().contains("(measured; an estimate"),
        "{}",
        f.summary()
    );
    assert_eq!(f.table().unwrap().columns.len(), 8, "no exact column");
}

#[test]
fn exact_curves_follow_the_theorem_and_are_drawn_at_once() {
    let f = HullCurveFigure::new(small());
    let exact = GaussianHull::new();
    assert_eq!(f.exact.curves.len(), 6);
    for (s, d) in f.dims().into_iter().enumerate() {
        let curve = &f.exact.curves[s];
        assert!(curve.len() > 40, "d = {d}");
        assert!(curve
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1 + 1e-12));
        for &(n, p) in curve {
            assert_eq!(p, exact.p_inside(d, n as u64).unwrap());
        }
        assert_eq!(f.exact.n50[s], exact.n50(d).unwrap());
        // Zero up to N = d, positive just after.
        assert!(curve.iter().any(|&(n, p)| n == d as f64 && p == 0.0) || d < 2);
    }
    // Drawn before any simulation: one thin line per dimension.
    let svg =
        crate::figures::render_svg(&crate::figures::AnyFigure::HullCurve(f.clone()), 900, 430)
            .unwrap();
    assert!(svg.matches("<polyline").count() >= 6, "exact lines missing");
    assert!(svg.contains("simulation starting"));
    // Dimensions past 30 have no exact curve; the caption says so.
    let big = HullCurveFigure::new(HullCurveParams {
        dmax: 40,
        ..small()
    });
    assert_eq!(big.dims(), vec![8, 16, 24, 32, 40]);
    assert!(big.exact.curves[3].is_empty() && !big.exact.curves[2].is_empty());
    assert!(big
        .summary()
        .contains("Exact curves are drawn up to d = 30"));
}

#[test]
fn the_table_carries_the_exact_value_beside_each_estimate() {
    let mut f = HullCurveFigure::new(small());
    f.accept(&run_to_end(&f.job().unwrap()).unwrap());
    let t = f.table().unwrap();
    assert_eq!(t.columns.len(), 9);
    let exact = GaussianHull::new();
    for row in &t.rows {
        let (Cell::Num(d), Cell::Num(n), Cell::Num(p)) = (&row[1], &row[2], &row[8]) else {
            panic!("{row:?}")
        };
        assert_eq!(*p, exact.p_inside(*d as u32, *n as u64).unwrap());
    }
    let (inside, total) = f.coverage();
    assert_eq!(total, t.rows.len());
    assert!(inside <= total);
}

#[test]
fn keys_move_the_target() {
    let mut f = HullCurveFigure::new(small());
    assert!(f.key("ArrowRight").params_changed);
    assert_eq!(f.params().target, 21);
    f.set_params(HullCurveParams {
        target: 1,
        ..small()
    });
    assert_eq!(f.key("ArrowLeft"), Response::NONE);
    assert_eq!(f.key("x"), Response::NONE);
}
