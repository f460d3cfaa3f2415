//! The exact partition, checked against independent methods: the forward pass, random
//! sampling, a line-arrangement count, the Serra bound and grid sampling.

use std::collections::{HashMap, HashSet};

use highdim::math::relu::{
    arrangement_regions_in_window, serra_bound, tessellate, ActivationPattern, LayerSpec, NetSpec,
    ReluNet, TessellateError, TessellateOptions, Tessellation, Window,
};
use highdim::math::rng::Rng;

fn full(net: &ReluNet, window: &Window) -> Tessellation {
    tessellate(net, window, &[], &TessellateOptions::default()).unwrap()
}

fn rel_close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()).max(1.0)
}

/// The invariants every tessellation must satisfy; `samples` interior points per region are
/// checked against the forward pass.
fn sanity_check(net: &ReluNet, t: &Tessellation, samples: usize, rng: &mut Rng) {
    let w = t.window();
    // Tiling by area.
    let total: f64 = t.regions().map(|r| r.area).sum();
    assert!(
        rel_close(total, w.area(), 1e-9),
        "areas sum to {total}, window {}",
        w.area()
    );
    // Per-layer counts.
    assert_eq!(t.per_layer().len(), t.layers());
    assert!(t.per_layer().windows(2).all(|p| p[0] <= p[1]));
    assert_eq!(t.per_layer().last(), Some(&t.len()));
    // One region per pattern (the set of inputs with one pattern is convex).
    let patterns: HashSet<ActivationPattern> = t.regions().map(|r| r.pattern).collect();
    assert_eq!(patterns.len(), t.len(), "a pattern appears in two regions");
    let size = (w.xmax() - w.xmin()).max(w.ymax() - w.ymin());
    for r in t.regions() {
        assert!(r.polygon.len() >= 3);
        assert!(r.area > 0.0);
        assert_eq!(r.pattern.layers(), t.layers());
        // Convex and counter-clockwise (up to rounding).
        let n = r.polygon.len();
        for i in 0..n {
            let (a, b, c) = (r.polygon[i], r.polygon[(i + 1) % n], r.polygon[(i + 2) % n]);
            let cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
            assert!(
                cross >= -1e-9 * size * size,
                "reflex vertex in region {}",
                r.index
            );
            assert!(
                w.contains(a) || {
                    let eps = 1e-9 * size;
                    a[0] >= w.xmin() - eps
                        && a[0] <= w.xmax() + eps
                        && a[1] >= w.ymin() - eps
                        && a[1] <= w.ymax() + eps
                }
            );
        }
        // Interior samples: convex combinations of the vertices, shrunk toward the centroid.
        let c = r.centroid();
        for _ in 0..samples {
            let mut weights: Vec<f64> = (0..n).map(|_| rng.uniform() + 1e-3).collect();
            let s: f64 = weights.iter().sum();
            weights.iter_mut().for_each(|v| *v /= s);
            let mut q = [0.0, 0.0];
            for (v, wt) in r.polygon.iter().zip(&weights) {
                q[0] += wt * v[0];
                q[1] += wt * v[1];
            }
            let p = [c[0] + 0.9 * (q[0] - c[0]), c[1] + 0.9 * (q[1] - c[1])];
            let actual = net.pattern(p).truncated(t.layers());
            assert_eq!(
                actual, r.pattern,
                "region {} (area {:e}) at {p:?}: pattern {} ≠ forward {}",
                r.index, r.area, r.pattern, actual
            );
            if t.is_complete() {
                let z = net.logits(p);
                assert_eq!(z.len(), r.maps.len());
                for (zk, m) in z.iter().zip(r.maps) {
                    assert!(
                        rel_close(*zk, m.eval(p), 1e-9),
                        "region {}: map gives {} but the network {}",
                        r.index,
                        m.eval(p),
                        zk
                    );
                }
            }
        }
    }
}

#[test]
fn random_nets_satisfy_the_invariants() {
    let mut rng = Rng::new(1);
    let archs: [(&[usize], usize); 7] = [
        (&[1], 2),
        (&[5], 2),
        (&[8, 8], 2),
        (&[16, 16, 16], 2),
        (&[6, 6, 6, 6], 3),
        (&[4, 4, 4, 4, 4, 4], 4),
        (&[32, 3], 3),
    ];
    for (i, (hidden, classes)) in archs.iter().enumerate() {
        let net = ReluNet::random(hidden, *classes, 100 + i as u64).unwrap();
        let t = full(&net, &Window::DEFAULT);
        assert!(t.is_complete());
        sanity_check(&net, &t, 3, &mut rng);
    }
}

#[test]
fn regions_do_not_overlap_and_cover_the_window() {
    let net = ReluNet::random(&[10, 10, 10], 2, 7).unwrap();
    let w = Window::DEFAULT;
    let t = full(&net, &w);
    assert!(t.len() > 50, "{}", t.len());
    let mut rng = Rng::new(2);
    let tol = 1e-9;
    for _ in 0..3000 {
        let p = [rng.uniform_in(-1.2, 1.2), rng.uniform_in(-1.2, 1.2)];
        let loose = t.regions().filter(|r| r.contains(p, tol)).count();
        let strict = t.regions().filter(|r| r.contains(p, -tol)).count();
        assert!(loose >= 1, "{p:?} is in no region");
        assert!(strict <= 1, "{p:?} is strictly inside {strict} regions");
        if strict == 1 {
            let r = t.regions().find(|r| r.contains(p, -tol)).unwrap();
            assert_eq!(r.pattern, net.pattern(p));
            assert_eq!(t.locate(p), Some(r.index));
        }
    }
}

#[test]
fn neighbours_differ_in_one_unit() {
    let net = ReluNet::random(&[8, 8, 8], 3, 21).unwrap();
    let w = Window::DEFAULT;
    let t = full(&net, &w);
    let delta = 1e-7;
    let (mut pairs, mut one) = (0, 0);
    for r in t.regions() {
        let n = r.polygon.len();
        for i in 0..n {
            let (a, b) = (r.polygon[i], r.polygon[(i + 1) % n]);
            let e = [b[0] - a[0], b[1] - a[1]];
            let len = e[0].hypot(e[1]);
            if len < 1e-6 {
                continue;
            }
            let m = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
            // Outward normal of a CCW polygon: the edge direction turned clockwise.
            let q = [m[0] + delta * e[1] / len, m[1] - delta * e[0] / len];
            if !w.contains(q) {
                continue;
            }
            let Some(other) = t.regions().find(|o| o.contains(q, -1e-12)) else {
                continue;
            };
            assert_ne!(
                other.index, r.index,
                "edge {i} of region {} is interior",
                r.index
            );
            let d = other.pattern.differing_units(&r.pattern);
            assert!(
                d >= 1,
                "neighbours {} and {} share a pattern",
                r.index,
                other.index
            );
            pairs += 1;
            if d == 1 {
                one += 1;
            }
        }
    }
    assert!(pairs > 100, "{pairs}");
    // Pre-activations are continuous, so generically exactly one unit flips across an edge.
    assert!(one as f64 >= 0.99 * pairs as f64, "{one} of {pairs}");
}

#[test]
fn one_layer_count_is_one_plus_lines_plus_intersections() {
    let w = Window::DEFAULT;
    for (seed, width) in [(1, 1), (2, 2), (3, 5), (4, 8), (5, 16), (6, 32), (7, 32)] {
        let net = ReluNet::random(&[width], 2, seed).unwrap();
        let t = full(&net, &w);
        let expected = arrangement_regions_in_window(&net.first_layer_lines(), &w);
        assert_eq!(t.len(), expected, "width {width}");
        assert_eq!(t.per_layer(), &[expected]);
    }
    // A window where some lines miss: shift it far away.
    let net = ReluNet::random(&[12], 2, 8).unwrap();
    let far = Window::new(0.5, 3.0, -0.2, 2.0).unwrap();
    let expected = arrangement_regions_in_window(&net.first_layer_lines(), &far);
    assert_eq!(full(&net, &far).len(), expected);
}

#[test]
fn counts_never_exceed_the_serra_bound() {
    let archs: [&[usize]; 8] = [
        &[3],
        &[6, 6],
        &[3, 8],
        &[8, 3],
        &[5, 5, 5],
        &[2, 2, 2, 2],
        &[8, 8, 8, 8],
        &[12, 2, 12],
    ];
    for (i, hidden) in archs.iter().enumerate() {
        for seed in 0..3 {
            let net = ReluNet::random(hidden, 2, 1000 * i as u64 + seed).unwrap();
            // A wide window catches (nearly) all regions of the whole plane.
            let wide = Window::new(-50.0, 50.0, -50.0, 50.0).unwrap();
            let t = full(&net, &wide);
            let bound = serra_bound(hidden, 2);
            assert!(
                t.len() as f64 <= bound,
                "{hidden:?}: {} regions > bound {bound}",
                t.len()
            );
            for (l, &count) in t.per_layer().iter().enumerate() {
                assert!(count as f64 <= serra_bound(&hidden[..=l], 2));
            }
        }
    }
}

/// Grid sampling: every sampled pattern is a region's pattern, never more patterns than
/// regions, and for a simple net every region bigger than a few grid cells is found.
#[test]
fn grid_sampling_agrees_with_the_exact_count() {
    for (hidden, seed) in [(&[6][..], 3), (&[5, 5][..], 4), (&[8, 8, 8][..], 5)] {
        let net = ReluNet::random(hidden, 2, seed).unwrap();
        let w = Window::DEFAULT;
        let t = full(&net, &w);
        let exact: HashMap<ActivationPattern, f64> =
            t.regions().map(|r| (r.pattern, r.area)).collect();
        let n = 300;
        let h = 2.4 / n as f64;
        let mut seen = HashSet::new();
        for i in 0..n {
            for j in 0..n {
                let p = [-1.2 + (i as f64 + 0.5) * h, -1.2 + (j as f64 + 0.5) * h];
                seen.insert(net.pattern(p));
            }
        }
        assert!(seen.len() <= t.len());
        for p in &seen {
            assert!(exact.contains_key(p), "sampled pattern {p} is not a region");
        }
        let big = exact.iter().filter(|(_, &a)| a > 20.0 * h * h).count();
        let found = exact
            .iter()
            .filter(|(p, &a)| a > 20.0 * h * h && seen.contains(p))
            .count();
        if hidden.len() == 1 {
            assert_eq!(found, big, "{hidden:?}");
        } else {
            assert!(found as f64 >= 0.97 * big as f64, "{found} of {big}");
        }
    }
}

#[test]
fn per_layer_views_nest() {
    let net = ReluNet::random(&[7, 7, 7], 4, 12).unwrap();
    let w = Window::DEFAULT;
    let t = full(&net, &w);
    let mut rng = Rng::new(4);
    for layers in 1..=3 {
        let opts = TessellateOptions {
            layers: Some(layers),
            ..TessellateOptions::default()
        };
        let part = tessellate(&net, &w, &[], &opts).unwrap();
        assert_eq!(part.len(), t.per_layer()[layers - 1]);
        assert_eq!(part.per_layer(), &t.per_layer()[..layers]);
        assert_eq!(part.is_complete(), layers == 3);
        sanity_check(&net, &part, 2, &mut rng);
        // Every full region refines exactly one region of the coarser view.
        let coarse: HashSet<ActivationPattern> = part.regions().map(|r| r.pattern).collect();
        for r in t.regions() {
            assert!(coarse.contains(&r.pattern.truncated(layers)));
        }
        // The hidden maps of a per-layer view are the post-ReLU units.
        if layers < 3 {
            let r = part.region(part.len() / 2);
            assert_eq!(r.maps.len(), 7);
            for (k, m) in r.maps.iter().enumerate() {
                let on = r.pattern.is_active(layers - 1, k);
                assert_eq!(on, *m != Default::default());
            }
        }
    }
    for bad in [0, 4] {
        let opts = TessellateOptions {
            layers: Some(bad),
            ..TessellateOptions::default()
        };
        assert_eq!(
            tessellate(&net, &w, &[], &opts).unwrap_err(),
            TessellateError::LayersOutOfRange {
                requested: bad,
                depth: 3
            }
        );
    }
}

#[test]
fn points_land_in_the_region_of_their_pattern() {
    let net = ReluNet::random(&[9, 9], 2, 31).unwrap();
    let w = Window::DEFAULT;
    let mut rng = Rng::new(5);
    let mut points: Vec<[f64; 2]> = (0..2000)
        .map(|_| [rng.uniform_in(-1.3, 1.3), rng.uniform_in(-1.3, 1.3)])
        .collect();
    points.push([f64::NAN, 0.0]);
    let t = tessellate(&net, &w, &points, &TessellateOptions::default()).unwrap();
    let mut owner = vec![None; points.len()];
    for r in t.regions() {
        for &i in r.points {
            assert!(owner[i].is_none(), "point {i} is in two regions");
            owner[i] = Some(r.index);
            assert_eq!(net.pattern(points[i]), r.pattern);
            assert!(r.contains(points[i], 1e-12));
        }
    }
    for (i, p) in points.iter().enumerate() {
        assert_eq!(owner[i].is_some(), w.contains(*p), "point {i} {p:?}");
    }
}

/// Sign changes of `class_at` along horizontal lines, sampled finely, against the crossings
/// of the exact boundary segments with those lines.
fn check_boundary_crossings(net: &ReluNet, t: &Tessellation) {
    let class_at = |p: [f64; 2]| net.predict(p);
    let samples = 12_000;
    let dx = 2.4 / samples as f64;
    let mut checked = 0;
    for k in 0..9 {
        let y = -1.1 + 0.25 * k as f64 + 0.0123;
        let mut changes = Vec::new();
        let mut prev = class_at([-1.2, y]);
        for i in 1..=samples {
            let x = -1.2 + i as f64 * dx;
            let c = class_at([x, y]);
            if c != prev {
                changes.push(x - dx / 2.0);
            }
            prev = c;
        }
        let mut crossings: Vec<f64> = t
            .boundary()
            .iter()
            .filter(|s| (s.from[1] - y) * (s.to[1] - y) < 0.0)
            .map(|s| s.from[0] + (y - s.from[1]) / (s.to[1] - s.from[1]) * (s.to[0] - s.from[0]))
            .collect();
        crossings.sort_by(f64::total_cmp);
        assert_eq!(
            changes.len(),
            crossings.len(),
            "y = {y}: {changes:?} vs {crossings:?}"
        );
        for (a, b) in changes.iter().zip(&crossings) {
            assert!((a - b).abs() <= dx, "y = {y}: {a} vs {b}");
        }
        checked += changes.len();
    }
    assert!(checked > 0);
}

#[test]
fn decision_boundary_is_exact_for_one_logit() {
    let net = ReluNet::random(&[8, 8], 2, 41).unwrap();
    let t = full(&net, &Window::DEFAULT);
    for s in t.boundary() {
        let r = t.region(s.region);
        for p in [s.from, s.to] {
            assert!(r.maps[0].eval(p).abs() < 1e-9);
            assert!(net.logits(p)[0].abs() < 1e-9);
            assert!(r.contains(p, 1e-9));
        }
        assert_eq!(s.classes, (0, 1));
    }
    check_boundary_crossings(&net, &t);
}

#[test]
fn decision_boundary_is_exact_for_softmax() {
    for (classes, seed) in [(3, 51), (4, 52)] {
        let net = ReluNet::random(&[8, 8], classes, seed).unwrap();
        let t = full(&net, &Window::DEFAULT);
        for s in t.boundary() {
            let r = t.region(s.region);
            let (j, k) = s.classes;
            let mid = [(s.from[0] + s.to[0]) / 2.0, (s.from[1] + s.to[1]) / 2.0];
            let z = net.logits(mid);
            assert!((z[j] - z[k]).abs() < 1e-9, "{z:?}");
            let top = z[j].max(z[k]);
            assert!(z.iter().all(|&v| v <= top + 1e-9), "{z:?} {s:?}");
            assert!(r.contains(mid, 1e-9));
        }
        check_boundary_crossings(&net, &t);
    }
}

fn spec(layers: Vec<(Vec<Vec<f64>>, Vec<f64>)>) -> ReluNet {
    ReluNet::from_spec(&NetSpec {
        layers: layers
            .into_iter()
            .map(|(weights, biases)| LayerSpec { weights, biases })
            .collect(),
    })
    .unwrap()
}

#[test]
fn degenerate_ladder() {
    let w = Window::DEFAULT;
    let mut rng = Rng::new(9);
    let out = (vec![vec![1.0, -1.0, 0.5]], vec![0.1]);
    let cases: Vec<(&str, ReluNet, usize)> = vec![
        (
            "all-zero weights: one region",
            spec(vec![
                (vec![vec![0.0, 0.0]; 3], vec![1.0, -1.0, 0.0]),
                out.clone(),
            ]),
            1,
        ),
        (
            "duplicate units: one line",
            spec(vec![(vec![vec![1.0, 2.0]; 3], vec![0.1; 3]), out.clone()]),
            2,
        ),
        (
            "three concurrent lines: 6 regions, not 7",
            spec(vec![
                (
                    vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]],
                    vec![0.0; 3],
                ),
                out.clone(),
            ]),
            6,
        ),
        (
            "a line along the window's edge and one through a corner",
            spec(vec![
                (
                    vec![vec![1.0, 0.0], vec![1.0, -1.0], vec![0.0, 1.0]],
                    vec![1.2, 0.0, -0.3],
                ),
                out.clone(),
            ]),
            4,
        ),
        (
            "parallel lines",
            spec(vec![
                (
                    vec![vec![1.0, 1.0], vec![2.0, 2.0], vec![-1.0, -1.0]],
                    vec![0.0, 0.5, 0.7],
                ),
                out.clone(),
            ]),
            4,
        ),
    ];
    for (name, net, expected) in cases {
        let t = full(&net, &w);
        assert_eq!(t.len(), expected, "{name}");
        sanity_check(&net, &t, 4, &mut rng);
    }
}

#[test]
fn extreme_scales() {
    let mut rng = Rng::new(10);
    let net = ReluNet::random(&[8, 8], 2, 61).unwrap();
    let windows = [
        Window::new(-1e-6, 1e-6, 0.3, 0.3 + 1e-6).unwrap(),
        Window::new(-1e5, 1e5, -1e5, 1e5).unwrap(),
        Window::new(100.0, 101.0, -0.5, 0.5).unwrap(),
        Window::new(-1.2, 1.2, -1e-3, 1e-3).unwrap(),
    ];
    for w in windows {
        let t = full(&net, &w);
        sanity_check(&net, &t, 2, &mut rng);
    }
    // Huge weights: scaling the first layer and every later bias by 1e6 scales every
    // pre-activation by 1e6 (ReLU is positively homogeneous), so the partition is unchanged.
    let mut spec = net.to_spec();
    for (l, layer) in spec.layers.iter_mut().enumerate() {
        if l == 0 {
            layer.weights.iter_mut().flatten().for_each(|v| *v *= 1e6);
        }
        layer.biases.iter_mut().for_each(|v| *v *= 1e6);
    }
    let big = ReluNet::from_spec(&spec).unwrap();
    let a = full(&net, &Window::DEFAULT);
    let b = full(&big, &Window::DEFAULT);
    assert_eq!(a.len(), b.len());
    sanity_check(&big, &b, 2, &mut rng);
}

#[test]
fn region_cap_and_non_finite_nets() {
    let net = ReluNet::random(&[16, 16], 2, 71).unwrap();
    let opts = TessellateOptions {
        layers: None,
        max_regions: 20,
    };
    let e = tessellate(&net, &Window::DEFAULT, &[], &opts).unwrap_err();
    assert!(matches!(
        e,
        TessellateError::TooManyRegions { limit: 20, .. }
    ));
    assert!(e.to_string().contains("more than 20 regions"));
    let mut bad = net;
    bad.params_mut()[3] = f64::NAN;
    assert_eq!(
        tessellate(&bad, &Window::DEFAULT, &[], &TessellateOptions::default()).unwrap_err(),
        TessellateError::NonFiniteNet
    );
}

#[test]
fn tens_of_thousands_of_regions() {
    let net = ReluNet::random(&[32; 6], 2, 81).unwrap();
    let wide = Window::new(-4.0, 4.0, -4.0, 4.0).unwrap();
    let t = full(&net, &wide);
    assert!(t.len() > 10_000, "{}", t.len());
    let total: f64 = t.regions().map(|r| r.area).sum();
    assert!(rel_close(total, wide.area(), 1e-9));
    let patterns: HashSet<ActivationPattern> = t.regions().map(|r| r.pattern).collect();
    assert_eq!(patterns.len(), t.len());
}

/// Trained networks are where degeneracies live (dead units, nearly parallel or coincident
/// lines, regions squeezed between data points).
#[test]
fn trained_network_satisfies_the_invariants() {
    use highdim::math::relu::{Dataset, DatasetKind, DatasetSpec, Optimizer, TrainConfig, Trainer};
    let data = Dataset::generate(&DatasetSpec {
        kind: DatasetKind::Spirals,
        points: 200,
        noise: 0.02,
        test_fraction: 0.0,
        seed: 5,
    })
    .unwrap();
    let net = ReluNet::random(&[16, 16, 16], 2, 6).unwrap();
    let config = TrainConfig {
        optimizer: Optimizer::adam(0.01),
        batch_size: 32,
        l2: 0.0,
        seed: 7,
    };
    let mut trainer = Trainer::new(net, data.train.clone(), config).unwrap();
    trainer.run(600).unwrap();
    let net = trainer.into_net();
    let points: Vec<[f64; 2]> = data.train.iter().map(|s| s.point).collect();
    let t = tessellate(
        &net,
        &Window::DEFAULT,
        &points,
        &TessellateOptions::default(),
    )
    .unwrap();
    let mut rng = Rng::new(8);
    sanity_check(&net, &t, 3, &mut rng);
    let placed: usize = t.regions().map(|r| r.points.len()).sum();
    let inside = points
        .iter()
        .filter(|p| Window::DEFAULT.contains(**p))
        .count();
    assert_eq!(placed, inside);
    check_boundary_crossings(&net, &t);
}

/// Many small random architectures and windows.
#[test]
fn random_architectures_and_windows() {
    let mut rng = Rng::new(77);
    for case in 0..60 {
        let depth = 1 + rng.below(4) as usize;
        let hidden: Vec<usize> = (0..depth).map(|_| 1 + rng.below(10) as usize).collect();
        let classes = 2 + rng.below(3) as usize;
        let net = ReluNet::random(&hidden, classes, case).unwrap();
        let (cx, cy) = (rng.uniform_in(-2.0, 2.0), rng.uniform_in(-2.0, 2.0));
        let (hw, hh) = (rng.uniform_in(0.01, 3.0), rng.uniform_in(0.01, 3.0));
        let w = Window::new(cx - hw, cx + hw, cy - hh, cy + hh).unwrap();
        let t = full(&net, &w);
        sanity_check(&net, &t, 2, &mut rng);
        assert!(t.len() as f64 <= serra_bound(&hidden, 2));
    }
}
